package dev.moddesk.contract.rooms;

import java.util.List;

/**
 * The payload of the {@code words.list} feed action: the whole list at {@code version}, after one change
 * ({@code change}: {@code added}, {@code changed} or {@code removed}, of {@code term}). A platform applies the list of
 * the highest version it has seen, as it is, before it shows the next message (see docs/platform.md).
 */
public record WordListUpdate(long version, String change, String term, List<WordTermRequest> terms) {
    public WordListUpdate {
        terms = terms == null ? List.of() : List.copyOf(terms);
    }
}
