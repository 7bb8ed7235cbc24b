package dev.moddesk.server.rooms;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.moddesk.contract.rooms.RoomEvent;
import dev.moddesk.contract.rooms.RoomStream;
import java.util.List;

/** The stream's frames as text (protocol in docs/platform.md, records in {@link RoomStream}). */
final class StreamFrames {
    private final ObjectMapper mapper;

    StreamFrames(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** A room event is its own frame. */
    String event(RoomEvent event) {
        return write(event);
    }

    String[] events(List<RoomEvent> events) {
        String[] out = new String[events.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = event(events.get(i));
        }
        return out;
    }

    String summaries(RoomStream.Summaries summaries) {
        return framed(RoomStream.SUMMARIES, null, summaries);
    }

    String gap(String room, long from, long to) {
        return framed(RoomStream.GAP, room, new RoomStream.Gap(from, to));
    }

    String resumed(String room, long lastSeq, long replayed) {
        return framed(RoomStream.RESUMED, room, new RoomStream.Resumed(lastSeq, replayed));
    }

    String lagging(String room, long lastSeq, int queueLimit) {
        return framed(RoomStream.LAGGING, room, new RoomStream.Lagging(lastSeq, queueLimit));
    }

    String bare(String type) {
        return mapper.createObjectNode().put("type", type).toString();
    }

    private String framed(String type, String room, Object payload) {
        ObjectNode frame = mapper.createObjectNode().put("type", type);
        if (room != null) {
            frame.put("room", room);
        }
        frame.set("payload", mapper.valueToTree(payload));
        return frame.toString();
    }

    private String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stream frame did not serialize", e);
        }
    }
}
