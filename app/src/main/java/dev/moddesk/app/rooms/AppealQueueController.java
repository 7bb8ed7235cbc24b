package dev.moddesk.app.rooms;

import dev.moddesk.app.core.I18n;
import dev.moddesk.contract.rooms.Appeal;
import java.time.ZoneId;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyEvent;

/**
 * The appeal queue tab: open appeals next to their sanctions and evidence, a note field, and the keyboard on the
 * list: U upholds, L lifts (pressed twice: the first press says what the second undoes; Esc cancels), N goes to the
 * note, F5 reloads. While shown it reloads every 10 s; hidden, it asks nothing of the server.
 */
public final class AppealQueueController {
    private static final int RELOAD_EVERY_SECONDS = 10;

    private final AppealQueueModel model;
    private final I18n i18n;
    private final TabReload reloads;
    private Long armed;

    @FXML
    private ListView<Appeal> appealList;
    @FXML
    private Label appealStatusLabel;
    @FXML
    private Label appealErrorLabel;
    @FXML
    private Label appealHintLabel;
    @FXML
    private TextField appealNoteField;
    @FXML
    private Button upholdButton;
    @FXML
    private Button liftButton;

    public AppealQueueController(AppealQueueModel model, I18n i18n) {
        this.model = model;
        this.reloads = new TabReload(RELOAD_EVERY_SECONDS, () -> !model.busyProperty().get() && armed == null, model::refresh, () -> { });
        this.i18n = i18n;
    }

    @FXML
    private void initialize() {
        appealList.setItems(model.items());
        appealList.setCellFactory(list -> new AppealCell(i18n, ZoneId.systemDefault()));
        appealList.setPlaceholder(new Label(i18n.get("rooms.appeals.empty")));
        appealList.addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
        appealList.getSelectionModel().selectedItemProperty().subscribe(a -> disarm());
        appealStatusLabel.textProperty().bind(model.statusProperty());
        appealErrorLabel.textProperty().bind(model.errorProperty());
        appealErrorLabel.visibleProperty().bind(model.errorProperty().isNotEmpty());
        appealErrorLabel.managedProperty().bind(appealErrorLabel.visibleProperty());
        appealNoteField.textProperty().bindBidirectional(model.noteProperty());
        appealNoteField.setOnAction(e -> appealList.requestFocus());
        var nothingChosen = appealList.getSelectionModel().selectedItemProperty().isNull().or(model.busyProperty());
        upholdButton.disableProperty().bind(nothingChosen);
        liftButton.disableProperty().bind(nothingChosen);
        appealHintLabel.setText("");
    }

    /** The tab came into view (start reloading) or left it (stop). */
    public void setShown(boolean shown) {
        if (reloads.setShown(shown)) {
            appealList.requestFocus();
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
            case U -> uphold();
            case L -> lift();
            case N -> appealNoteField.requestFocus();
            case F5 -> model.refresh();
            case ESCAPE -> disarm();
            default -> {
                return;
            }
        }
        e.consume();
    }

    @FXML
    private void uphold() {
        Appeal chosen = appealList.getSelectionModel().getSelectedItem();
        if (chosen == null || model.busyProperty().get()) {
            return;
        }
        disarm();
        settle(model.decide(chosen, false));
    }

    /** First press: says what the second undoes. Second press on the same appeal: lifts it. */
    @FXML
    private void lift() {
        Appeal chosen = appealList.getSelectionModel().getSelectedItem();
        if (chosen == null || model.busyProperty().get()) {
            return;
        }
        if (!AppealQueueModel.liftable(chosen)) {
            appealHintLabel.setText(i18n.get("rooms.appeals.notLiftable"));
            return;
        }
        if (armed == null || armed != chosen.id()) {
            armed = chosen.id();
            appealHintLabel.setText(i18n.get("rooms.appeals.confirmLift", chosen.userId()));
            return;
        }
        disarm();
        settle(model.decide(chosen, true));
    }

    @FXML
    private void reload() {
        model.refresh();
    }

    private void disarm() {
        armed = null;
        if (appealHintLabel != null) {
            appealHintLabel.setText("");
        }
    }

    private void settle(java.util.concurrent.CompletableFuture<Void> done) {
        int index = appealList.getSelectionModel().getSelectedIndex();
        done.thenRun(() -> {
            if (!model.items().isEmpty()) {
                appealList.getSelectionModel().select(Math.min(Math.max(index, 0), model.items().size() - 1));
            }
            appealList.requestFocus();
        });
    }
}
