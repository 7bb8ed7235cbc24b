package dev.moddesk.app.rooms;

import dev.moddesk.app.core.I18n;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

/**
 * One fixed-height row of the chat list: time, author and the text with screened words (server) and watch-list terms
 * (console) highlighted; gap markers and notices in their own style. A long line shows its first line only (the row
 * is clipped); the user card shows it whole.
 */
final class ChatCell extends ListCell<ChatRow> {
    private static final String[] ROW_CLASSES = {"room-chat-gap", "room-chat-gap-lost", "room-chat-notice",
            "room-chat-flagged", "room-chat-held", "room-chat-watched-line"};

    private final I18n i18n;
    private final Label time = new Label();
    private final Label author = new Label();
    private final TextFlow text = new TextFlow();
    private final HBox box = new HBox(8, time, author, text);

    ChatCell(I18n i18n) {
        this.i18n = i18n;
        time.getStyleClass().add("room-chat-time");
        time.setMinWidth(64);
        author.getStyleClass().add("room-chat-author");
        author.setMinWidth(60);
        author.setMaxWidth(160);
        text.getStyleClass().add("room-chat-text");
        text.setMinWidth(0);
        HBox.setHgrow(text, Priority.ALWAYS);
        box.setAlignment(Pos.CENTER_LEFT);
        box.setMinWidth(0);
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(widthProperty());
        clip.heightProperty().bind(heightProperty());
        setClip(clip);
        setPrefWidth(0);
    }

    @Override
    protected void updateItem(ChatRow row, boolean empty) {
        super.updateItem(row, empty);
        getStyleClass().removeAll(ROW_CLASSES);
        setText(null);
        if (empty || row == null) {
            setGraphic(null);
            return;
        }
        switch (row) {
            case ChatLine line -> showLine(line);
            case GapRow gap -> showGap(gap);
            case NoticeRow notice -> showNotice(notice);
        }
        setGraphic(box);
    }

    private void showLine(ChatLine line) {
        time.setText(RoomText.time(line.atMillis()));
        author.setText(line.user().name());
        List<Node> parts = new ArrayList<>(3);
        for (Marks.Segment s : Marks.segments(line)) {
            Text t = new Text(s.text());
            t.getStyleClass().add("room-chat-segment");
            if ((s.kinds() & Marks.SCREENED) != 0) {
                t.getStyleClass().add("room-chat-screened");
            }
            if ((s.kinds() & Marks.WATCHED) != 0) {
                t.getStyleClass().add("room-chat-watched");
            }
            parts.add(t);
        }
        text.getChildren().setAll(parts);
        if (line.flagged()) {
            getStyleClass().add("room-chat-flagged");
        }
        if (line.held()) {
            getStyleClass().add("room-chat-held");
        }
        if (line.watched()) {
            getStyleClass().add("room-chat-watched-line");
        }
    }

    private void showGap(GapRow gap) {
        time.setText("");
        author.setText("⋯");
        String words = switch (gap.state()) {
            case OPEN, FILLING -> i18n.get("rooms.gap.filling", gap.from(), gap.to(), gap.size());
            case FAILED -> i18n.get("rooms.gap.failed", gap.from(), gap.to(), gap.size());
            case LOST -> i18n.get("rooms.gap.lost", gap.from(), gap.to(), gap.size());
        };
        Text t = new Text(words);
        t.getStyleClass().add("room-chat-segment");
        text.getChildren().setAll(t);
        getStyleClass().add(gap.state() == GapRow.State.LOST ? "room-chat-gap-lost" : "room-chat-gap");
    }

    private void showNotice(NoticeRow notice) {
        time.setText(RoomText.time(notice.atMillis()));
        author.setText("•");
        Text t = new Text(i18n.get(notice.key(), notice.args().toArray()));
        t.getStyleClass().add("room-chat-segment");
        text.getChildren().setAll(t);
        getStyleClass().add("room-chat-notice");
    }
}
