package dev.moddesk.server.rooms;

import dev.moddesk.contract.rooms.RoomClosed;
import dev.moddesk.contract.rooms.RoomEventPayload;
import dev.moddesk.contract.rooms.RoomJoin;
import dev.moddesk.contract.rooms.RoomKind;
import dev.moddesk.contract.rooms.RoomLeave;
import dev.moddesk.contract.rooms.RoomStatus;
import dev.moddesk.contract.rooms.Seat;
import dev.moddesk.contract.rooms.SeatChange;
import dev.moddesk.contract.rooms.SongChange;
import dev.moddesk.contract.rooms.SourceChange;
import dev.moddesk.server.platform.IngestHandler;
import dev.moddesk.server.platform.IngestPayload;
import dev.moddesk.server.rooms.bus.RoomBus;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * The platform's room events that change a room's state: each is applied in the ingest transaction (its event id
 * recorded, so exactly once) under the room row's lock, and appended to the bus as the transaction's last step, so a
 * room's state changes are numbered in the order they were applied.
 */
final class RoomStateIngest {
    static final int VOICE_SEATS = 8;

    private final RoomStore store;
    private final RoomJson json;
    private final RoomBus bus;
    private final Clock clock;
    private final LiveRooms liveRooms;

    RoomStateIngest(RoomStore store, RoomJson json, RoomBus bus, Clock clock, LiveRooms liveRooms) {
        this.store = store;
        this.json = json;
        this.bus = bus;
        this.clock = clock;
        this.liveRooms = liveRooms;
    }

    List<IngestHandler> handlers() {
        return List.of(
                IngestHandler.of("room.opened", this::opened),
                IngestHandler.of("room.join", (h, e) -> audience(h, e, true)),
                IngestHandler.of("room.leave", (h, e) -> audience(h, e, false)),
                IngestHandler.of("room.seat", this::seat),
                IngestHandler.of("room.song", this::song),
                IngestHandler.of("room.source", this::source),
                IngestHandler.of("room.closed", this::closed));
    }

    private void opened(Handle h, IngestHandler.Event e) {
        IngestPayload p = IngestPayload.of(e.payload());
        String roomId = RoomPayloads.roomId(p);
        RoomKind kind = RoomPayloads.kind(p);
        int defaultSeats = kind == RoomKind.VOICE || kind == RoomKind.KTV ? VOICE_SEATS : 0;
        int seats = RoomPayloads.optionalInt(p, "seatCount", 0, RoomPayloads.MAX_SEATS, defaultSeats);
        var startedAt = RoomPayloads.optionalInstant(p, "startedAt");
        store.open(h, new RoomStore.Opened(roomId, kind, RoomPayloads.name(p, "title"), RoomPayloads.id(p, "hostId"),
                RoomPayloads.name(p, "hostName"), RoomPayloads.optionalName(p, "city"),
                startedAt == null ? e.occurredAt() : startedAt, seats, json.write(RoomJson.emptySeats(seats))),
                clock.instant());
        h.afterCommit(() -> liveRooms.forget(roomId));
    }

    private void audience(Handle h, IngestHandler.Event e, boolean join) {
        IngestPayload p = IngestPayload.of(e.payload());
        RoomRow room = liveRoom(h, p);
        String userId = RoomPayloads.id(p, "userId");
        String nickname = RoomPayloads.name(p, "nickname");
        int audience = RoomPayloads.optionalInt(p, "audience", 0, 100_000_000,
                Math.max(0, room.audience() + (join ? 1 : -1)));
        store.setAudience(h, room.roomId(), audience, clock.instant());
        append(room, e, join ? new RoomJoin(userId, nickname, audience) : new RoomLeave(userId, nickname, audience));
    }

    private void seat(Handle h, IngestHandler.Event e) {
        IngestPayload p = IngestPayload.of(e.payload());
        RoomRow room = liveRoom(h, p);
        if (room.seatCount() == 0) {
            throw p.refuse("roomId", "rooms.ingest.noSeats", room.kind());
        }
        Seat seat = RoomPayloads.seat(p, room.seatCount());
        List<Seat> seats = new ArrayList<>(json.seats(room.seatsJson()));
        seats.removeIf(s -> s.number() == seat.number());
        seats.add(seat);
        seats.sort((a, b) -> Integer.compare(a.number(), b.number()));
        store.setSeats(h, room.roomId(), json.write(seats), clock.instant());
        append(room, e, new SeatChange(seat));
    }

    private void song(Handle h, IngestHandler.Event e) {
        IngestPayload p = IngestPayload.of(e.payload());
        RoomRow room = liveRoom(h, p);
        var queue = RoomPayloads.songs(p);
        store.setSongs(h, room.roomId(), json.write(queue), clock.instant());
        append(room, e, new SongChange(queue));
    }

    private void source(Handle h, IngestHandler.Event e) {
        IngestPayload p = IngestPayload.of(e.payload());
        RoomRow room = liveRoom(h, p);
        var source = RoomPayloads.source(p);
        store.setSource(h, room.roomId(), json.write(source), clock.instant());
        append(room, e, new SourceChange(source));
    }

    private void closed(Handle h, IngestHandler.Event e) {
        IngestPayload p = IngestPayload.of(e.payload());
        RoomRow room = liveRoom(h, p);
        String reason = p.has("reason") ? RoomPayloads.name(p, "reason") : null;
        store.close(h, room.roomId(), RoomStatus.ENDED, e.occurredAt(), clock.instant());
        h.afterCommit(() -> liveRooms.forget(room.roomId()));
        append(room, e, new RoomClosed(RoomStatus.ENDED, reason, null));
    }

    private RoomRow liveRoom(Handle h, IngestPayload payload) {
        String roomId = RoomPayloads.roomId(payload);
        RoomRow room = store.lock(h, roomId).orElseThrow(() -> payload.refuse("roomId", "rooms.ingest.noRoom"));
        if (room.status() != RoomStatus.LIVE) {
            throw payload.refuse("roomId", "rooms.ingest.notLive", room.status());
        }
        return room;
    }

    private void append(RoomRow room, IngestHandler.Event e, RoomEventPayload payload) {
        bus.append(room.roomId(), List.of(new RoomBus.Pending(e.occurredAt(), payload)));
    }

}
