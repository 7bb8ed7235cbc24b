package dev.moddesk.app.rooms;

import dev.moddesk.app.core.I18n;
import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Polyline;
import javafx.util.Subscription;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * One room on the wall: kind, title, host and city, audience, seat occupancy, flagged messages and open reports, and
 * the last minute's messages per second as a sparkline. Focusable; a click or Enter opens the room's monitor.
 */
final class RoomCardView extends VBox {
    static final double SPARK_WIDTH = 200;
    static final double SPARK_HEIGHT = 34;

    private final RoomCardModel model;
    private final I18n i18n;
    private final FontIcon kindIcon = new FontIcon();
    private final Label title = new Label();
    private final Label where = new Label();
    private final Label audience = new Label();
    private final Label seats = new Label();
    private final Label flagged = new Label();
    private final Label reports = new Label();
    private final Label rate = new Label();
    private final Polyline spark = new Polyline();
    private final Subscription subscription;

    RoomCardView(RoomCardModel model, I18n i18n, Consumer<String> open) {
        this.model = model;
        this.i18n = i18n;
        getStyleClass().add("room-wall-card");
        setId("room-card-" + model.room());
        setFocusTraversable(true);
        setSpacing(6);
        setPrefWidth(SPARK_WIDTH + 28);

        title.getStyleClass().add("room-wall-card-title");
        title.setMaxWidth(SPARK_WIDTH - 40);
        kindIcon.getStyleClass().add("room-wall-card-kind");
        reports.getStyleClass().add("room-wall-card-reports");
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox top = new HBox(6, kindIcon, title, grow, reports);
        top.setAlignment(Pos.CENTER_LEFT);

        where.getStyleClass().add("rooms-muted");
        audience.setGraphic(new FontIcon("fth-eye"));
        seats.setGraphic(new FontIcon("fth-mic"));
        flagged.setGraphic(new FontIcon("fth-flag"));
        flagged.getStyleClass().add("room-wall-card-flagged");
        for (Label figure : new Label[] {audience, seats, flagged, reports}) {
            figure.setMinWidth(Region.USE_PREF_SIZE);
        }
        HBox figures = new HBox(10, audience, seats, flagged);
        figures.setAlignment(Pos.CENTER_LEFT);

        spark.getStyleClass().add("room-wall-card-spark");
        Pane sparkPane = new Pane(spark);
        sparkPane.getStyleClass().add("room-wall-card-spark-pane");
        sparkPane.setMinSize(SPARK_WIDTH, SPARK_HEIGHT);
        sparkPane.setPrefSize(SPARK_WIDTH, SPARK_HEIGHT);
        sparkPane.setMaxSize(SPARK_WIDTH, SPARK_HEIGHT);
        rate.getStyleClass().add("room-wall-card-rate");

        getChildren().addAll(top, where, figures, sparkPane, rate);
        setOnMouseClicked(e -> open.accept(model.room()));
        setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER || e.getCode() == KeyCode.SPACE) {
                open.accept(model.room());
                e.consume();
            }
        });
        subscription = model.figuresProperty().subscribe(f -> show());
    }

    private void show() {
        RoomFigures f = model.figures();
        kindIcon.setIconLiteral(RoomText.icon(f.kind()));
        title.setText(f.title());
        String host = f.host() == null || f.host().isEmpty() ? f.host() : dev.moddesk.app.core.ErasedUsers.name(i18n,
                f.host());
        where.setText(f.city().isEmpty() ? i18n.get("rooms.card.host", host)
                : i18n.get("rooms.card.hostCity", host, f.city()));
        audience.setText(i18n.get("rooms.card.audience", f.audience()));
        seats.setVisible(f.seatsTotal() > 0);
        seats.setManaged(f.seatsTotal() > 0);
        seats.setText(i18n.get("rooms.card.seats", f.seatsTaken(), f.seatsTotal()));
        flagged.setText(i18n.get("rooms.card.flagged", f.flagged()));
        flagged.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("some"), f.flagged() > 0);
        reports.setText(f.reports() > 0 ? i18n.get("rooms.card.reports", f.reports()) : "");
        reports.setVisible(f.reports() > 0);
        rate.setText(RoomText.rate(i18n, f.messagesPerSecond()) + (model.spiking() ? " · " + i18n.get("rooms.card.spike") : ""));
        boolean hot = f.reports() > 0 || model.spiking();
        getStyleClass().remove("room-wall-card-hot");
        if (hot) {
            getStyleClass().add("room-wall-card-hot");
        }
        drawSpark(model.rateHistory());
    }

    private void drawSpark(double[] rates) {
        double max = 1;
        for (double r : rates) {
            max = Math.max(max, r);
        }
        Double[] points = new Double[Math.max(2, rates.length) * 2];
        double step = SPARK_WIDTH / (RoomCardModel.HISTORY - 1);
        double x0 = SPARK_WIDTH - step * (rates.length - 1);
        for (int i = 0; i < rates.length; i++) {
            points[2 * i] = x0 + i * step;
            points[2 * i + 1] = SPARK_HEIGHT - 2 - (SPARK_HEIGHT - 4) * rates[i] / max;
        }
        if (rates.length < 2) {
            double y = rates.length == 1 ? points[1] : SPARK_HEIGHT - 2;
            points[0] = 0.0;
            points[1] = y;
            points[2] = SPARK_WIDTH;
            points[3] = y;
        }
        spark.getPoints().setAll(points);
    }

    void dispose() {
        subscription.unsubscribe();
    }
}
