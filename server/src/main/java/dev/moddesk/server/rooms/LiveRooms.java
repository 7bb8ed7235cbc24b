package dev.moddesk.server.rooms;

import dev.moddesk.contract.rooms.RoomStatus;
import dev.moddesk.server.core.ProblemException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Whether a room takes chat lines (it exists and is LIVE), asked for every line: answered from what this node read in
 * the last {@link #TTL_MILLIS} ms, else from the database. Bounded: past {@link #MAX_ENTRIES} rooms (made-up ids from a
 * misbehaving platform) the cache starts over.
 */
final class LiveRooms {
    static final long TTL_MILLIS = 2_000;
    static final int MAX_ENTRIES = 20_000;

    private record Entry(RoomStatus status, long readAt) {
    }

    private final Clock clock;
    private final Function<String, Optional<RoomStatus>> lookup;
    private final Map<String, Entry> cache = new ConcurrentHashMap<>();

    /** {@code lookup} reads a room's status from the database (empty: no such room). */
    LiveRooms(Clock clock, Function<String, Optional<RoomStatus>> lookup) {
        this.clock = clock;
        this.lookup = lookup;
    }

    void requireLive(String roomId) {
        long now = clock.millis();
        Entry entry = cache.get(roomId);
        if (entry == null || now - entry.readAt() >= TTL_MILLIS) {
            if (cache.size() >= MAX_ENTRIES) {
                cache.clear();
            }
            entry = new Entry(lookup.apply(roomId).orElse(null), now);
            cache.put(roomId, entry);
        }
        if (entry.status() == null) {
            throw ProblemException.invalid("payload.roomId", "rooms.ingest.noRoom");
        }
        if (entry.status() != RoomStatus.LIVE) {
            throw ProblemException.invalid("payload.roomId", "rooms.ingest.notLive", entry.status());
        }
    }

    /** Forgets what this node knew of {@code roomId} (it just changed here). */
    void forget(String roomId) {
        cache.remove(roomId);
    }
}
