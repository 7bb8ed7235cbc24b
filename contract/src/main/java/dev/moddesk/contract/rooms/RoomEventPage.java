package dev.moddesk.contract.rooms;

import java.util.List;

/**
 * What {@code GET /api/v1/rooms/{id}/events?after=&limit=} answers: the events after {@code after} the server still
 * has, in sequence order (from the retained window, plus stored flagged, held and action events older than it);
 * {@code gone} the ranges in between that are lost for good (a monitor keeps a labelled marker there);
 * {@code nextAfter} the {@code after} of the next page, null on the last one; {@code lastSeq} the room's newest.
 */
public record RoomEventPage(List<RoomEvent> items, List<RoomStream.Gap> gone, Long nextAfter, long lastSeq) {
    public RoomEventPage {
        items = items == null ? List.of() : List.copyOf(items);
        gone = gone == null ? List.of() : List.copyOf(gone);
    }
}
