package dev.moddesk.server.rooms;

import dev.moddesk.contract.rooms.RoomKind;
import dev.moddesk.contract.rooms.RoomStatus;
import java.time.Instant;

/** One room's stored state as the {@code room} table holds it (JSON columns still as text). */
record RoomRow(String roomId, RoomKind kind, String title, String hostId, String hostName, String city,
               RoomStatus status, Instant startedAt, Instant endedAt, int audience, int seatCount, String seatsJson,
               String songsJson, String sourceJson, int slowModeSeconds, long flagged, long reports) {
}
