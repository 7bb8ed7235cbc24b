package dev.moddesk.app.api.stream;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's one WebSocket stream. Frames are decoded on OkHttp's reader thread and handed to a
 * {@link BoundedStreamQueue} through {@link StreamIntake} (duplicates dropped, gaps queued as markers); the FX side
 * drains that queue once per frame. A lost link is reconnected with {@link ReconnectBackoff}, and on every open the
 * stream resubscribes its rooms, asking to resume each from the last sequence number it queued (and the held queue).
 *
 * <p>Liveness: the console pings every {@code pingInterval} and answers the server's pings; anything received counts
 * as a sign of life, and a link silent for {@code deadAfter} (also one whose handshake hangs) is cancelled and
 * reconnected. All state changes happen under one lock; callbacks of a connection that has been replaced are ignored.
 */
public final class RoomEventStream implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RoomEventStream.class);

    private final StreamConnector connector;
    private final StreamCodec codec;
    private final StreamOptions options;
    private final StreamScheduler scheduler;
    private final StreamStatus.Listener listener;
    private final BoundedStreamQueue<StreamItem> queue;
    private final StreamIntake intake;
    private final ReconnectBackoff backoff;
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();

    private final Object lock = new Object();
    private final Set<String> rooms = new LinkedHashSet<>();
    private volatile Connection current;
    private volatile long lastHeardNanos;
    private StreamStatus status = StreamStatus.of(StreamStatus.State.CLOSED);
    private StreamScheduler.Cancellable timer = () -> { };
    private boolean started;
    private boolean closed;
    private boolean followsHeld;
    private long reconnects;
    private long deadLinks;

    public RoomEventStream(StreamConnector connector, StreamCodec codec, StreamOptions options,
                           StreamScheduler scheduler, RandomGenerator random, StreamStatus.Listener listener) {
        this.connector = Objects.requireNonNull(connector, "connector");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.options = Objects.requireNonNull(options, "options");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.queue = new BoundedStreamQueue<>(options.queueCapacity());
        this.intake = new StreamIntake(queue);
        this.backoff = new ReconnectBackoff(options.firstRetry(), options.maxRetry(), random);
    }

    /** What the per-frame drain takes from: frames and gap markers in stream order. */
    public BoundedStreamQueue<StreamItem> queue() {
        return queue;
    }

    /** Connects (once); later losses reconnect by themselves until {@link #close()}. */
    public void start() {
        synchronized (lock) {
            if (started || closed) {
                return;
            }
            started = true;
            connect();
        }
    }

    /** Follows {@code room}: resumes from the last queued sequence number if there is one. */
    public void subscribe(String room) {
        synchronized (lock) {
            Connection c = openConnection();
            if (rooms.add(room) && c != null) {
                Long last = intake.positions().get(room);
                send(c, last == null ? codec.subscribe(room) : codec.resume(Map.of(room, last)));
            }
        }
    }

    /**
     * Follows {@code room} after {@code lastSeq}, which the console already holds (it loaded the room's recent events
     * over REST): the server replays anything newer, so nothing between the load and the subscription is missed.
     * {@code lastSeq} 0 is a plain subscription.
     */
    public void follow(String room, long lastSeq) {
        if (lastSeq <= 0) {
            subscribe(room);
            return;
        }
        synchronized (lock) {
            Connection c = openConnection();
            if (rooms.add(room)) {
                intake.startAt(room, lastSeq);
                if (c != null) {
                    send(c, codec.resume(Map.of(room, lastSeq)));
                }
            }
        }
    }

    /**
     * Asks again for a followed room whose full stream the server stopped (it said the console was lagging), from the
     * last sequence number queued for it.
     */
    public void resume(String room) {
        synchronized (lock) {
            Connection c = openConnection();
            Long last = intake.positions().get(room);
            if (c != null && rooms.contains(room)) {
                send(c, last == null ? codec.subscribe(room) : codec.resume(Map.of(room, last)));
            }
        }
    }

    /**
     * Follows the held-for-review queue's changes, asked again on every open; the server answers each time with
     * {@code held-following} (in stream order, before any change), the console's cue to reload the queue.
     */
    public void followHeld() {
        synchronized (lock) {
            Connection c = openConnection();
            if (!followsHeld) {
                followsHeld = true;
                if (c != null) {
                    send(c, codec.heldSubscribe());
                }
            }
        }
    }

    public void unsubscribe(String room) {
        synchronized (lock) {
            Connection c = openConnection();
            if (rooms.remove(room)) {
                intake.forget(room);
                if (c != null) {
                    send(c, codec.unsubscribe(room));
                }
            }
        }
    }

    public StreamStatus status() {
        synchronized (lock) {
            return status;
        }
    }

    public StreamCounters counters() {
        synchronized (lock) {
            return new StreamCounters(received.get(), intake.queued(), intake.duplicates(), intake.gaps(),
                    intake.overflowed(), malformed.get(), reconnects, deadLinks);
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            timer.cancel();
            Connection c = current;
            current = null;
            if (c != null && c.socket != null) {
                c.socket.close(1000, "console closed");
            }
            setStatus(StreamStatus.of(StreamStatus.State.CLOSED));
        }
    }

    private void connect() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            Connection c = new Connection();
            current = c;
            lastHeardNanos = scheduler.nanoTime();
            c.socket = connector.open(c);
            scheduleLiveness(c, options.deadAfter());
            setStatus(new StreamStatus(StreamStatus.State.CONNECTING, backoff.attempts(), Duration.ZERO));
        }
    }

    private void opened(Connection c, WebSocket socket) {
        synchronized (lock) {
            if (c != current) {
                return;
            }
            c.socket = socket;
            c.open = true;
            lastHeardNanos = scheduler.nanoTime();
            backoff.reset();
            Map<String, Long> positions = intake.positions();
            Map<String, Long> resume = new LinkedHashMap<>();
            for (String room : rooms) {
                Long last = positions.get(room);
                if (last == null) {
                    send(c, codec.subscribe(room));
                } else {
                    resume.put(room, last);
                }
            }
            if (!resume.isEmpty()) {
                send(c, codec.resume(resume));
            }
            if (followsHeld) {
                send(c, codec.heldSubscribe());
            }
            timer.cancel();
            scheduleLiveness(c, options.pingInterval());
            setStatus(StreamStatus.of(StreamStatus.State.OPEN));
        }
    }

    private void heard(Connection c, WebSocket socket, String text) {
        if (c != current) {
            return;
        }
        lastHeardNanos = scheduler.nanoTime();
        try {
            handle(socket, text);
        } finally {
            received.incrementAndGet();
        }
    }

    private void handle(WebSocket socket, String text) {
        StreamItem item;
        try {
            item = codec.decode(text);
        } catch (IllegalArgumentException e) {
            if (malformed.getAndIncrement() < 10) {
                LOG.warn("Dropped a stream frame that did not decode: {}", e.getMessage());
            }
            return;
        }
        if (item instanceof StreamFrame frame) {
            switch (frame.type()) {
                case StreamCodec.PING -> {
                    socket.send(codec.pong());
                    return;
                }
                case StreamCodec.PONG, StreamCodec.HEARTBEAT -> {
                    return;
                }
                default -> { }
            }
        }
        intake.accept(item);
    }

    /** Checks liveness after {@code delay}: gives the link up when silent too long, else pings and checks again. */
    private void scheduleLiveness(Connection c, Duration delay) {
        timer = scheduler.schedule(delay, () -> checkLiveness(c));
    }

    private void checkLiveness(Connection c) {
        synchronized (lock) {
            if (c != current) {
                return;
            }
            long silent = scheduler.nanoTime() - lastHeardNanos;
            long dead = options.deadAfter().toNanos();
            if (silent >= dead) {
                deadLinks++;
                LOG.info("Stream silent for {} ms; reconnecting", Duration.ofNanos(silent).toMillis());
                if (c.socket != null) {
                    c.socket.cancel();
                }
                lost(c);
                return;
            }
            if (c.open) {
                send(c, codec.ping());
            }
            long untilDead = dead - silent;
            scheduleLiveness(c, Duration.ofNanos(Math.min(options.pingInterval().toNanos(), untilDead)));
        }
    }

    private void lost(Connection c) {
        synchronized (lock) {
            if (c != current || closed) {
                return;
            }
            current = null;
            timer.cancel();
            reconnects++;
            Duration delay = backoff.next();
            timer = scheduler.schedule(delay, this::connect);
            setStatus(new StreamStatus(StreamStatus.State.WAITING, backoff.attempts(), delay));
        }
    }

    private Connection openConnection() {
        Connection c = current;
        return c != null && c.open ? c : null;
    }

    private static void send(Connection c, String message) {
        if (!c.socket.send(message)) {
            LOG.debug("Stream send refused (socket closing): {}", message);
        }
    }

    /** Last in every transition, so a listener that reacts (a test moving time) sees the timers already set. */
    private void setStatus(StreamStatus next) {
        status = next;
        try {
            listener.statusChanged(next);
        } catch (RuntimeException e) {
            LOG.error("Stream status listener failed", e);
        }
    }

    /** One attempt's socket; its callbacks act only while it is the current one. */
    private final class Connection extends WebSocketListener {
        volatile WebSocket socket;
        volatile boolean open;

        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            opened(this, webSocket);
        }

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            heard(this, webSocket, text);
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            webSocket.close(1000, null);
            LOG.info("Stream closed by the server ({} {})", code, reason);
            lost(this);
        }

        @Override
        public void onClosed(WebSocket webSocket, int code, String reason) {
            lost(this);
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable t, Response response) {
            LOG.info("Stream connection failed: {}", t.toString());
            lost(this);
        }
    }
}
