package dev.moddesk.app.rooms;

import dev.moddesk.app.api.stream.StreamFrame;
import dev.moddesk.app.api.stream.StreamGap;
import dev.moddesk.app.api.stream.StreamItem;
import dev.moddesk.app.api.stream.StreamStatus;
import dev.moddesk.app.core.ErrorMessages;
import dev.moddesk.app.core.FrameDrain;
import dev.moddesk.contract.rooms.HeldMessage;
import dev.moddesk.contract.rooms.RoomStatus;
import dev.moddesk.contract.rooms.RoomStream;
import dev.moddesk.contract.rooms.RoomSummary;
import dev.moddesk.screening.WordScreen;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.util.Subscription;

/**
 * Live rooms for one session: the one stream ({@link RoomFeed}), drained once per frame by the {@link FrameDrain}, its
 * items routed in one pass (summaries to the wall, each room's events to its monitor, one batch per monitor per frame,
 * the held queue's changes to whoever follows them), the open monitors, and the personal watch list every monitor
 * marks. A room the server stopped for lagging is asked again once the console's queue has room. FX thread only, except
 * what the feed does on its own thread.
 */
public final class RoomsHub implements AutoCloseable {
    /** Chat lines a monitor buffers. */
    public static final int MONITOR_CAPACITY = 100_000;
    /**
     * Rows a monitor's chat list holds while it follows the tail (at most half its buffer); frozen, it holds the
     * whole buffer ({@link ChatLog}).
     */
    static final int LIVE_ROWS = 2_000;
    /** Items the drain hands on per frame at most (the 4 ms budget usually stops it first). */
    static final int MAX_PER_FRAME = 20_000;
    /** A room the server stopped for lagging is asked again once fewer items than this wait in the queue. */
    static final int RESUME_BELOW = 1_000;

    private final RoomFeed feed;
    private final RoomsBackend backend;
    private final FrameDrain drain;
    private final Executor fx;
    private final Clock clock;
    private final ErrorMessages errors;
    private final int capacity;
    private final RoomWallModel wall;
    private final WordScreen watchList = WordScreen.empty();
    private final Map<String, RoomMonitorModel> monitors = new LinkedHashMap<>();
    private final ObservableList<RoomMonitorModel> open = FXCollections.observableArrayList();
    private final Set<String> lagging = new LinkedHashSet<>();
    private final ReadOnlyObjectWrapper<Link> status = new ReadOnlyObjectWrapper<>(this, "status", Link.CONNECTING);
    private final ReadOnlyLongWrapper wallLagMillis = new ReadOnlyLongWrapper(this, "wallLagMillis", -1);
    private final ReadOnlyIntegerWrapper queued = new ReadOnlyIntegerWrapper(this, "queued");
    private final ReadOnlyLongWrapper streamLagMillis = new ReadOnlyLongWrapper(this, "streamLagMillis", -1);
    private final ReadOnlyIntegerWrapper laggingRooms = new ReadOnlyIntegerWrapper(this, "laggingRooms");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final ReadOnlyStringWrapper focusedRoom = new ReadOnlyStringWrapper(this, "focusedRoom");
    private final List<String> watchTerms = new ArrayList<>();
    private final List<HeldSink> heldSinks = new CopyOnWriteArrayList<>();
    private Subscription channel;
    private boolean started;

    /** The held-for-review queue's side of the stream, told in stream order on the FX thread. */
    public interface HeldSink {
        /** The server follows the queue for this console from now on (again after a reconnect): reload it now. */
        void heldFollowing();

        /** The platform withheld a message. */
        void heldQueued(HeldMessage message);

        /** A held message was released, denied or dropped (by anyone, on any node). */
        void heldSettled(String room, RoomStream.HeldSettled settled);
    }

    /** Where the stream's connection stands, as the view shows it. */
    public enum Link { CONNECTING, OPEN, RECONNECTING, CLOSED }

    public RoomsHub(RoomFeed feed, RoomsBackend backend, FrameDrain drain, WallAlarm alarm, Executor fx, Clock clock,
                    ErrorMessages errors, int capacity) {
        this.feed = Objects.requireNonNull(feed, "feed");
        this.backend = Objects.requireNonNull(backend, "backend");
        this.drain = Objects.requireNonNull(drain, "drain");
        this.fx = Objects.requireNonNull(fx, "fx");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.errors = Objects.requireNonNull(errors, "errors");
        this.capacity = capacity;
        this.wall = new RoomWallModel(alarm);
    }

    /** Loads the wall, connects the stream and starts draining it (once). */
    public void start() {
        if (started) {
            return;
        }
        started = true;
        channel = drain.add(feed::drainTo, MAX_PER_FRAME, this::accept);
        feed.followHeld();
        backend.rooms().whenCompleteAsync((rooms, error) -> {
            if (error != null) {
                problem.set(errors.describe(error));
            } else {
                wall.accept(rooms.stream().map(RoomsHub::figures).toList());
            }
        }, fx);
        feed.start();
    }

    /** Told by the stream on its own thread; hops to the FX thread. */
    public void statusChanged(StreamStatus s) {
        Link link = switch (s.state()) {
            case CONNECTING -> Link.CONNECTING;
            case OPEN -> Link.OPEN;
            case WAITING -> Link.RECONNECTING;
            case CLOSED -> Link.CLOSED;
        };
        fx.execute(() -> status.set(link));
    }

    /** One frame's items, in stream order: routed in one pass, one batch per monitor. */
    void accept(List<StreamItem> items) {
        Map<String, List<StreamItem>> byRoom = new LinkedHashMap<>();
        List<RoomFigures> summaries = new ArrayList<>();
        long newest = 0;
        for (StreamItem item : items) {
            if (item instanceof StreamFrame f && f.atMillis() > newest) {
                newest = f.atMillis();
            }
            switch (item) {
                case StreamFrame f when f.payload() instanceof RoomStream.Summaries s -> {
                    s.rooms().forEach(r -> summaries.add(figures(r)));
                    if (s.at() != null) {
                        wallLagMillis.set(Math.max(0, clock.millis() - s.at().toEpochMilli()));
                    }
                }
                case StreamFrame f when f.payload() instanceof HeldMessage h -> heldSinks.forEach(s -> s.heldQueued(h));
                case StreamFrame f when f.payload() instanceof RoomStream.HeldSettled h ->
                        heldSinks.forEach(s -> s.heldSettled(f.room(), h));
                case StreamFrame f when RoomStream.HELD_FOLLOWING.equals(f.type()) ->
                        heldSinks.forEach(HeldSink::heldFollowing);
                case StreamFrame f when f.room() != null -> {
                    if (RoomStream.LAGGING.equals(f.type()) && monitors.containsKey(f.room())) {
                        lagging.add(f.room());
                    }
                    byRoom.computeIfAbsent(f.room(), r -> new ArrayList<>()).add(f);
                }
                case StreamFrame f -> { }
                case StreamGap g -> byRoom.computeIfAbsent(g.room(), r -> new ArrayList<>()).add(g);
            }
        }
        wall.accept(summaries);
        byRoom.forEach((room, list) -> {
            RoomMonitorModel m = monitors.get(room);
            if (m != null) {
                m.accept(list);
            }
        });
        int waiting = feed.queued();
        queued.set(waiting);
        if (newest > 0) {
            streamLagMillis.set(Math.max(0, clock.millis() - newest));
        }
        int paused = 0;
        for (RoomMonitorModel m : monitors.values()) {
            paused += m.state().laggingProperty().get() ? 1 : 0;
        }
        laggingRooms.set(paused);
        if (!lagging.isEmpty() && waiting < RESUME_BELOW) {
            lagging.forEach(feed::resume);
            lagging.clear();
        }
    }

    /** Tells {@code sink} of the held queue's changes until the subscription ends. */
    public Subscription followHeld(HeldSink sink) {
        heldSinks.add(Objects.requireNonNull(sink, "sink"));
        return () -> heldSinks.remove(sink);
    }

    /** The monitor of {@code room}, opened (and following) if it was not open. */
    public RoomMonitorModel open(String room) {
        RoomMonitorModel m = monitors.get(room);
        if (m == null) {
            m = new RoomMonitorModel(room, backend, after -> feed.follow(room, after), new ChatLines(watchList), fx,
                    clock, errors, capacity, Math.max(16, Math.min(capacity / 2, LIVE_ROWS)));
            monitors.put(room, m);
            open.add(m);
            m.open();
        }
        focusedRoom.set(null);
        focusedRoom.set(room);
        return m;
    }

    /** Closes the monitor of {@code room} and stops following it. */
    public void close(String room) {
        RoomMonitorModel m = monitors.remove(room);
        if (m != null) {
            m.close();
            open.remove(m);
            lagging.remove(room);
            feed.unfollow(room);
        }
    }

    /**
     * Replaces the personal watch list (terms separated by commas or new lines); lines arriving from now on are marked.
     * The matcher is rebuilt here and swapped in atomically.
     */
    public void setWatchTerms(String text) {
        List<String> terms = new ArrayList<>();
        for (String t : (text == null ? "" : text).split("[,，\\n]")) {
            if (!t.isBlank()) {
                terms.add(t.strip());
            }
        }
        watchTerms.clear();
        watchTerms.addAll(terms);
        watchList.replaceTerms(terms);
    }

    public String watchTerms() {
        return String.join(", ", watchTerms);
    }

    public RoomWallModel wall() {
        return wall;
    }

    /** Open monitors, in the order they were opened. */
    public ObservableList<RoomMonitorModel> monitors() {
        return open;
    }

    public ReadOnlyObjectProperty<Link> statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Now minus the newest summaries frame's time, ms; -1 before the first. */
    public ReadOnlyLongProperty wallLagMillisProperty() {
        return wallLagMillis.getReadOnlyProperty();
    }

    /** Now minus the time of the newest frame drained (any room's event or the summaries), ms; -1 before the first. */
    public ReadOnlyLongProperty streamLagMillisProperty() {
        return streamLagMillis.getReadOnlyProperty();
    }

    /** Open monitors whose room the server stopped sending because the console fell behind (until resumed). */
    public ReadOnlyIntegerProperty laggingRoomsProperty() {
        return laggingRooms.getReadOnlyProperty();
    }

    /** Items waiting in the stream's queue after the last frame's drain. */
    public ReadOnlyIntegerProperty queuedProperty() {
        return queued.getReadOnlyProperty();
    }

    /** The room last asked for by {@link #open}: the view brings its monitor to the front. */
    public ReadOnlyStringProperty focusedRoomProperty() {
        return focusedRoom.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    @Override
    public void close() {
        if (channel != null) {
            channel.unsubscribe();
        }
        monitors.values().forEach(RoomMonitorModel::close);
        feed.close();
    }

    static RoomFigures figures(RoomSummary s) {
        return new RoomFigures(s.roomId(), s.kind() == null ? "" : s.kind().name(), s.title(), s.hostName(), s.city(),
                s.status() == null || s.status() == RoomStatus.LIVE, s.audience(), s.messagesPerSecond(), s.flagged(),
                s.reports(), s.seatsTaken(), s.seatCount());
    }
}
