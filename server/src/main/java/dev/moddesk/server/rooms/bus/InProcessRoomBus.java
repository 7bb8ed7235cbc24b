package dev.moddesk.server.rooms.bus;

import dev.moddesk.contract.rooms.RoomEvent;
import dev.moddesk.contract.rooms.RoomMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The room bus of a single node (no broker): each room's window lives in this JVM, so a restart starts every room's
 * window empty (the database still has the room state and what had to last) and numbering goes on above the room's
 * {@link SeqReservations reservation}, so a resuming console is told of a gap, never handed old numbers again. Appends to one room are serialized by
 * that room's lock, and its listeners hear the run under the same lock, so they hear each room in order.
 */
public final class InProcessRoomBus implements RoomBus {
    private static final Logger LOG = LoggerFactory.getLogger(InProcessRoomBus.class);

    private final Clock clock;
    private final SeqReservations reservations;
    private final int minEvents;
    private final long minAgeMillis;
    private final Map<String, EventWindow> rooms = new ConcurrentHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    public InProcessRoomBus(Clock clock, SeqReservations reservations) {
        this(clock, reservations, MIN_RETAINED_EVENTS, MIN_RETAINED_AGE);
    }

    /** A bus keeping at least {@code minEvents} per room or {@code minAge} of them, whichever keeps more. */
    public InProcessRoomBus(Clock clock, SeqReservations reservations, int minEvents, Duration minAge) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.reservations = Objects.requireNonNull(reservations, "reservations");
        if (minEvents < 1 || minAge.isNegative()) {
            throw new IllegalArgumentException("the window must keep at least one event");
        }
        this.minEvents = minEvents;
        this.minAgeMillis = minAge.toMillis();
    }

    @Override
    public List<RoomEvent> append(String roomId, List<Pending> events) {
        Objects.requireNonNull(roomId, "roomId");
        if (events.isEmpty()) {
            return List.of();
        }
        EventWindow window = window(roomId);
        synchronized (window) {
            long now = clock.millis();
            long seq = window.lastSeq();
            if (seq + events.size() > window.reservedUpTo) {
                long upTo = seq + events.size() + SeqReservations.BLOCK;
                reservations.reserve(roomId, upTo);
                window.reservedUpTo = upTo;
            }
            List<RoomEvent> numbered = new ArrayList<>(events.size());
            for (Pending p : events) {
                RoomEvent event = new RoomEvent(roomId, ++seq, p.at(), p.payload());
                window.add(event, now);
                numbered.add(event);
            }
            window.evict(minEvents, now - minAgeMillis);
            List<RoomEvent> run = List.copyOf(numbered);
            for (Listener listener : listeners) {
                try {
                    listener.onEvents(roomId, run);
                } catch (RuntimeException e) {
                    LOG.error("A room bus listener failed on room events", e);
                }
            }
            return run;
        }
    }

    /** The room's window; a room this node has not seen since it started numbers on from its reservation. */
    private EventWindow window(String roomId) {
        return rooms.computeIfAbsent(roomId, r -> new EventWindow(reservations.reserved(r)));
    }

    @Override
    public long lastSeq(String roomId) {
        EventWindow window = window(roomId);
        synchronized (window) {
            return window.lastSeq();
        }
    }

    @Override
    public Replay replay(String roomId, long afterSeq, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be positive");
        }
        EventWindow window = window(roomId);
        synchronized (window) {
            if (window.size() == 0) {
                return new Replay(List.of(), 0, window.lastSeq());
            }
            return new Replay(window.after(afterSeq, max), window.firstRetained(), window.lastSeq());
        }
    }

    @Override
    public int scrubUser(String userId, String pseudonym) {
        EventScrub scrub = new EventScrub(dev.moddesk.server.core.Json.mapper(), userId, pseudonym);
        int changed = 0;
        for (EventWindow window : rooms.values()) {
            synchronized (window) {
                changed += window.scrub(scrub);
            }
        }
        return changed;
    }

    @Override
    public List<RoomEvent> linesBy(String userId, int max) {
        List<RoomEvent> found = new java.util.ArrayList<>();
        for (EventWindow window : rooms.values()) {
            List<RoomEvent> held;
            synchronized (window) {
                held = window.after(0, window.size());
            }
            for (RoomEvent e : held) {
                if (found.size() < max && e.payload() instanceof RoomMessage m && userId.equals(m.userId())) {
                    found.add(e);
                }
            }
        }
        return found;
    }

    @Override
    public Subscription subscribe(Listener listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public void close() {
        listeners.clear();
    }
}
