package dev.moddesk.server.rooms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moddesk.contract.rooms.ModerationAction;
import dev.moddesk.contract.rooms.RoomEvent;
import dev.moddesk.contract.rooms.RoomHeld;
import dev.moddesk.contract.rooms.RoomStream;
import dev.moddesk.server.rooms.bus.RoomBus;
import java.time.Clock;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's room streams: hears the bus (every room, every node) and hands each run of events, encoded once, to the
 * connections following that room; once a second ({@link #tick}) sends the wall's summaries to every connection and
 * checks each one's liveness; tells the connections following the held queue of its changes (a {@code held} event, the
 * action settling one). Reads what consoles send ({@link #heard}): subscribe, unsubscribe, resume, held-subscribe,
 * ping.
 */
final class RoomStreamHub implements RoomBus.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(RoomStreamHub.class);
    private static final int MAX_INBOUND_CHARS = 64 * 1024;

    private final RoomBus bus;
    private final StreamFrames frames;
    private final ObjectMapper mapper;
    private final Executor replays;
    private final Clock clock;
    private final StreamSettings settings;
    private final Supplier<RoomStream.Summaries> summaries;
    private final Map<String, StreamConnection> connections = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();

    RoomStreamHub(RoomBus bus, ObjectMapper mapper, Executor replays, Clock clock, StreamSettings settings,
                  Supplier<RoomStream.Summaries> summaries) {
        this.bus = bus;
        this.mapper = mapper;
        this.frames = new StreamFrames(mapper);
        this.replays = replays;
        this.clock = clock;
        this.settings = settings;
        this.summaries = summaries;
    }

    /** A new console link; its first summaries come with the next tick. */
    StreamConnection open(StreamConnection.Outlet outlet, boolean mayReadHeld) {
        String id = Long.toString(ids.incrementAndGet());
        StreamConnection c = new StreamConnection(id, outlet, bus, frames, replays, clock, settings, mayReadHeld);
        connections.put(id, c);
        c.start();
        return c;
    }

    void closed(StreamConnection c) {
        c.close(1000, "closed");
        connections.remove(c.id());
    }

    int connectionCount() {
        return connections.size();
    }

    @Override
    public void onEvents(String roomId, List<RoomEvent> events) {
        if (connections.isEmpty()) {
            return;
        }
        String[] texts = null;
        for (StreamConnection c : connections.values()) {
            if (texts == null) {
                texts = frames.events(events);
            }
            c.deliver(roomId, events, texts);
        }
        for (RoomEvent e : events) {
            if (e.payload() instanceof RoomHeld || e.payload() instanceof ModerationAction) {
                String held = frames.held(e);
                if (held != null) {
                    connections.values().forEach(c -> c.heldChanged(held));
                }
            }
        }
    }

    /** What a console sent. Anything unknown or malformed is ignored (and counted). */
    void heard(StreamConnection c, String text) {
        c.heard();
        if (text == null || text.length() > MAX_INBOUND_CHARS) {
            malformed.incrementAndGet();
            return;
        }
        JsonNode message;
        try {
            message = mapper.readTree(text);
        } catch (Exception e) {
            malformed.incrementAndGet();
            return;
        }
        if (message == null || !message.path("type").isTextual()) {
            malformed.incrementAndGet();
            return;
        }
        switch (message.get("type").asText()) {
            case RoomStream.PING -> c.notice(frames.bare(RoomStream.PONG), false);
            case RoomStream.SUBSCRIBE -> {
                String room = room(message.get("room"));
                if (room != null) {
                    c.follow(room, null);
                }
            }
            case RoomStream.UNSUBSCRIBE -> {
                String room = room(message.get("room"));
                if (room != null) {
                    c.unfollow(room);
                }
            }
            case RoomStream.RESUME -> resume(c, message.get("rooms"));
            case RoomStream.HELD_SUBSCRIBE -> c.followHeld();
            default -> { } // pong, heartbeat: signs of life only; unknown types are ignored
        }
    }

    private void resume(StreamConnection c, JsonNode rooms) {
        if (rooms == null || !rooms.isObject()) {
            malformed.incrementAndGet();
            return;
        }
        int n = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = rooms.fields(); it.hasNext() && n < settings.maxRooms(); n++) {
            Map.Entry<String, JsonNode> entry = it.next();
            String room = room(mapper.getNodeFactory().textNode(entry.getKey()));
            JsonNode seq = entry.getValue();
            if (room != null && seq.isIntegralNumber() && seq.asLong() >= 0) {
                c.follow(room, seq.asLong());
            } else {
                malformed.incrementAndGet();
            }
        }
    }

    private String room(JsonNode node) {
        if (node == null || !node.isTextual() || node.asText().isEmpty()
                || node.asText().length() > RoomPayloads.MAX_ID) {
            malformed.incrementAndGet();
            return null;
        }
        return node.asText();
    }

    /** Once a second: summaries to everyone, liveness of everyone. */
    void tick() {
        if (connections.isEmpty()) {
            return;
        }
        String wall = null;
        try {
            wall = frames.summaries(summaries.get());
        } catch (RuntimeException e) {
            LOG.warn("Room summaries could not be read this second", e);
        }
        for (StreamConnection c : connections.values()) {
            if (c.isClosed()) {
                connections.remove(c.id());
                continue;
            }
            if (wall != null) {
                c.notice(wall, true);
            }
            c.tick();
        }
    }

    long malformed() {
        return malformed.get();
    }

    void closeAll() {
        for (StreamConnection c : connections.values()) {
            c.close(1001, "server stopping");
        }
        connections.clear();
    }
}
