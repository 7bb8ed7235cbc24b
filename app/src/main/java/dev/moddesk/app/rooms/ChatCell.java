package dev.moddesk.app.rooms;

import dev.moddesk.app.core.I18n;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
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
    private final Supplier<ChatRow> reported;
    private final Label time = new Label();
    private final Label author = new Label();
    private final TextFlow text = new TextFlow();
    private final HBox box = new HBox(8, time, author, text);
    private final List<Text> segments = new ArrayList<>(3);

    /** @param reported the reported line a deep link asked for (highlighted), or null */
    ChatCell(I18n i18n, Supplier<ChatRow> reported) {
        this.i18n = i18n;
        this.reported = reported;
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
        // The row's height is fixed (the list's fixedCellSize): without this the cell's skin asked the box for its
        // minimum height in every layout, which measured every text of the row once more (a tenth of the FX thread's
        // time in the rooms scene benchmark). Its preferred height, measured anyway, is never below its minimum.
        box.setMinHeight(0);
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(widthProperty());
        clip.heightProperty().bind(heightProperty());
        setClip(clip);
        setPrefWidth(0);
    }

    @Override
    protected void updateItem(ChatRow row, boolean empty) {
        super.updateItem(row, empty);
        setText(null);
        if (empty || row == null) {
            rowClass(-1, false, false, false);
            styled(this, "room-chat-reported", false);
            setGraphic(null);
            return;
        }
        styled(this, "room-chat-reported", row == reported.get());
        switch (row) {
            case ChatLine line -> showLine(line);
            case GapRow gap -> showGap(gap);
            case NoticeRow notice -> showNotice(notice);
        }
        if (getGraphic() != box) {
            setGraphic(box);
        }
    }

    /*
     * A followed monitor at thousands of lines a second gives every visible cell a new line every frame: the cell
     * keeps its Text nodes and changes a style class only when it differs, so an ordinary line costs a setText, not
     * new nodes and a full CSS pass for each of them.
     */

    private void showLine(ChatLine line) {
        time.setText(RoomText.time(line.atMillis()));
        author.setText(line.user().name());
        List<Marks.Segment> segments = Marks.segments(line);
        for (int i = 0; i < segments.size(); i++) {
            Marks.Segment s = segments.get(i);
            Text t = segment(i);
            t.setText(s.text());
            styled(t, "room-chat-screened", (s.kinds() & Marks.SCREENED) != 0);
            styled(t, "room-chat-watched", (s.kinds() & Marks.WATCHED) != 0);
        }
        showSegments(segments.size());
        rowClass(-1, line.flagged(), line.held(), line.watched());
    }

    private void showGap(GapRow gap) {
        time.setText("");
        author.setText("⋯");
        String words = switch (gap.state()) {
            case OPEN, FILLING -> i18n.get("rooms.gap.filling", gap.from(), gap.to(), gap.size());
            case FAILED -> i18n.get("rooms.gap.failed", gap.from(), gap.to(), gap.size());
            case LOST -> i18n.get("rooms.gap.lost", gap.from(), gap.to(), gap.size());
        };
        plain(words);
        rowClass(gap.state() == GapRow.State.LOST ? 1 : 0, false, false, false);
    }

    private void showNotice(NoticeRow notice) {
        time.setText(RoomText.time(notice.atMillis()));
        author.setText("•");
        plain(i18n.get(notice.key(), notice.args().toArray()));
        rowClass(2, false, false, false);
    }

    private void plain(String words) {
        Text t = segment(0);
        t.setText(words);
        styled(t, "room-chat-screened", false);
        styled(t, "room-chat-watched", false);
        showSegments(1);
    }

    /** The i-th Text node of this cell, made once. */
    private Text segment(int i) {
        while (segments.size() <= i) {
            Text t = new Text();
            t.getStyleClass().add("room-chat-segment");
            segments.add(t);
        }
        return segments.get(i);
    }

    private void showSegments(int n) {
        javafx.collections.ObservableList<Node> shown = text.getChildren();
        if (shown.size() != n) {
            shown.setAll(segments.subList(0, n));
        }
    }

    /** The row's style classes: {@code kind} 0 gap, 1 lost gap, 2 notice, -1 none; then the line's flags. */
    private void rowClass(int kind, boolean flagged, boolean held, boolean watched) {
        boolean[] on = {kind == 0, kind == 1, kind == 2, flagged, held, watched};
        for (int i = 0; i < ROW_CLASSES.length; i++) {
            styled(this, ROW_CLASSES[i], on[i]);
        }
    }

    private static void styled(javafx.css.Styleable node, String styleClass, boolean on) {
        List<String> classes = node.getStyleClass();
        if (on != classes.contains(styleClass)) {
            if (on) {
                classes.add(styleClass);
            } else {
                classes.remove(styleClass);
            }
        }
    }
}
