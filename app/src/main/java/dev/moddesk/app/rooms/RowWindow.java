package dev.moddesk.app.rooms;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import javafx.collections.ModifiableObservableListBase;

/**
 * The observable list behind a chat log's window: a ring buffer, so the log's frequent changes are one list change
 * each whose cost is the rows they move, not the list's size: {@link #appendAll} at the end, {@link #dropFirst} at the
 * front, both in one change, and {@link #prependAll} (older rows brought back when the list freezes). A monitor at
 * thousands of lines a second cuts rows off the front every frame or so; JavaFX's array-backed list removed them one
 * at a time, each removal shifting the whole array: a cut of 6,250 rows took a quarter of a second and more on the FX
 * thread. Other changes (a gap marker replaced in the middle, a filter's rebuild with {@link #setAll}) work as in any
 * list. FX thread only.
 */
final class RowWindow extends ModifiableObservableListBase<ChatRow> {
    private ChatRow[] rows = new ChatRow[16];
    private int head;
    private int size;

    @Override
    public ChatRow get(int index) {
        Objects.checkIndex(index, size);
        return rows[(head + index) & (rows.length - 1)];
    }

    @Override
    public int size() {
        return size;
    }

    /** Adds {@code more} at the end: one change. */
    void appendAll(List<? extends ChatRow> more) {
        if (more.isEmpty()) {
            return;
        }
        ensure(size + more.size());
        int from = size;
        for (ChatRow row : more) {
            rows[(head + size++) & (rows.length - 1)] = Objects.requireNonNull(row);
        }
        beginChange();
        nextAdd(from, size);
        endChange();
    }

    /**
     * Adds {@code more} at the end and removes the first {@code dropFront} rows that were there before: one change, so
     * a followed list that keeps a bounded tail is told (and scrolls, and lays out) once a frame, not twice.
     */
    void appendAll(List<? extends ChatRow> more, int dropFront) {
        if (dropFront <= 0) {
            appendAll(more);
            return;
        }
        Objects.checkFromToIndex(0, dropFront, size);
        List<ChatRow> removed = cut(dropFront);
        ensure(size + more.size());
        int from = size;
        for (ChatRow row : more) {
            rows[(head + size++) & (rows.length - 1)] = Objects.requireNonNull(row);
        }
        beginChange();
        nextRemove(0, removed);
        if (size > from) {
            nextAdd(from, size);
        }
        endChange();
    }

    /** Adds {@code more} at the front, in order: one change. */
    void prependAll(List<? extends ChatRow> more) {
        if (more.isEmpty()) {
            return;
        }
        ensure(size + more.size());
        int n = more.size();
        head = (head - n) & (rows.length - 1);
        size += n;
        int i = 0;
        for (ChatRow row : more) {
            rows[slot(i++)] = Objects.requireNonNull(row);
        }
        beginChange();
        nextAdd(0, n);
        endChange();
    }

    /** Removes the first {@code count} rows: one change. */
    void dropFirst(int count) {
        if (count <= 0) {
            return;
        }
        Objects.checkFromToIndex(0, count, size);
        List<ChatRow> removed = cut(count);
        beginChange();
        nextRemove(0, removed);
        endChange();
    }

    /** Takes the first {@code count} rows out (no change fired) and returns them. */
    private List<ChatRow> cut(int count) {
        List<ChatRow> removed = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int at = (head + i) & (rows.length - 1);
            removed.add(rows[at]);
            rows[at] = null;
        }
        head = (head + count) & (rows.length - 1);
        size -= count;
        return removed;
    }

    /** Replaces everything: one change. */
    @Override
    public boolean setAll(Collection<? extends ChatRow> all) {
        List<ChatRow> removed = new ArrayList<>(this);
        ChatRow[] next = new ChatRow[capacityFor(all.size())];
        int n = 0;
        for (ChatRow row : all) {
            next[n++] = Objects.requireNonNull(row);
        }
        rows = next;
        head = 0;
        size = n;
        beginChange();
        if (removed.isEmpty()) {
            nextAdd(0, size);
        } else {
            nextReplace(0, size, removed);
        }
        endChange();
        return true;
    }

    @Override
    protected void doAdd(int index, ChatRow row) {
        Objects.requireNonNull(row);
        ensure(size + 1);
        if (index == 0) {
            head = (head - 1) & (rows.length - 1);
            rows[head] = row;
            size++;
            return;
        }
        size++;
        for (int i = size - 1; i > index; i--) {
            rows[slot(i)] = rows[slot(i - 1)];
        }
        rows[slot(index)] = row;
    }

    @Override
    protected ChatRow doSet(int index, ChatRow row) {
        Objects.requireNonNull(row);
        ChatRow old = get(index);
        rows[slot(index)] = row;
        return old;
    }

    @Override
    protected ChatRow doRemove(int index) {
        ChatRow old = get(index);
        if (index == 0) {
            rows[head] = null;
            head = (head + 1) & (rows.length - 1);
            size--;
            return old;
        }
        for (int i = index; i < size - 1; i++) {
            rows[slot(i)] = rows[slot(i + 1)];
        }
        rows[slot(size - 1)] = null;
        size--;
        return old;
    }

    private int slot(int index) {
        return (head + index) & (rows.length - 1);
    }

    private void ensure(int needed) {
        if (needed <= rows.length) {
            return;
        }
        ChatRow[] next = new ChatRow[capacityFor(needed)];
        for (int i = 0; i < size; i++) {
            next[i] = rows[slot(i)];
        }
        rows = next;
        head = 0;
    }

    /** A power of two, at least 16, that holds {@code n}. */
    private static int capacityFor(int n) {
        return Math.max(16, Integer.highestOneBit(Math.max(1, n - 1)) << 1);
    }

    @Override
    public Object[] toArray() {
        Object[] out = new Object[size];
        for (int i = 0; i < size; i++) {
            out[i] = rows[slot(i)];
        }
        return out;
    }
}
