package dev.moddesk.server.sandbox.rooms;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Collects what the room simulation sends, in order. */
final class RecordingSink implements RoomSink {

    record Line(String roomId, String messageId, String userId, String nickname, String text, Instant at) {
    }

    record Event(String eventId, String type, Instant at, Map<String, Object> payload) {
        String roomId() {
            return (String) payload.get("roomId");
        }
    }

    final List<Line> lines = new ArrayList<>();
    final List<Event> events = new ArrayList<>();

    @Override
    public void message(String roomId, String messageId, String userId, String nickname, String text, Instant at) {
        lines.add(new Line(roomId, messageId, userId, nickname, text, at));
    }

    @Override
    public void event(String eventId, String type, Instant at, Map<String, Object> payload) {
        events.add(new Event(eventId, type, at, payload));
    }

    List<Line> linesIn(String roomId) {
        return lines.stream().filter(l -> l.roomId().equals(roomId)).toList();
    }

    List<Event> eventsIn(String roomId) {
        return events.stream().filter(e -> roomId.equals(e.roomId())).toList();
    }

    void clear() {
        lines.clear();
        events.clear();
    }
}
