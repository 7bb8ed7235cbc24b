package dev.moddesk.server.rooms.bus;

import dev.moddesk.contract.rooms.RoomEvent;
import dev.moddesk.contract.rooms.RoomEventPayload;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Where room events live for a while and fan out: {@link #append} numbers a room's events (contiguous per room, also
 * when several nodes append to the same room), {@link #replay} reads them back from the retained window, and
 * {@link #subscribe} hears every room's new events in each room's order. One implementation per server:
 * {@link InProcessRoomBus} (one node, the default and the sandbox) or {@link JetStreamRoomBus} ({@code --nats-url}).
 */
public interface RoomBus extends AutoCloseable {

    /** The least the window keeps per room: whichever of these keeps more. */
    Duration MIN_RETAINED_AGE = Duration.ofMinutes(2);
    int MIN_RETAINED_EVENTS = 200_000;

    /**
     * Appends {@code events} to {@code roomId} as one contiguous run after the room's last event; returns them
     * numbered. Thread-safe; the events of one call are never interleaved with another's.
     *
     * @throws RoomBusException when the bus cannot take them (broker unreachable); nothing was appended then, or (after
     *                          a lost acknowledgement) all of them were
     */
    List<RoomEvent> append(String roomId, List<Pending> events);

    /** The room's newest sequence number, 0 when it has none. */
    long lastSeq(String roomId);

    /** Up to {@code max} events after {@code afterSeq} from the retained window, oldest first. */
    Replay replay(String roomId, long afterSeq, int max);

    /**
     * Takes an erased user out of every room's retained events: wherever their id stands it becomes {@code pseudonym},
     * and their nickname, their lines' text and screen hits go ({@code EventScrub}). Sequence numbers and everyone
     * else's data stay; listeners hear nothing of it. Returns how many events changed.
     */
    int scrubUser(String userId, String pseudonym);

    /**
     * The user's own chat lines still in the retained window (what an access request must show), oldest first within
     * each room, at most {@code max}.
     */
    List<RoomEvent> linesBy(String userId, int max);

    /** Hears every room's events appended from now on, on any node, each room's in sequence order. */
    Subscription subscribe(Listener listener);

    @Override
    void close();

    /** An event to append: when the platform says it happened, and what. */
    record Pending(Instant at, RoomEventPayload payload) {
        public Pending {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(payload, "payload");
        }
    }

    /**
     * What a replay found: {@code events} (contiguous, the first is {@code afterSeq + 1} unless the window no longer
     * has it), {@code firstRetained} the oldest sequence number the window still has (0: none), {@code lastSeq} the
     * room's newest when read.
     */
    record Replay(List<RoomEvent> events, long firstRetained, long lastSeq) {
        public Replay {
            events = List.copyOf(events);
        }

        /** True when the replay stopped at {@code max} and more events follow. */
        public boolean truncated() {
            return !events.isEmpty() && events.getLast().seq() < lastSeq;
        }
    }

    /** Receives a run of one room's new events; must be quick (it runs on the bus's delivery thread). */
    @FunctionalInterface
    interface Listener {
        void onEvents(String roomId, List<RoomEvent> events);
    }

    @FunctionalInterface
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
