package dev.moddesk.app.rooms;

import dev.moddesk.app.core.ErasedUsers;
import dev.moddesk.app.core.I18n;
import dev.moddesk.contract.rooms.HeldMessage;
import dev.moddesk.contract.rooms.ScreenHit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

/**
 * One held message: room, user and time left before the deadline on top, the text below with the matched words
 * highlighted (the server's hits). Everything but the time is the platform users' input: drawn as one safe line
 * ({@link ChatLines#oneLine}, offsets kept), never interpreted.
 */
final class HeldCell extends ListCell<HeldMessage> {
    private final Function<HeldMessage, String> timeLeft;
    private final I18n i18n;
    private final Label room = new Label();
    private final Label user = new Label();
    private final Label left = new Label();
    private final TextFlow text = new TextFlow();
    private final VBox box;

    HeldCell(Function<HeldMessage, String> timeLeft, I18n i18n) {
        this.i18n = i18n;
        this.timeLeft = timeLeft;
        room.getStyleClass().add("held-room");
        user.getStyleClass().add("held-user");
        left.getStyleClass().add("held-left");
        text.getStyleClass().add("held-text");
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox top = new HBox(10, room, user, grow, left);
        box = new VBox(4, top, text);
        box.getStyleClass().add("held-row");
    }

    @Override
    protected void updateItem(HeldMessage item, boolean empty) {
        super.updateItem(item, empty);
        setText(null);
        if (empty || item == null) {
            setGraphic(null);
            return;
        }
        room.setText(ChatLines.oneLine(item.room(), ChatLines.MAX_NAME));
        user.setText(ChatLines.oneLine(ErasedUsers.name(i18n, item.userId(), item.nickname()), ChatLines.MAX_NAME) + " · "
                + ChatLines.oneLine(item.userId(), ChatLines.MAX_NAME));
        left.setText(timeLeft.apply(item));
        String line = ChatLines.oneLine(item.text(), ChatLines.MAX_TEXT);
        List<Marks.Mark> marks = new ArrayList<>();
        for (ScreenHit hit : item.hits()) {
            marks.add(new Marks.Mark(hit.start(), hit.end(), Marks.SCREENED));
        }
        List<Node> parts = new ArrayList<>();
        for (Marks.Segment s : Marks.segments(line, Marks.pack(line, marks))) {
            Text t = new Text(s.text());
            t.getStyleClass().add("room-chat-segment");
            if ((s.kinds() & Marks.SCREENED) != 0) {
                t.getStyleClass().add("held-matched");
            }
            parts.add(t);
        }
        text.getChildren().setAll(parts);
        setGraphic(box);
    }
}
