package dev.moddesk.app.rooms;

import dev.moddesk.app.core.I18n;
import java.util.List;
import java.util.Optional;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.FlowPane;
import dev.moddesk.contract.rooms.ModerationAction;
import org.kordamp.ikonli.javafx.FontIcon;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.VBox;

/**
 * The user card beside a monitor's chat: who the user is, what the monitor knows of them in this room (lines held,
 * flagged, on a seat) and their newest lines, whole. Opened from the keyboard (Enter on a line) or a double click;
 * Escape or Close puts it away and returns focus to the chat. Its actions are reached with Tab from the lines (mute
 * 10 min, 1 h, 24 h first; then a reason, kick, warn, take off mic) and Enter runs the focused one, through the
 * monitor's action bar (its confirmation and progress). Unmute shows when this monitor saw a mute of theirs.
 */
public final class UserCardController {
    private final I18n i18n;
    private Runnable onClosed = () -> { };
    private RoomActionBarController bar;
    private RoomActionsModel actions;
    private UserCard card;

    @FXML
    private VBox userCardBox;
    @FXML
    private Label userNameLabel;
    @FXML
    private Label userIdLabel;
    @FXML
    private Label userFactsLabel;
    @FXML
    private ListView<ChatLine> userLinesList;
    @FXML
    private Button closeUserCardButton;
    @FXML
    private FlowPane userActionsBox;
    @FXML
    private Button mute10Button;
    @FXML
    private Button mute60Button;
    @FXML
    private Button mute1440Button;
    @FXML
    private Button unmuteButton;
    @FXML
    private ComboBox<String> cardReasonBox;
    @FXML
    private Button cardKickButton;
    @FXML
    private Button cardWarnButton;
    @FXML
    private Button cardMicOffButton;

    public UserCardController(I18n i18n) {
        this.i18n = i18n;
    }

    @FXML
    private void initialize() {
        userLinesList.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(ChatLine line, boolean empty) {
                super.updateItem(line, empty);
                setWrapText(true);
                setPrefWidth(0);
                setText(empty || line == null ? null : RoomText.time(line.atMillis()) + "  " + line.text());
                getStyleClass().remove("room-chat-flagged");
                if (!empty && line != null && line.flagged()) {
                    getStyleClass().add("room-chat-flagged");
                }
            }
        });
        List<Button> mutes = List.of(mute10Button, mute60Button, mute1440Button);
        for (int i = 0; i < mutes.size(); i++) {
            int minutes = RoomAction.MUTE_MINUTES.get(i);
            Button b = mutes.get(i);
            b.setText(minutes % 60 == 0 ? i18n.get("rooms.actions.hours", minutes / 60)
                    : i18n.get("rooms.actions.minutes", minutes));
            b.setGraphic(new FontIcon("fth-mic-off"));
            b.setTooltip(new Tooltip(i18n.get("rooms.action.mute") + " · " + b.getText()));
        }
        unmuteButton.setGraphic(new FontIcon("fth-mic"));
        unmuteButton.setTooltip(new Tooltip(i18n.get("rooms.action.unmute")));
        cardKickButton.setGraphic(new FontIcon("fth-user-x"));
        cardKickButton.setTooltip(new Tooltip(i18n.get("rooms.action.kick")));
        cardWarnButton.setGraphic(new FontIcon("fth-alert-triangle"));
        cardWarnButton.setTooltip(new Tooltip(i18n.get("rooms.action.warn")));
        cardMicOffButton.setGraphic(new FontIcon("fth-mic-off"));
        cardMicOffButton.setTooltip(new Tooltip(i18n.get("rooms.action.micOff")));
        for (String k : List.of("rooms.actions.reason.spam", "rooms.actions.reason.abuse",
                "rooms.actions.reason.sexual", "rooms.actions.reason.contact", "rooms.actions.reason.minor")) {
            cardReasonBox.getItems().add(i18n.get(k));
        }
        // Enter runs the focused action (a plain button only fires on Space by itself).
        userActionsBox.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER && e.getTarget() instanceof Button b && !b.isDisabled()) {
                b.fire();
                e.consume();
            }
        });
        // A filter: the lines list would take Escape for itself.
        userCardBox.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                onClose();
                e.consume();
            }
        });
    }

    /** The monitor's action bar, through which the card acts. */
    void actions(RoomActionBarController actionBar, RoomActionsModel model) {
        this.bar = actionBar;
        this.actions = model;
        // A mute seen (or undone) while the card is open changes what Unmute can do.
        model.sanctions().addListener((javafx.collections.ListChangeListener<ModerationAction>) c ->
                unmuteButton.setDisable(mute().isEmpty()));
    }

    /** Told when one of the card's actions takes the focus (Tab), so a scrolling side pane can bring it into view. */
    void onActionFocused(java.util.function.Consumer<javafx.scene.Node> reveal) {
        for (javafx.scene.Node n : userActionsBox.getChildren()) {
            n.focusedProperty().subscribe(focused -> {
                if (focused) {
                    reveal.accept(n);
                }
            });
        }
    }

    void onClosed(Runnable then) {
        this.onClosed = then;
    }

    boolean showing() {
        return userCardBox.isVisible();
    }

    void show(UserCard card) {
        userNameLabel.setText(card.user().name());
        userIdLabel.setText(i18n.get("rooms.user.id", card.user().id()));
        userFactsLabel.setText(i18n.get("rooms.user.facts", card.linesHeld(), card.flaggedHeld())
                + (card.onSeat() ? " · " + i18n.get("rooms.user.onSeat") : ""));
        userLinesList.getItems().setAll(card.recent());
        this.card = card;
        unmuteButton.setDisable(mute().isEmpty());
        cardMicOffButton.setDisable(!card.onSeat());
        userCardBox.setVisible(true);
        userCardBox.setManaged(true);
        userLinesList.requestFocus();
    }

    @FXML
    void onClose() {
        userCardBox.setVisible(false);
        userCardBox.setManaged(false);
        userLinesList.getItems().clear();
        card = null;
        onClosed.run();
    }

    private Optional<ModerationAction> mute() {
        return card == null || actions == null ? Optional.empty()
                : actions.active(RoomAction.MUTE_USER, card.user().id());
    }

    private void act(RoomAction action, Integer param) {
        if (card != null && bar != null) {
            String target = action == RoomAction.MIC_OFF ? Integer.toString(card.seat()) : card.user().id();
            String typed = cardReasonBox.getEditor().getText();
            bar.request(action, target, card.user().name(), typed == null ? "" : typed, param);
        }
    }

    @FXML
    private void onMute10() {
        act(RoomAction.MUTE_USER, RoomAction.MUTE_MINUTES.get(0));
    }

    @FXML
    private void onMute60() {
        act(RoomAction.MUTE_USER, RoomAction.MUTE_MINUTES.get(1));
    }

    @FXML
    private void onMute1440() {
        act(RoomAction.MUTE_USER, RoomAction.MUTE_MINUTES.get(2));
    }

    @FXML
    private void onUnmute() {
        mute().ifPresent(m -> bar.undo(m));
    }

    @FXML
    private void onKick() {
        act(RoomAction.KICK_USER, null);
    }

    @FXML
    private void onWarn() {
        act(RoomAction.WARN_USER, null);
    }

    @FXML
    private void onMicOff() {
        act(RoomAction.MIC_OFF, null);
    }
}
