package dev.moddesk.server.sandbox.rooms;

import dev.moddesk.contract.rooms.RoomKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the platform's room state events ({@code room.opened}, join, leave, seat, song, source, closed) for a
 * {@link SimRoom} into a {@link RoomSink}, with the payloads docs/platform.md describes. Event ids are this run's
 * ({@code <run>-e<n>}), so a restarted simulator never collides with what an earlier run sent.
 */
final class RoomEvents {

    private final String run;
    private long sequence;

    RoomEvents(String run) {
        this.run = run;
    }

    void opened(SimRoom room, Instant now, RoomSink sink) {
        Map<String, Object> p = base(room);
        p.put("kind", room.kind.name());
        p.put("title", room.title);
        p.put("hostId", room.host.id());
        p.put("hostName", room.host.nickname());
        p.put("city", room.city);
        p.put("startedAt", now.toString());
        p.put("seatCount", room.seats.length);
        emit("room.opened", now, p, sink);
    }

    void join(SimRoom room, SimRoom.Person person, Instant now, RoomSink sink) {
        audience("room.join", room, person, now, sink);
    }

    void leave(SimRoom room, SimRoom.Person person, Instant now, RoomSink sink) {
        audience("room.leave", room, person, now, sink);
    }

    void seat(SimRoom room, SimRoom.SeatState seat, Instant now, RoomSink sink) {
        Map<String, Object> s = new HashMap<>();
        s.put("number", seat.number);
        if (seat.occupant != null) {
            s.put("occupantId", seat.occupant.id());
            s.put("occupantName", seat.occupant.nickname());
        }
        s.put("muted", seat.muted);
        s.put("locked", seat.locked);
        Map<String, Object> p = base(room);
        p.put("seat", s);
        emit("room.seat", now, p, sink);
    }

    void songs(SimRoom room, Instant now, RoomSink sink) {
        List<Map<String, Object>> queue = new ArrayList<>(room.queue.size());
        for (SimRoom.SongEntry song : room.queue) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("id", song.id());
            s.put("title", song.title());
            s.put("singerId", song.singer().id());
            s.put("singerName", song.singer().nickname());
            queue.add(s);
        }
        Map<String, Object> p = base(room);
        p.put("queue", queue);
        emit("room.song", now, p, sink);
    }

    void source(SimRoom room, Instant now, RoomSink sink) {
        Map<String, Object> p = base(room);
        if (room.source == null) {
            p.put("source", null);
        } else {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("title", room.source.title());
            s.put("url", room.source.url());
            s.put("sharedById", room.source.sharedBy().id());
            s.put("sharedByName", room.source.sharedBy().nickname());
            p.put("source", s);
        }
        emit("room.source", now, p, sink);
    }

    void closed(SimRoom room, String reason, Instant now, RoomSink sink) {
        Map<String, Object> p = base(room);
        p.put("reason", reason);
        emit("room.closed", now, p, sink);
    }

    /** Everything a (re)opened room shows: the room, its occupied or locked seats, its queue or source. */
    void wholeRoom(SimRoom room, Instant now, RoomSink sink) {
        opened(room, now, sink);
        for (SimRoom.SeatState seat : room.seats) {
            if (seat.occupant != null || seat.locked || seat.muted) {
                seat(room, seat, now, sink);
            }
        }
        if (room.kind == RoomKind.KTV) {
            songs(room, now, sink);
        }
        if (room.kind == RoomKind.WATCH_TOGETHER) {
            source(room, now, sink);
        }
    }

    private void audience(String type, SimRoom room, SimRoom.Person person, Instant now, RoomSink sink) {
        Map<String, Object> p = base(room);
        p.put("userId", person.id());
        p.put("nickname", person.nickname());
        p.put("audience", room.audience());
        emit(type, now, p, sink);
    }

    private static Map<String, Object> base(SimRoom room) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("roomId", room.id);
        return p;
    }

    private void emit(String type, Instant now, Map<String, Object> payload, RoomSink sink) {
        sink.event(run + "-e" + (++sequence), type, now, payload);
    }
}
