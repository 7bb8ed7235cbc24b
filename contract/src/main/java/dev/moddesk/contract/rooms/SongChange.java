package dev.moddesk.contract.rooms;

import java.util.List;

/** A KTV room's queue changed ({@code song}): the whole queue after the change, first = now singing. */
public record SongChange(List<Song> queue) implements RoomEventPayload {
    public SongChange {
        queue = queue == null ? List.of() : List.copyOf(queue);
    }
}
