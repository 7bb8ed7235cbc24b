package dev.moddesk.contract;

import java.util.List;

/**
 * One page of a cursor-paginated list. {@code nextCursor} is opaque; it is null on the last page. Cursors are stable
 * under inserts: a page never repeats or skips an item because new ones arrived.
 */
public record Page<T>(List<T> items, String nextCursor) {
    public Page {
        items = items == null ? List.of() : List.copyOf(items);
    }
}
