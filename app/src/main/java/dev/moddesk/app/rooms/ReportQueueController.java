package dev.moddesk.app.rooms;

import dev.moddesk.app.core.I18n;
import dev.moddesk.contract.rooms.ReportDismissReason;
import dev.moddesk.contract.rooms.ReportGroup;
import dev.moddesk.contract.rooms.ReportReason;
import dev.moddesk.contract.rooms.ReportTarget;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.util.StringConverter;

/**
 * The report queue tab: open user reports grouped per target, filters (room, category, target kind), and the keyboard
 * on the list: A acts (the room action for the target: delete the message, mute the user; pressed twice, the first
 * press only says what the second will do), D dismisses with the chosen reason, Enter or O opens the room's monitor
 * on the reported user, F5 reloads. While shown it reloads every 10 s; hidden, it asks nothing of the server.
 */
public final class ReportQueueController {
    private static final int RELOAD_EVERY_SECONDS = 10;

    private final ReportQueueModel model;
    private final I18n i18n;
    private final Consumer<ReportGroup> openMonitor;
    private final TabReload reloads;
    private String armed;

    @FXML
    private ListView<ReportGroup> reportList;
    @FXML
    private Label reportStatusLabel;
    @FXML
    private Label reportErrorLabel;
    @FXML
    private Label reportHintLabel;
    @FXML
    private TextField reportRoomField;
    @FXML
    private ComboBox<ReportReason> reportReasonBox;
    @FXML
    private ComboBox<ReportTarget> reportTargetBox;
    @FXML
    private ComboBox<ReportDismissReason> dismissReasonBox;
    @FXML
    private Button actButton;
    @FXML
    private Button dismissButton;
    @FXML
    private Button openButton;

    /** {@code openMonitor} opens the group's room monitor (the rooms view's hub). */
    public ReportQueueController(ReportQueueModel model, I18n i18n, Consumer<ReportGroup> openMonitor) {
        this.model = model;
        this.reloads = new TabReload(RELOAD_EVERY_SECONDS, () -> !model.busyProperty().get() && armed == null, model::refresh, () -> { });
        this.i18n = i18n;
        this.openMonitor = openMonitor;
    }

    @FXML
    private void initialize() {
        reportList.setItems(model.items());
        reportList.setCellFactory(list -> new ReportCell(i18n, ZoneId.systemDefault()));
        reportList.setPlaceholder(new Label(i18n.get("rooms.reports.empty")));
        reportList.addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
        reportList.getSelectionModel().selectedItemProperty().subscribe(g -> disarm());
        reportStatusLabel.textProperty().bind(model.statusProperty());
        reportErrorLabel.textProperty().bind(model.errorProperty());
        reportErrorLabel.visibleProperty().bind(model.errorProperty().isNotEmpty());
        reportErrorLabel.managedProperty().bind(reportErrorLabel.visibleProperty());
        choices(reportReasonBox, ReportReason.values(), true, r -> ReportText.reason(i18n, r));
        choices(reportTargetBox, ReportTarget.values(), true, t -> ReportText.target(i18n, t));
        choices(dismissReasonBox, ReportDismissReason.values(), false, r -> ReportText.dismissal(i18n, r));
        reportReasonBox.valueProperty().bindBidirectional(model.reasonFilterProperty());
        reportTargetBox.valueProperty().bindBidirectional(model.targetFilterProperty());
        dismissReasonBox.valueProperty().bindBidirectional(model.dismissReasonProperty());
        reportRoomField.textProperty().bindBidirectional(model.roomFilterProperty());
        reportRoomField.setOnAction(e -> model.refresh());
        reportReasonBox.valueProperty().subscribe(v -> model.refresh());
        reportTargetBox.valueProperty().subscribe(v -> model.refresh());
        var nothingChosen = reportList.getSelectionModel().selectedItemProperty().isNull().or(model.busyProperty());
        actButton.disableProperty().bind(nothingChosen);
        dismissButton.disableProperty().bind(nothingChosen);
        openButton.disableProperty().bind(reportList.getSelectionModel().selectedItemProperty().isNull());
        reportHintLabel.setText("");
    }

    private static <T> void choices(ComboBox<T> box, T[] values, boolean any, Function<T, String> name) {
        List<T> items = new ArrayList<>();
        if (any) {
            items.add(null);
        }
        items.addAll(Arrays.asList(values));
        box.getItems().setAll(items);
        box.setConverter(new StringConverter<>() {
            @Override
            public String toString(T value) {
                return name.apply(value);
            }

            @Override
            public T fromString(String text) {
                return null;
            }
        });
        box.setButtonCell(new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : name.apply(item));
            }
        });
    }

    /** The tab came into view (start reloading) or left it (stop). */
    public void setShown(boolean shown) {
        if (reloads.setShown(shown)) {
            reportList.requestFocus();
        }
    }

    public void deactivate() {
        setShown(false);
    }


    private void onKey(KeyEvent e) {
        if (e.isShortcutDown()) {
            return;
        }
        switch (e.getCode()) {
            case A -> act();
            case D -> dismiss();
            case O, ENTER -> open();
            case F5 -> model.refresh();
            case ESCAPE -> disarm();
            default -> {
                return;
            }
        }
        e.consume();
    }

    /** First press: says what the second will do. Second press on the same group: does it. */
    @FXML
    private void act() {
        ReportGroup chosen = reportList.getSelectionModel().getSelectedItem();
        if (chosen == null || model.busyProperty().get()) {
            return;
        }
        if (chosen.targetKind() == ReportTarget.ROOM) {
            reportHintLabel.setText(i18n.get("rooms.reports.roomInMonitor"));
            return;
        }
        String key = ReportQueueModel.key(chosen);
        if (!key.equals(armed)) {
            armed = key;
            reportHintLabel.setText(chosen.targetKind() == ReportTarget.MESSAGE
                    ? i18n.get("rooms.reports.confirmDelete", chosen.count())
                    : i18n.get("rooms.reports.confirmMute", ReportQueueModel.MUTE_MINUTES, chosen.count()));
            return;
        }
        disarm();
        settle(model.act(chosen));
    }

    @FXML
    private void dismiss() {
        ReportGroup chosen = reportList.getSelectionModel().getSelectedItem();
        if (chosen == null || model.busyProperty().get()) {
            return;
        }
        disarm();
        settle(model.dismiss(chosen));
    }

    @FXML
    private void open() {
        ReportGroup chosen = reportList.getSelectionModel().getSelectedItem();
        if (chosen != null) {
            openMonitor.accept(chosen);
        }
    }

    @FXML
    private void reload() {
        model.refresh();
    }

    private void disarm() {
        armed = null;
        if (reportHintLabel != null) {
            reportHintLabel.setText("");
        }
    }

    private void settle(java.util.concurrent.CompletableFuture<Void> done) {
        int index = reportList.getSelectionModel().getSelectedIndex();
        done.thenRun(() -> {
            if (!model.items().isEmpty()) {
                reportList.getSelectionModel().select(Math.min(Math.max(index, 0), model.items().size() - 1));
            }
            reportList.requestFocus();
        });
    }
}
