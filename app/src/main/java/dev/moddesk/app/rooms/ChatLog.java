package dev.moddesk.app.rooms;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.collections.ObservableList;

/**
 * A monitor's chat stream: a bounded buffer (the source of truth, oldest rows dropped first) and the window of it the
 * list shows. Rows arrive in batches, once per frame, and reach the window in one change that also cuts its front
 * ({@link RowWindow}): while the list follows the tail the window keeps only the newest {@code liveRows} rows. JavaFX's
 * list skin walks every row of its list a few times in each layout that scrolls it, so a followed list of 100,000 rows
 * cost milliseconds every frame; the tail costs what it holds. While frozen (the pointer rests on the list, or the
 * moderator pinned it with the hotkey) the window holds the whole buffer, so the moderator can scroll back through all
 * of it; it stands still and new rows are only counted; unfreezing adds them and goes back to the tail. A filter
 * rebuilds the window from the buffer. FX thread only.
 */
public final class ChatLog {
    private final int capacity;
    private final int liveRows;
    private final ArrayList<ChatRow> buffer;
    private final RowWindow window = new RowWindow();
    private final ReadOnlyBooleanWrapper frozen = new ReadOnlyBooleanWrapper(this, "frozen");
    private final ReadOnlyBooleanWrapper pinned = new ReadOnlyBooleanWrapper(this, "pinned");
    private final ReadOnlyIntegerWrapper newWhileFrozen = new ReadOnlyIntegerWrapper(this, "newWhileFrozen");
    private boolean hovered;
    private ChatFilter filter = ChatFilter.NONE;
    /** The last buffered row when the log froze; rows after it are the new ones. Null: all rows are new. */
    private ChatRow frozenAfter;
    private long dropped;

    /** A log whose window holds the whole buffer while following, too. */
    public ChatLog(int capacity) {
        this(capacity, capacity);
    }

    /** @param liveRows the rows the window keeps while the list follows the tail (at most {@code capacity}) */
    public ChatLog(int capacity, int liveRows) {
        if (capacity < 16 || liveRows < 16 || liveRows > capacity) {
            throw new IllegalArgumentException("capacity " + capacity + ", liveRows " + liveRows);
        }
        this.capacity = capacity;
        this.liveRows = liveRows;
        this.buffer = new ArrayList<>(Math.min(capacity, 1 << 14));
    }

    /** The rows the list shows (read it; only the log changes it). */
    public ObservableList<ChatRow> window() {
        return window;
    }

    public ReadOnlyBooleanProperty frozenProperty() {
        return frozen.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty pinnedProperty() {
        return pinned.getReadOnlyProperty();
    }

    /** Messages that arrived (and pass the filter) since the log froze: the "N new messages" bar. */
    public ReadOnlyIntegerProperty newWhileFrozenProperty() {
        return newWhileFrozen.getReadOnlyProperty();
    }

    public ChatFilter filter() {
        return filter;
    }

    public int capacity() {
        return capacity;
    }

    /** Rows in the buffer. */
    public int size() {
        return buffer.size();
    }

    /** Rows the bounded buffer has let go since it was made. */
    public long dropped() {
        return dropped;
    }

    /** Appends one frame's rows, in stream order. */
    public void append(List<? extends ChatRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        buffer.addAll(rows);
        int excess = buffer.size() - capacity;
        if (excess > 0) {
            buffer.subList(0, excess).clear();
            dropped += excess;
        }
        if (frozen.get()) {
            int counted = 0;
            for (ChatRow row : rows) {
                if (row instanceof ChatLine && filter.test(row)) {
                    counted++;
                }
            }
            newWhileFrozen.set(newWhileFrozen.get() + counted);
            return;
        }
        List<? extends ChatRow> tail = rows.size() > capacity ? rows.subList(rows.size() - capacity, rows.size()) : rows;
        show(filter.none() ? tail : matching(tail));
    }

    /** The rows the window keeps while following. */
    public int liveRows() {
        return liveRows;
    }

    /** Shows only what {@code next} lets through; the window is rebuilt from the buffer. */
    public void setFilter(ChatFilter next) {
        filter = Objects.requireNonNull(next, "filter");
        List<ChatRow> all = matching(buffer);
        window.setAll(frozen.get() ? all : liveTail(all));
        freezePoint();
    }

    /** The pointer entered (true) or left (false) the list. */
    public void setHovered(boolean on) {
        hovered = on;
        updateFrozen();
    }

    /** The hotkey: freezes until pressed again, whatever the pointer does. */
    public void togglePinned() {
        pinned.set(!pinned.get());
        updateFrozen();
    }

    /** Unfreezes now (the "N new messages" bar was clicked), pinned or hovered. */
    public void resume() {
        pinned.set(false);
        hovered = false;
        updateFrozen();
    }

    private void updateFrozen() {
        boolean now = hovered || pinned.get();
        if (now == frozen.get()) {
            return;
        }
        if (now) {
            // Still following while the older rows come back: the list stays scrolled to the same newest rows.
            bringBackOlder();
            freezePoint();
            frozen.set(true);
        } else {
            frozen.set(false);
            newWhileFrozen.set(0);
            catchUp();
        }
    }

    /** Puts the buffered (and filtered) rows older than the window's first in front of it. */
    private void bringBackOlder() {
        if (window.isEmpty()) {
            return;
        }
        int first = lastIndexOf(buffer, window.getFirst());
        if (first > 0) {
            window.prependAll(matching(buffer.subList(0, first)));
        }
    }

    private void freezePoint() {
        frozenAfter = buffer.isEmpty() ? null : buffer.getLast();
        newWhileFrozen.set(0);
    }

    /**
     * Adds what arrived while frozen and goes back to the tail; if the buffer has since dropped the freeze point,
     * rebuilds the window.
     */
    private void catchUp() {
        int from = frozenAfter == null ? -1 : lastIndexOf(buffer, frozenAfter);
        if (from < 0) {
            window.setAll(liveTail(matching(buffer)));
        } else {
            show(matching(buffer.subList(from + 1, buffer.size())));
            if (window.size() > liveRows) {
                window.dropFirst(window.size() - liveRows);
            }
        }
        frozenAfter = null;
    }

    /**
     * Puts {@code with} where {@code old} is (a gap marker filled by backfill, or one whose state changed), in the
     * buffer and in the window. Returns false when {@code old} is no longer buffered.
     */
    public boolean replace(ChatRow old, List<? extends ChatRow> with) {
        int at = lastIndexOf(buffer, old);
        if (at < 0) {
            return false;
        }
        buffer.remove(at);
        buffer.addAll(at, with);
        if (frozenAfter == old) {
            frozenAfter = !with.isEmpty() ? with.getLast() : at > 0 ? buffer.get(at - 1) : null;
        }
        int excess = buffer.size() - capacity;
        if (excess > 0) {
            buffer.subList(0, excess).clear();
            dropped += excess;
        }
        int shown = lastIndexOf(window, old);
        if (shown >= 0) {
            window.remove(shown);
            window.addAll(shown, matching(with));
        }
        return true;
    }

    /**
     * The buffered row numbered {@code seq} (a line or a notice), the gap marker covering it, or null when the buffer
     * has neither. Newest first: what is looked for is usually recent.
     */
    public ChatRow rowAt(long seq) {
        for (int i = buffer.size() - 1; i >= 0; i--) {
            ChatRow row = buffer.get(i);
            if (row instanceof GapRow gap ? gap.from() <= seq && seq <= gap.to() : row.seq() == seq) {
                return row;
            }
            if (row.seq() < seq && !(row instanceof GapRow)) {
                return null;
            }
        }
        return null;
    }

    /** The newest buffered sequence number (a gap marker's last); 0 when the buffer is empty. */
    public long newestSeq() {
        return buffer.isEmpty() ? 0 : buffer.getLast() instanceof GapRow gap ? gap.to() : buffer.getLast().seq();
    }

    /** The oldest buffered row's sequence number; 0 when the buffer is empty. */
    public long oldestSeq() {
        return buffer.isEmpty() ? 0 : buffer.getFirst().seq();
    }

    /**
     * Puts older rows before everything buffered (history fetched on purpose: a reported message further back than
     * the monitor's start), in the buffer and in the window. False when they would not fit the buffer.
     */
    public boolean prepend(List<? extends ChatRow> rows) {
        if (rows.isEmpty() || buffer.size() + rows.size() > capacity) {
            return rows.isEmpty();
        }
        buffer.addAll(0, rows);
        window.addAll(0, matching(rows));
        return true;
    }

    /** The newest buffered lines of one author, newest first (the user card). */
    public List<ChatLine> linesBy(String userId, int max) {
        List<ChatLine> out = new ArrayList<>();
        for (int i = buffer.size() - 1; i >= 0 && out.size() < max; i--) {
            if (buffer.get(i) instanceof ChatLine line && line.user().id().equals(userId)) {
                out.add(line);
            }
        }
        return out;
    }

    /** How many buffered lines {@code userId} wrote, and how many of them were flagged. */
    public int[] countsBy(String userId) {
        int lines = 0;
        int flagged = 0;
        for (ChatRow row : buffer) {
            if (row instanceof ChatLine line && line.user().id().equals(userId)) {
                lines++;
                if (line.flagged()) {
                    flagged++;
                }
            }
        }
        return new int[] {lines, flagged};
    }

    /** The buffered gap markers in the given state, oldest first. */
    public List<GapRow> gaps(GapRow.State state) {
        List<GapRow> out = new ArrayList<>();
        for (ChatRow row : buffer) {
            if (row instanceof GapRow gap && gap.state() == state) {
                out.add(gap);
            }
        }
        return out;
    }

    /**
     * Adds rows at the end (following); once the window holds {@code liveRows}, as many are cut off its front in the
     * same change. Its size then stays the same from frame to frame, so the list keeps its scroll position at the end
     * and only gives its cells their new rows (a list whose row count changes re-estimates its length and lays out
     * twice).
     */
    private void show(List<? extends ChatRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        int after = window.size() + rows.size();
        if (after <= liveRows) {
            window.appendAll(rows);
        } else if (rows.size() <= liveRows) {
            window.appendAll(rows, after - liveRows);
        } else {
            // More than the tail holds in one go (a catch-up): every row still passes through the window.
            window.appendAll(rows);
            window.dropFirst(window.size() - liveRows);
        }
    }

    private List<ChatRow> liveTail(List<ChatRow> rows) {
        return rows.size() <= liveRows ? rows : rows.subList(rows.size() - liveRows, rows.size());
    }

    private List<ChatRow> matching(List<? extends ChatRow> rows) {
        List<ChatRow> out = new ArrayList<>(filter.none() ? rows.size() : 64);
        for (ChatRow row : rows) {
            if (filter.test(row)) {
                out.add(row);
            }
        }
        return out;
    }

    private static int lastIndexOf(List<? extends ChatRow> rows, ChatRow row) {
        for (int i = rows.size() - 1; i >= 0; i--) {
            if (rows.get(i) == row) {
                return i;
            }
        }
        return -1;
    }
}
