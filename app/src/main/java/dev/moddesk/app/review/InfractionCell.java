package dev.moddesk.app.review;

import dev.moddesk.contract.review.ApplicantHistory.Infraction;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.VBox;

/**
 * One room infraction in the applicant panel, three lines: where (the room and its city, or "a room outside your
 * cities" when redacted), what (action and reason), and when (date, who acted, and when it was lifted).
 */
final class InfractionCell extends ListCell<Infraction> {

    private final ReviewText text;
    private final Label where = new Label();
    private final Label what = new Label();
    private final Label when = new Label();
    private final VBox lines = new VBox(1, where, what, when);

    InfractionCell(ReviewText text) {
        this.text = text;
        when.getStyleClass().add("text-muted");
        setPrefWidth(0);
    }

    @Override
    protected void updateItem(Infraction item, boolean empty) {
        super.updateItem(item, empty);
        setText(null);
        if (empty || item == null) {
            setGraphic(null);
            return;
        }
        where.setText(where(text, item));
        what.setText(what(text, item));
        when.setText(when(text, item));
        getStyleClass().remove("review-infraction-lifted");
        if (item.lifted()) {
            getStyleClass().add("review-infraction-lifted");
        }
        setGraphic(lines);
    }

    static String where(ReviewText text, Infraction i) {
        String room = i.redacted() || i.roomName() == null ? text.get("review.infraction.otherCityRoom") : i.roomName();
        return text.get("review.infraction.where", room, i.city() == null ? "—" : i.city());
    }

    static String what(ReviewText text, Infraction i) {
        return text.get("review.infraction.what", action(text, i),
                i.reason() == null || i.reason().isBlank() ? text.get("review.infraction.noReason") : i.reason());
    }

    static String when(ReviewText text, Infraction i) {
        StringBuilder line = new StringBuilder(text.date(i.at()));
        if (i.staffName() != null) {
            line.append(" · ").append(text.get("review.infraction.by", i.staffName()));
        }
        if (i.lifted()) {
            line.append(" · ").append(text.get("review.infraction.lifted", text.date(i.liftedAt())));
        }
        return line.toString();
    }

    static String action(ReviewText text, Infraction i) {
        return switch (i.action()) {
            case "user.mute" -> text.get("review.infraction.mute", i.params().getOrDefault("minutes", "?"));
            case "user.kick" -> text.get("review.infraction.kick");
            case "user.warn" -> text.get("review.infraction.warn");
            case "message.delete" -> text.get("review.infraction.delete");
            case "message.deny" -> text.get("review.infraction.deny");
            default -> i.action();
        };
    }
}
