package dev.moddesk.app.rooms;

import dev.moddesk.app.core.I18n;
import dev.moddesk.contract.rooms.ModerationAction;
import dev.moddesk.contract.rooms.RoomKind;
import dev.moddesk.contract.rooms.RoomStatus;
import dev.moddesk.contract.rooms.Seat;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import javafx.util.Subscription;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * A monitor's action bar, and the one way every part of the monitor acts (user card, seat board, song queue, source):
 * {@link #request} checks the reason an action needs, asks for a confirmation before a destructive one (kick, close,
 * delete; Cancel sends nothing), then hands it to the monitor's {@link RoomActionsModel}. Below the bar, the latest
 * intent: a pending indicator until the room's event arrives, or the server's refusal with a retry (same key). The
 * reason and the choices stay as typed when an action fails.
 */
public final class RoomActionBarController {
    private static final List<String> REASONS = List.of("rooms.actions.reason.spam", "rooms.actions.reason.abuse",
            "rooms.actions.reason.sexual", "rooms.actions.reason.contact", "rooms.actions.reason.minor");

    private final I18n i18n;
    private final List<Subscription> subscriptions = new ArrayList<>();
    private RoomMonitorModel monitor;
    private ObservableValue<ChatRow> selected;

    @FXML
    private VBox actionBarBox;
    @FXML
    private ComboBox<String> reasonBox;
    @FXML
    private Button deleteButton;
    @FXML
    private ComboBox<Integer> muteMinutesBox;
    @FXML
    private Button muteButton;
    @FXML
    private Button kickButton;
    @FXML
    private Button warnButton;
    @FXML
    private ComboBox<Integer> slowModeBox;
    @FXML
    private Button slowModeButton;
    @FXML
    private MenuButton undoButton;
    @FXML
    private Button closeRoomButton;
    @FXML
    private HBox actionStatusBox;
    @FXML
    private ProgressIndicator pendingIndicator;
    @FXML
    private Label actionStatusLabel;
    @FXML
    private Button retryButton;

    public RoomActionBarController(I18n i18n) {
        this.i18n = i18n;
    }

    @FXML
    private void initialize() {
        REASONS.forEach(k -> reasonBox.getItems().add(i18n.get(k)));
        reasonBox.setTooltip(new Tooltip(i18n.get("rooms.actions.reasonTip")));
        durations(muteMinutesBox, i18n, RoomAction.MUTE_MINUTES);
        slowModeBox.getItems().setAll(RoomAction.SLOW_MODE_SECONDS);
        slowModeBox.setConverter(converter(s -> s == 0 ? i18n.get("rooms.actions.slowOff")
                : i18n.get("rooms.actions.seconds", s)));
        slowModeBox.getSelectionModel().select(Integer.valueOf(30));
        decorate(deleteButton, "fth-trash-2", RoomAction.DELETE_MESSAGE);
        decorate(muteButton, "fth-mic-off", RoomAction.MUTE_USER);
        decorate(kickButton, "fth-user-x", RoomAction.KICK_USER);
        decorate(warnButton, "fth-alert-triangle", RoomAction.WARN_USER);
        decorate(slowModeButton, "fth-clock", RoomAction.SLOW_MODE);
        decorate(closeRoomButton, "fth-power", RoomAction.CLOSE_ROOM);
        undoButton.setGraphic(new FontIcon("fth-corner-up-left"));
        undoButton.setTooltip(new Tooltip(i18n.get("rooms.actions.undoTip")));
        retryButton.setGraphic(new FontIcon("fth-rotate-cw"));
        retryButton.setTooltip(new Tooltip(i18n.get("rooms.actions.retryTip")));
    }

    /** Mute durations (minutes) as "10 min", "1 h", "24 h"; the first chosen. */
    static void durations(ComboBox<Integer> box, I18n i18n, List<Integer> minutes) {
        box.getItems().setAll(minutes);
        box.setConverter(converter(m -> m % 60 == 0 ? i18n.get("rooms.actions.hours", m / 60)
                : i18n.get("rooms.actions.minutes", m)));
        box.getSelectionModel().selectFirst();
    }

    private static StringConverter<Integer> converter(java.util.function.Function<Integer, String> text) {
        return new StringConverter<>() {
            @Override
            public String toString(Integer value) {
                return value == null ? "" : text.apply(value);
            }

            @Override
            public Integer fromString(String s) {
                return null;
            }
        };
    }

    void decorate(Control control, String icon, RoomAction action) {
        if (control instanceof Button b) {
            b.setGraphic(new FontIcon(icon));
        }
        control.setTooltip(new Tooltip(i18n.get(action.labelKey())));
    }

    /** Shows {@code model}'s actions, acting on the chat line {@code selectedLine}; called once. */
    void show(RoomMonitorModel model, ObservableValue<ChatRow> selectedLine) {
        this.monitor = model;
        this.selected = selectedLine;
    }

    void activate() {
        RoomActionsModel actions = monitor.actions();
        subscriptions.add(actions.latestProperty().subscribe(this::showIntent));
        ListChangeListener<ModerationAction> undoable = c -> showUndo();
        actions.sanctions().addListener(undoable);
        subscriptions.add(() -> actions.sanctions().removeListener(undoable));
        subscriptions.add(selected.subscribe(this::showLine));
        subscriptions.add(monitor.state().statusProperty().subscribe(s -> closeRoomButton.setDisable(
                s == RoomStatus.CLOSED || s == RoomStatus.ENDED)));
        subscriptions.add(monitor.state().kindProperty().subscribe(this::showKind));
        showUndo();
    }

    void deactivate() {
        subscriptions.forEach(Subscription::unsubscribe);
        subscriptions.clear();
    }

    /** The reason typed or picked in the bar (may be empty). */
    String reason() {
        String typed = reasonBox.getEditor().getText();
        return typed == null ? "" : typed.strip();
    }

    /**
     * Acts: {@code targetLabel} is how the confirmation names the target, {@code reason} the reason to send (the
     * bar's when null), {@code param} the minutes or seconds. Returns false when nothing was sent (no reason,
     * cancelled).
     */
    boolean request(RoomAction action, String targetId, String targetLabel, String reason, Integer param) {
        String why = reason == null ? reason() : reason.strip();
        if (action.needsReason() && why.isEmpty()) {
            say(i18n.get("rooms.actions.needReason", i18n.get(action.labelKey())), false, false);
            reasonBox.requestFocus();
            return false;
        }
        if (action.destructive() && !confirm(action, targetLabel, why)) {
            return false;
        }
        if (action == RoomAction.DELETE_MESSAGE) {
            monitor.actions().deleteMessage(Long.parseLong(targetId), targetLabel, why);
        } else {
            monitor.actions().act(action, targetId, targetLabel, why, param);
        }
        return true;
    }

    /** Undoes {@code sanction} with the bar's reason. */
    void undo(ModerationAction sanction) {
        monitor.actions().undo(sanction, reason());
    }

    /** The seat board's menu for {@code seat}: off mic when taken, mute or unmute, lock or unlock (undo: only ours). */
    List<MenuItem> seatItems(Seat seat) {
        String number = Integer.toString(seat.number());
        List<MenuItem> items = new ArrayList<>();
        if (seat.taken()) {
            items.add(item(RoomAction.MIC_OFF, "fth-mic-off", "seat-" + number + "-mic-off",
                    () -> request(RoomAction.MIC_OFF, number, number, null, null)));
        }
        items.add(seatToggle(seat.muted(), RoomAction.MUTE_SEAT, number, "fth-volume-x", "-mute"));
        items.add(seatToggle(seat.locked(), RoomAction.LOCK_SEAT, number, "fth-lock", "-lock"));
        return items;
    }

    private MenuItem seatToggle(boolean on, RoomAction sanction, String number, String icon, String idSuffix) {
        if (!on) {
            return item(sanction, icon, "seat-" + number + idSuffix,
                    () -> request(sanction, number, number, null, null));
        }
        Optional<ModerationAction> ours = monitor.actions().active(sanction, number);
        RoomAction undo = sanction.undo().orElseThrow();
        MenuItem item = item(undo, "fth-unlock", "seat-" + number + "-un" + idSuffix.substring(1),
                () -> ours.ifPresent(this::undo));
        // Undone through the action that set it; a seat the platform muted or locked has none to undo here.
        item.setDisable(ours.isEmpty());
        return item;
    }

    MenuItem item(RoomAction action, String icon, String id, Runnable run) {
        MenuItem item = new MenuItem(i18n.get(action.labelKey()), new FontIcon(icon));
        item.setId(id);
        item.setOnAction(e -> run.run());
        return item;
    }

    private boolean confirm(RoomAction action, String target, String why) {
        String text = switch (action) {
            case KICK_USER -> i18n.get("rooms.actions.confirm.kick", target, why);
            case DELETE_MESSAGE -> i18n.get("rooms.actions.confirm.deleteMessage", target,
                    line() == null ? "" : ChatLines.oneLine(line().text(), 120));
            default -> i18n.get("rooms.actions.confirm.closeRoom", monitor.state().titleProperty().get(), why);
        };
        ButtonType yes = new ButtonType(i18n.get("rooms.actions.confirm.yes"), ButtonBar.ButtonData.OK_DONE);
        ButtonType no = new ButtonType(i18n.get("rooms.actions.confirm.no"), ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, text, yes, no);
        alert.setTitle(i18n.get("rooms.actions.confirm.title"));
        alert.setHeaderText(i18n.get(action.labelKey()));
        alert.getDialogPane().setId("roomActionConfirm");
        alert.getDialogPane().lookupButton(yes).setId("confirmYes");
        alert.getDialogPane().lookupButton(no).setId("confirmNo");
        if (actionBarBox.getScene() != null) {
            alert.initOwner(actionBarBox.getScene().getWindow());
            alert.getDialogPane().getStylesheets().setAll(actionBarBox.getScene().getStylesheets());
        }
        return alert.showAndWait().filter(yes::equals).isPresent();
    }

    private void showIntent(RoomActionsModel.Intent intent) {
        retryButton.setVisible(false);
        retryButton.setManaged(false);
        if (intent == null) {
            return;
        }
        String what = i18n.get("rooms.actions.intent", i18n.get(intent.action().labelKey()), intent.target());
        switch (intent.phase()) {
            case SENDING -> say(i18n.get("rooms.actions.sending", what), true, false);
            case WAITING -> say(i18n.get("rooms.actions.waiting", what), true, false);
            case DONE -> say(i18n.get("rooms.actions.done", what), false, false);
            case FAILED -> {
                say(i18n.get("rooms.actions.failed", what, intent.problem() == null
                        ? i18n.get("rooms.actions.messageGone") : intent.problem()), false, true);
                retryButton.setVisible(true);
                retryButton.setManaged(true);
            }
        }
    }

    private void say(String text, boolean pending, boolean failed) {
        actionStatusBox.setVisible(true);
        actionStatusBox.setManaged(true);
        pendingIndicator.setVisible(pending);
        pendingIndicator.setManaged(pending);
        actionStatusLabel.setText(text);
        actionStatusLabel.getStyleClass().removeAll("room-action-failed", "room-action-pending");
        if (failed || pending) {
            actionStatusLabel.getStyleClass().add(failed ? "room-action-failed" : "room-action-pending");
        }
    }

    private void showUndo() {
        List<MenuItem> items = new ArrayList<>();
        List<ModerationAction> sanctions = monitor.actions().sanctions();
        for (int i = sanctions.size() - 1; i >= 0; i--) {
            ModerationAction s = sanctions.get(i);
            RoomAction kind = RoomAction.ofWire(s.action()).orElse(null);
            if (kind == null) {
                continue;
            }
            RoomAction undo = kind.undo().orElseThrow();
            MenuItem item = new MenuItem(i18n.get("rooms.actions.undoItem", i18n.get(undo.labelKey()),
                    ChatLines.oneLine(s.targetId() == null ? "" : s.targetId(), ChatLines.MAX_NAME)));
            item.setId("undo-" + s.actionId());
            item.setOnAction(e -> undo(s));
            items.add(item);
        }
        if (items.isEmpty()) {
            MenuItem none = new MenuItem(i18n.get("rooms.actions.undoNone"));
            none.setDisable(true);
            items.add(none);
        }
        undoButton.getItems().setAll(items);
    }

    private void showLine(ChatRow row) {
        boolean line = row instanceof ChatLine;
        for (Node n : List.of(deleteButton, muteButton, kickButton, warnButton)) {
            n.setDisable(!line);
        }
        String tip = line ? i18n.get("rooms.actions.forLine", ((ChatLine) row).user().name())
                : i18n.get("rooms.actions.noLine");
        for (Button b : List.of(deleteButton, muteButton, kickButton, warnButton)) {
            b.getTooltip().setText(tip);
        }
    }

    private void showKind(RoomKind kind) {
        boolean any = RoomAction.presets(kind).contains(RoomAction.SLOW_MODE);
        slowModeBox.setVisible(any);
        slowModeButton.setVisible(any);
    }

    private ChatLine line() {
        return selected.getValue() instanceof ChatLine l ? l : null;
    }

    @FXML
    private void onDelete() {
        ChatLine l = line();
        if (l != null) {
            request(RoomAction.DELETE_MESSAGE, Long.toString(l.seq()), l.user().name(), null, null);
        }
    }

    @FXML
    private void onMute() {
        ChatLine l = line();
        if (l != null) {
            request(RoomAction.MUTE_USER, l.user().id(), l.user().name(), null, muteMinutesBox.getValue());
        }
    }

    @FXML
    private void onKick() {
        ChatLine l = line();
        if (l != null) {
            request(RoomAction.KICK_USER, l.user().id(), l.user().name(), null, null);
        }
    }

    @FXML
    private void onWarn() {
        ChatLine l = line();
        if (l != null) {
            request(RoomAction.WARN_USER, l.user().id(), l.user().name(), null, null);
        }
    }

    @FXML
    private void onSlowMode() {
        request(RoomAction.SLOW_MODE, null, "", null, slowModeBox.getValue());
    }

    @FXML
    private void onCloseRoom() {
        request(RoomAction.CLOSE_ROOM, null, "", null, null);
    }

    @FXML
    private void onRetry() {
        RoomActionsModel.Intent last = monitor.actions().latestProperty().get();
        if (last != null) {
            monitor.actions().retry(last);
        }
    }
}
