package dev.moddesk.contract.rooms;

import java.time.Instant;

/**
 * One card of the room wall, as {@code GET /api/v1/rooms} lists it and the stream's {@code summaries} frame repeats
 * about once a second. {@code messagesPerSecond}: messages in the last few seconds, averaged; {@code flagged}:
 * screened messages flagged since the room opened; {@code reports}: open user reports about the room or its messages;
 * {@code lastSeq}: the room's newest event sequence number (0 before its first event).
 */
public record RoomSummary(
        String roomId,
        RoomKind kind,
        String title,
        String hostId,
        String hostName,
        String city,
        RoomStatus status,
        Instant startedAt,
        int audience,
        double messagesPerSecond,
        long flagged,
        long reports,
        int seatsTaken,
        int seatCount,
        long lastSeq) {
}
