package dev.moddesk.server.rooms;

import java.util.LinkedHashSet;

/**
 * The last {@code capacity} event ids this node applied without recording them in the database (chat lines): a resend
 * of one of them is answered DUPLICATE. Bounded: older ids are forgotten, oldest first. Thread-safe.
 */
final class RecentIds {
    private final int capacity;
    private final LinkedHashSet<String> ids = new LinkedHashSet<>();

    RecentIds(int capacity) {
        this.capacity = capacity;
    }

    synchronized boolean contains(String id) {
        return ids.contains(id);
    }

    synchronized void add(String id) {
        if (ids.add(id) && ids.size() > capacity) {
            ids.removeFirst();
        }
    }
}
