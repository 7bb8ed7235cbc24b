package dev.moddesk.server.rooms;

import dev.moddesk.contract.rooms.RoomEvent;
import dev.moddesk.contract.rooms.RoomMessage;
import dev.moddesk.server.rooms.bus.RoomBus;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this node hears on the bus about each room (from every node): its newest sequence number and its chat rate,
 * messages per second averaged over the last {@link #RATE_SECONDS} whole seconds. Lives in memory: after a restart
 * rates start from zero and the newest sequence number is read from the bus.
 */
final class RoomActivity implements RoomBus.Listener {
    static final int RATE_SECONDS = 5;
    private static final int BUCKETS = RATE_SECONDS + 2;

    private static final class Room {
        long lastSeq;
        final long[] second = new long[BUCKETS];
        final long[] count = new long[BUCKETS];
    }

    private final Clock clock;
    private final Map<String, Room> rooms = new ConcurrentHashMap<>();

    RoomActivity(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void onEvents(String roomId, List<RoomEvent> events) {
        long messages = 0;
        for (RoomEvent e : events) {
            if (e.payload() instanceof RoomMessage) {
                messages++;
            }
        }
        Room room = rooms.computeIfAbsent(roomId, r -> new Room());
        long now = clock.millis() / 1000;
        synchronized (room) {
            room.lastSeq = Math.max(room.lastSeq, events.getLast().seq());
            if (messages > 0) {
                int slot = (int) (now % BUCKETS);
                if (room.second[slot] != now) {
                    room.second[slot] = now;
                    room.count[slot] = 0;
                }
                room.count[slot] += messages;
            }
        }
    }

    /** Messages per second over the last whole seconds (the current, partial one left out). */
    double messagesPerSecond(String roomId) {
        Room room = rooms.get(roomId);
        if (room == null) {
            return 0;
        }
        long now = clock.millis() / 1000;
        long total = 0;
        synchronized (room) {
            for (int i = 0; i < BUCKETS; i++) {
                long age = now - room.second[i];
                if (age >= 1 && age <= RATE_SECONDS) {
                    total += room.count[i];
                }
            }
        }
        return (double) total / RATE_SECONDS;
    }

    /** The newest sequence number heard, or -1 when this node has heard nothing of the room yet. */
    long lastSeq(String roomId) {
        Room room = rooms.get(roomId);
        if (room == null) {
            return -1;
        }
        synchronized (room) {
            return room.lastSeq;
        }
    }

    /** Remembers a sequence number read from the bus (so the next summary need not read it again). */
    void seen(String roomId, long seq) {
        Room room = rooms.computeIfAbsent(roomId, r -> new Room());
        synchronized (room) {
            room.lastSeq = Math.max(room.lastSeq, seq);
        }
    }
}
