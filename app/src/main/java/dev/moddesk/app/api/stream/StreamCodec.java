package dev.moddesk.app.api.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Objects;

/**
 * The stream's wire format, both ways, in one place (the protocol is in docs/platform.md, "Live rooms: the staff room
 * stream").
 *
 * <p>Server to console: {@code {"type": "...", "room": "r1", "seq": 42, "at": "...", "payload": {...}}}; {@code ping} (answer
 * {@code pong}), {@code pong} and {@code heartbeat} only prove the link alive; {@code gap} carries
 * {@code payload: {from, to}} for events the server cannot replay. Console to server: {@code ping}, {@code pong},
 * {@code subscribe}/{@code unsubscribe} with {@code room}, {@code resume} with {@code rooms: {room: lastSeq}}, and
 * {@code held-subscribe}.
 */
public final class StreamCodec {
    public static final String PING = "ping";
    public static final String PONG = "pong";
    public static final String HEARTBEAT = "heartbeat";
    public static final String GAP = "gap";

    private final ObjectMapper mapper;
    private final Map<String, Class<?>> payloadTypes;

    /** {@code payloadTypes} maps a frame type to the record its payload is decoded into (on OkHttp's thread). */
    public StreamCodec(ObjectMapper mapper, Map<String, Class<?>> payloadTypes) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.payloadTypes = Map.copyOf(payloadTypes);
    }

    /** Decodes one text frame; throws {@link IllegalArgumentException} for a frame that is not one of ours. */
    public StreamItem decode(String text) {
        JsonNode root;
        try {
            root = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.path("type").isTextual()) {
            throw new IllegalArgumentException("a frame without a type");
        }
        String type = root.get("type").asText();
        String room = root.path("room").isTextual() ? root.get("room").asText() : null;
        JsonNode payload = root.get("payload");
        if (GAP.equals(type)) {
            if (room == null || payload == null) {
                throw new IllegalArgumentException("a gap without room or range");
            }
            return new StreamGap(room, payload.path("from").asLong(), payload.path("to").asLong(),
                    StreamGap.Cause.REPORTED);
        }
        return new StreamFrame(type, room, root.path("seq").asLong(0), payload(type, payload), at(root.get("at")));
    }

    /** The frame's {@code at} (ISO-8601) in epoch ms; 0 when absent or unreadable (it only feeds the lag figure). */
    private static long at(JsonNode at) {
        if (at == null || !at.isTextual()) {
            return 0;
        }
        try {
            return java.time.Instant.parse(at.asText()).toEpochMilli();
        } catch (java.time.DateTimeException | ArithmeticException e) {
            return 0;
        }
    }

    private Object payload(String type, JsonNode payload) {
        Class<?> target = payloadTypes.get(type);
        if (payload == null || payload.isNull() || target == null) {
            return payload == null || payload.isNull() ? null : payload;
        }
        try {
            return mapper.treeToValue(payload, target);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("bad " + type + " payload: " + e.getOriginalMessage(), e);
        }
    }

    public String ping() {
        return typed(PING).toString();
    }

    public String pong() {
        return typed(PONG).toString();
    }

    public String subscribe(String room) {
        return typed("subscribe").put("room", room).toString();
    }

    public String unsubscribe(String room) {
        return typed("unsubscribe").put("room", room).toString();
    }

    /** Asks for the held queue's changes (the server answers {@code held-following}, then sends each change). */
    public String heldSubscribe() {
        return typed("held-subscribe").toString();
    }

    /** Asks the server to replay each room after the last sequence number the console holds for it. */
    public String resume(Map<String, Long> lastSeqByRoom) {
        ObjectNode message = typed("resume");
        ObjectNode rooms = message.putObject("rooms");
        lastSeqByRoom.forEach(rooms::put);
        return message.toString();
    }

    private ObjectNode typed(String type) {
        return mapper.createObjectNode().put("type", type);
    }
}
