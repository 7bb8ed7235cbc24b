package dev.moddesk.app.api.stream;

import java.util.ArrayDeque;
import java.util.Collection;

/**
 * A bounded FIFO between a producer thread (OkHttp's reader) and the per-frame drain on the FX thread. Policy: drop
 * newest. A full queue refuses the item and counts it; it never blocks the producer, because a blocked reader thread
 * would also hold back heartbeats and make a slow console look like a dead link.
 */
public final class BoundedStreamQueue<T> {
    private final int capacity;
    private final ArrayDeque<T> items;
    private long refused;

    public BoundedStreamQueue(int capacity) {
        if (capacity < 2) {
            throw new IllegalArgumentException("capacity " + capacity);
        }
        this.capacity = capacity;
        this.items = new ArrayDeque<>(Math.min(capacity, 4096));
    }

    /** Adds {@code item} unless the queue is full; a refusal is counted. */
    public synchronized boolean offer(T item) {
        if (items.size() >= capacity) {
            refused++;
            return false;
        }
        items.addLast(item);
        return true;
    }

    /** Adds both items, in order, or neither (a gap marker must never be separated from the frame after it). */
    public synchronized boolean offerBoth(T first, T second) {
        if (items.size() + 2 > capacity) {
            refused++;
            return false;
        }
        items.addLast(first);
        items.addLast(second);
        return true;
    }

    /** Moves up to {@code max} items, oldest first, into {@code sink}; returns how many. */
    public synchronized int drainTo(Collection<? super T> sink, int max) {
        int n = Math.min(max, items.size());
        for (int i = 0; i < n; i++) {
            sink.add(items.pollFirst());
        }
        return n;
    }

    public synchronized int size() {
        return items.size();
    }

    public int capacity() {
        return capacity;
    }

    /** Offers refused because the queue was full, since it was made. */
    public synchronized long refused() {
        return refused;
    }
}
