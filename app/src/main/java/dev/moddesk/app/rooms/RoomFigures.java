package dev.moddesk.app.rooms;

import java.util.Objects;

/**
 * One room's figures on the wall, as the latest summary gave them. {@code kind} stays the wire's name
 * (FRIENDS, VOICE, KTV, WATCH_TOGETHER) so a kind a newer server adds still shows, with a generic icon.
 */
public record RoomFigures(String room, String kind, String title, String host, String city, boolean live,
                          long audience, double messagesPerSecond, long flagged, long reports, int seatsTaken,
                          int seatsTotal) {
    public RoomFigures {
        Objects.requireNonNull(room, "room");
        kind = kind == null ? "" : kind;
        title = ChatLines.oneLine(title == null ? room : title, 80);
        host = ChatLines.oneLine(host == null ? "" : host, ChatLines.MAX_NAME);
        city = ChatLines.oneLine(city == null ? "" : city, 40);
        messagesPerSecond = Double.isFinite(messagesPerSecond) ? Math.max(0, messagesPerSecond) : 0;
    }
}
