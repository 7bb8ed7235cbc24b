package dev.moddesk.contract.rooms;

import java.util.List;

/**
 * What {@code GET /api/v1/rooms/{id}} answers: the summary, the seats (empty for FRIENDS), the KTV song queue (first:
 * now singing), the watch-together source (null when none), slow mode in seconds between one user's messages (0 =
 * off), and the room's recent {@code message} events, oldest first (each with its sequence number, so a monitor
 * subscribes with {@code resume} from {@code summary.lastSeq} and misses nothing).
 */
public record RoomDetail(RoomSummary summary, List<Seat> seats, List<Song> songQueue, WatchSource source,
                         int slowModeSeconds, List<RoomEvent> recentMessages) {
    public RoomDetail {
        seats = seats == null ? List.of() : List.copyOf(seats);
        songQueue = songQueue == null ? List.of() : List.copyOf(songQueue);
        recentMessages = recentMessages == null ? List.of() : List.copyOf(recentMessages);
    }
}
