package dev.moddesk.server.rooms;

import dev.moddesk.contract.rooms.RoomEvent;
import dev.moddesk.contract.rooms.RoomStream;
import dev.moddesk.server.rooms.bus.RoomBus;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One console's stream. Frames wait in one bounded queue that a sender thread of its own drains, one blocking send at
 * a time, so a slow console holds at most {@code queueCapacity} frames here (plus a few notices) and nothing in Jetty.
 *
 * <p>Per room a cursor says the last sequence number queued. A live event is queued only when it is the next one; one
 * already queued is dropped, and a jump (this node missed some) starts a catch-up that reads the missing ones from the
 * bus's window, as a resume does. What the window no longer has is queued as one {@code gap}. When a room's event does
 * not fit, the room's full stream stops: {@code lagging} is queued and the cursor forgotten until the console resumes.
 */
final class StreamConnection {
    private static final Logger LOG = LoggerFactory.getLogger(StreamConnection.class);
    private static final int REPLAY_PAGE = 1_000;
    /** Notices (gap, resumed, lagging, pong, heartbeat, summaries) may go this far past the capacity. */
    private static final int NOTICE_SLACK = 256;

    /** Where frames go: a blocking send, and closing the link. */
    interface Outlet {
        void send(String text) throws Exception;

        void close(int code, String reason);
    }

    private static final class Cursor {
        long sent;
        boolean catchingUp = true;
        boolean announceResumed;
        long replayed;

        Cursor(long sent, boolean announceResumed) {
            this.sent = sent;
            this.announceResumed = announceResumed;
        }
    }

    private final String id;
    private final Outlet outlet;
    private final RoomBus bus;
    private final StreamFrames frames;
    private final Executor replays;
    private final Clock clock;
    private final StreamSettings settings;

    private final Object lock = new Object();
    private final ArrayDeque<String> queue = new ArrayDeque<>();
    private final Map<String, Cursor> rooms = new HashMap<>();
    private final boolean mayReadHeld;
    private boolean followsHeld;
    private boolean closed;
    private volatile long lastHeard;
    private volatile long lastQueued;
    private volatile long lastPinged;

    StreamConnection(String id, Outlet outlet, RoomBus bus, StreamFrames frames, Executor replays, Clock clock,
                     StreamSettings settings, boolean mayReadHeld) {
        this.id = id;
        this.mayReadHeld = mayReadHeld;
        this.outlet = outlet;
        this.bus = bus;
        this.frames = frames;
        this.replays = replays;
        this.clock = clock;
        this.settings = settings;
        this.lastHeard = clock.millis();
        this.lastQueued = lastHeard;
    }

    String id() {
        return id;
    }

    /** Starts the sender thread. */
    void start() {
        Thread.ofVirtual().name("moddesk-room-stream-" + id).start(this::sendLoop);
    }

    /** The console said something: it is alive. */
    void heard() {
        lastHeard = clock.millis();
    }

    /** Follows {@code room}: from now on ({@code afterSeq} null) or replaying everything after {@code afterSeq}. */
    void follow(String room, Long afterSeq) {
        Cursor cursor = new Cursor(afterSeq == null ? -1 : Math.max(0, afterSeq), afterSeq != null);
        synchronized (lock) {
            if (closed || (!rooms.containsKey(room) && rooms.size() >= settings.maxRooms())) {
                return;
            }
            rooms.put(room, cursor);
        }
        replays.execute(() -> catchUp(room, cursor));
    }

    void unfollow(String room) {
        synchronized (lock) {
            rooms.remove(room);
        }
    }

    /**
     * Follows the held queue of every room, when the console's role may read it (else nothing happens): queues
     * {@code held-following} and from then on every change, after it in the queue, so a console that reloads the
     * queue when it reads {@code held-following} misses nothing.
     */
    void followHeld() {
        if (!mayReadHeld) {
            return;
        }
        synchronized (lock) {
            if (closed) {
                return;
            }
            followsHeld = true;
            queueNotice(frames.bare(RoomStream.HELD_FOLLOWING));
        }
    }

    /** A change of the held queue; never skipped (a console that cannot take even these is cut off and reloads). */
    void heldChanged(String text) {
        synchronized (lock) {
            if (followsHeld && !closed) {
                queueNotice(text);
            }
        }
    }

    /** New events of {@code room} from the bus, with their frames. */
    void deliver(String room, List<RoomEvent> events, String[] texts) {
        boolean startCatchUp = false;
        Cursor cursor;
        synchronized (lock) {
            cursor = rooms.get(room);
            if (cursor == null || cursor.catchingUp || closed) {
                return; // a catch-up reads these from the window
            }
            for (int i = 0; i < texts.length; i++) {
                long seq = events.get(i).seq();
                if (seq <= cursor.sent) {
                    continue;
                }
                if (seq > cursor.sent + 1) {
                    cursor.catchingUp = true;
                    startCatchUp = true;
                    break;
                }
                if (!queueEvent(room, cursor, seq, texts[i])) {
                    return;
                }
            }
        }
        if (startCatchUp) {
            replays.execute(() -> catchUp(room, cursor));
        }
    }

    /** Reads the room's events after the cursor from the bus until it has them all, then goes live. */
    private void catchUp(String room, Cursor cursor) {
        try {
            if (cursor.sent < 0) {
                long last = bus.lastSeq(room);
                synchronized (lock) {
                    cursor.sent = last;
                }
            }
            while (true) {
                long from;
                synchronized (lock) {
                    if (closed || rooms.get(room) != cursor) {
                        return;
                    }
                    from = cursor.sent;
                }
                RoomBus.Replay replay = bus.replay(room, from, REPLAY_PAGE);
                boolean more = takeReplay(room, cursor, from, replay);
                if (!more) {
                    // Live from here; anything appended before this point is seen by the read below.
                    long last = bus.lastSeq(room);
                    synchronized (lock) {
                        if (closed || rooms.get(room) != cursor || last <= cursor.sent || cursor.catchingUp) {
                            return;
                        }
                        cursor.catchingUp = true;
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Stream {}: catching up room events failed; the room's stream stops (lagging)", id, e);
            synchronized (lock) {
                if (rooms.get(room) == cursor) {
                    dropRoom(room, cursor);
                }
            }
        }
    }

    /** Queues what a replay found; false when the cursor has caught up (and is now live) or was dropped. */
    private boolean takeReplay(String room, Cursor cursor, long from, RoomBus.Replay replay) {
        synchronized (lock) {
            if (closed || rooms.get(room) != cursor) {
                return false;
            }
            if (replay.lastSeq() <= from) {
                cursor.sent = Math.min(cursor.sent, replay.lastSeq());
                cursor.catchingUp = false;
                if (cursor.announceResumed) {
                    cursor.announceResumed = false;
                    queueNotice(frames.resumed(room, cursor.sent, cursor.replayed));
                }
                return false;
            }
            List<RoomEvent> events = replay.events();
            long available = events.isEmpty()
                    ? (replay.firstRetained() == 0 ? replay.lastSeq() + 1 : replay.firstRetained())
                    : events.getFirst().seq();
            if (available > from + 1) {
                queueNotice(frames.gap(room, from + 1, available - 1));
                cursor.sent = available - 1;
            }
            for (RoomEvent e : events) {
                if (e.seq() == cursor.sent + 1) {
                    if (!queueEvent(room, cursor, e.seq(), frames.event(e))) {
                        return false;
                    }
                    cursor.replayed++;
                }
            }
            return true;
        }
    }

    /** Queues a room's event, or drops the room as lagging when the queue is full. Holds the lock. */
    private boolean queueEvent(String room, Cursor cursor, long seq, String text) {
        if (queue.size() >= settings.queueCapacity()) {
            dropRoom(room, cursor);
            return false;
        }
        queue.add(text);
        cursor.sent = seq;
        lastQueued = clock.millis();
        lock.notifyAll();
        return true;
    }

    private void dropRoom(String room, Cursor cursor) {
        rooms.remove(room);
        queueNotice(frames.lagging(room, Math.max(0, cursor.sent), settings.queueCapacity()));
    }

    /** Queues a notice; a console that leaves even these unread is cut off. Holds the lock. */
    private void queueNotice(String text) {
        if (queue.size() >= settings.queueCapacity() + NOTICE_SLACK) {
            closeLocked(1008, "too far behind");
            return;
        }
        queue.add(text);
        lastQueued = clock.millis();
        lock.notifyAll();
    }

    /** A notice outside any room (pong, summaries); summaries are skipped while the queue is half full. */
    void notice(String text, boolean skippable) {
        synchronized (lock) {
            if (closed || (skippable && queue.size() > settings.queueCapacity() / 2)) {
                return;
            }
            queueNotice(text);
        }
    }

    /** Liveness, once a second: a heartbeat when quiet, a ping when the console is, the link closed when dead. */
    void tick() {
        long now = clock.millis();
        if (now - lastHeard >= settings.deadAfter().toMillis()) {
            LOG.info("Stream {}: nothing heard for {} ms; closing", id, now - lastHeard);
            close(1001, "no sign of life");
            return;
        }
        if (now - lastHeard >= settings.pingAfter().toMillis() && lastPinged < lastHeard) {
            lastPinged = now;
            notice(frames.bare("ping"), false);
        } else if (now - lastQueued >= settings.heartbeatAfter().toMillis()) {
            notice(frames.bare("heartbeat"), false);
        }
    }

    boolean isClosed() {
        synchronized (lock) {
            return closed;
        }
    }

    void close(int code, String reason) {
        synchronized (lock) {
            closeLocked(code, reason);
        }
    }

    private void closeLocked(int code, String reason) {
        if (closed) {
            return;
        }
        closed = true;
        queue.clear();
        rooms.clear();
        lock.notifyAll();
        try {
            outlet.close(code, reason);
        } catch (RuntimeException e) {
            LOG.debug("Stream {} did not close cleanly", id, e);
        }
    }

    private void sendLoop() {
        while (true) {
            String text;
            synchronized (lock) {
                while (queue.isEmpty() && !closed) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                if (closed) {
                    return;
                }
                text = queue.poll();
            }
            try {
                outlet.send(text);
            } catch (Exception e) {
                LOG.debug("Stream {}: send failed; closing", id, e);
                close(1011, "send failed");
                return;
            }
        }
    }
}
