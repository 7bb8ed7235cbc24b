package dev.moddesk.app.rooms;

import dev.moddesk.app.core.I18n;
import dev.moddesk.contract.rooms.HeldMessage;
import java.util.ArrayList;
import java.util.List;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.util.Subscription;

/**
 * The held-for-review queue tab: the withheld messages with their matched words and time left, and the keyboard
 * (R release, D deny, F5 reload) or the buttons to decide the selected one. It loads when it comes into view; from
 * then on the room stream keeps it current (no polling) and it counts the time left down every second; hidden, it
 * asks nothing of the server.
 */
public final class HeldQueueController {
    private final HeldQueueModel model;
    private final I18n i18n;
    private final List<Subscription> subscriptions = new ArrayList<>();
    private final TabReload reloads;

    @FXML
    private ListView<HeldMessage> heldList;
    @FXML
    private Label heldStatusLabel;
    @FXML
    private Label heldErrorLabel;
    @FXML
    private Button releaseButton;
    @FXML
    private Button denyButton;

    private final RoomsHub hub;

    public HeldQueueController(HeldQueueModel model, I18n i18n, RoomsHub hub) {
        this.model = model;
        this.reloads = new TabReload(0, () -> true, model::refresh, () -> heldList.refresh());
        this.i18n = i18n;
        this.hub = hub;
    }

    @FXML
    private void initialize() {
        heldList.setItems(model.items());
        heldList.setCellFactory(list -> new HeldCell(model::timeLeftText, i18n));
        heldList.setPlaceholder(new Label(i18n.get("rooms.held.empty")));
        heldList.addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
        subscriptions.add(hub.followHeld(model));
        heldStatusLabel.textProperty().bind(model.statusProperty());
        heldErrorLabel.textProperty().bind(model.errorProperty());
        heldErrorLabel.visibleProperty().bind(model.errorProperty().isNotEmpty());
        heldErrorLabel.managedProperty().bind(heldErrorLabel.visibleProperty());
        var nothingChosen = heldList.getSelectionModel().selectedItemProperty().isNull().or(model.busyProperty());
        releaseButton.disableProperty().bind(nothingChosen);
        denyButton.disableProperty().bind(nothingChosen);
    }

    /** The tab came into view (load it, count down) or left it (stop). */
    public void setShown(boolean shown) {
        model.setShown(shown);
        if (reloads.setShown(shown)) {
            heldList.requestFocus();
        }
    }

    public void deactivate() {
        setShown(false);
        subscriptions.forEach(Subscription::unsubscribe);
        subscriptions.clear();
    }


    private void onKey(KeyEvent e) {
        if (e.getCode() == KeyCode.R && !e.isShortcutDown()) {
            release();
            e.consume();
        } else if (e.getCode() == KeyCode.D && !e.isShortcutDown()) {
            deny();
            e.consume();
        } else if (e.getCode() == KeyCode.F5) {
            model.refresh();
            e.consume();
        }
    }

    @FXML
    private void release() {
        decide(true);
    }

    @FXML
    private void deny() {
        decide(false);
    }

    @FXML
    private void reload() {
        model.refresh();
    }

    private void decide(boolean release) {
        HeldMessage chosen = heldList.getSelectionModel().getSelectedItem();
        if (chosen == null || model.busyProperty().get()) {
            return;
        }
        int index = heldList.getSelectionModel().getSelectedIndex();
        (release ? model.release(chosen) : model.deny(chosen)).thenRun(() -> {
            if (!model.items().isEmpty()) {
                heldList.getSelectionModel().select(Math.min(index, model.items().size() - 1));
            }
            heldList.requestFocus();
        });
    }
}
