package dev.moddesk.contract.rooms;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The room stream's frame types and their payloads (protocol in docs/platform.md, "Room stream"). Every frame is a
 * JSON object {@code {"type", "room"?, "seq"?, "at"?, "payload"?}}; room events are {@link RoomEvent}s as they are.
 */
public final class RoomStream {
    /** The WebSocket route (OPS, ADMIN). */
    public static final String PATH = "/api/v1/room-stream";

    // server to console, besides the event types of RoomEventType
    public static final String SUMMARIES = "summaries";
    public static final String RESUMED = "resumed";
    public static final String GAP = "gap";
    public static final String LAGGING = "lagging";
    public static final String HEARTBEAT = "heartbeat";
    /** The held queue's changes (after {@link #HELD_SUBSCRIBE}): following from now, a message held, one settled. */
    public static final String HELD_FOLLOWING = "held-following";
    public static final String HELD_QUEUED = "held-queued";
    public static final String HELD_SETTLED = "held-settled";
    // both ways
    public static final String PING = "ping";
    public static final String PONG = "pong";
    // console to server
    public static final String SUBSCRIBE = "subscribe";
    public static final String UNSUBSCRIBE = "unsubscribe";
    public static final String RESUME = "resume";
    /** Follow the held-for-review queue of every room (for those who may read it: OPS, ADMIN). */
    public static final String HELD_SUBSCRIBE = "held-subscribe";

    private RoomStream() {
    }

    /** {@code summaries} (no room): every live room's wall card, about once a second. */
    public record Summaries(Instant at, List<RoomSummary> rooms) {
        public Summaries {
            rooms = rooms == null ? List.of() : List.copyOf(rooms);
        }
    }

    /** {@code resumed} (with room): the replay asked for is done; {@code lastSeq} the last event replayed or held. */
    public record Resumed(long lastSeq, long replayed) {
    }

    /** {@code gap} (with room): events {@code from..to} (inclusive) cannot be replayed; backfill them over REST. */
    public record Gap(long from, long to) {
        public Gap {
            if (from < 1 || to < from) {
                throw new IllegalArgumentException("gap must satisfy 1 <= from <= to");
            }
        }
    }

    /**
     * {@code lagging} (with room): the console did not keep up, so the server stopped sending this room's events after
     * {@code lastSeq}; the console resubscribes with {@code resume} when it can.
     */
    public record Lagging(long lastSeq, int queueLimit) {
    }

    /**
     * {@code held-settled} (with room): held message {@code id} was released or denied by staff member
     * {@code decidedBy} ({@code decidedById} their staff id), or dropped at its deadline (both null).
     */
    public record HeldSettled(long id, String messageId, HeldStatus status, String decidedBy, String decidedById,
                              Instant decidedAt) {
    }

    /**
     * Frame type to payload record, for a stream decoder: the event types plus summaries, resumed, lagging and the
     * held queue's changes.
     */
    public static Map<String, Class<?>> payloadTypes() {
        Map<String, Class<?>> out = new java.util.LinkedHashMap<>(RoomEventType.payloadTypes());
        out.put(SUMMARIES, Summaries.class);
        out.put(RESUMED, Resumed.class);
        out.put(LAGGING, Lagging.class);
        out.put(HELD_QUEUED, HeldMessage.class);
        out.put(HELD_SETTLED, HeldSettled.class);
        return Map.copyOf(out);
    }
}
