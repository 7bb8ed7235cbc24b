package dev.moddesk.app.rooms;

import dev.moddesk.app.core.I18n;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.VBox;

/**
 * The user card beside a monitor's chat: who the user is, what the monitor knows of them in this room (lines held,
 * flagged, on a seat) and their newest lines, whole. Opened from the keyboard (Enter on a line) or a double click;
 * Escape or Close puts it away and returns focus to the chat. Actions on the user come with the action bar.
 */
public final class UserCardController {
    private final I18n i18n;
    private Runnable onClosed = () -> { };

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
        // A filter: the lines list would take Escape for itself.
        userCardBox.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ESCAPE) {
                onClose();
                e.consume();
            }
        });
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
        userCardBox.setVisible(true);
        userCardBox.setManaged(true);
        userLinesList.requestFocus();
    }

    @FXML
    void onClose() {
        userCardBox.setVisible(false);
        userCardBox.setManaged(false);
        userLinesList.getItems().clear();
        onClosed.run();
    }
}
