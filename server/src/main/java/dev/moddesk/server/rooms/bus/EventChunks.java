package dev.moddesk.server.rooms.bus;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moddesk.contract.rooms.RoomEvent;
import java.io.IOException;
import java.util.List;

/** A run of one room's events as one broker message: a JSON array of {@link RoomEvent}s, as on the stream. */
final class EventChunks {
    private static final TypeReference<List<RoomEvent>> EVENTS = new TypeReference<>() {
    };

    private final ObjectMapper mapper;

    EventChunks(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    byte[] encode(List<RoomEvent> events) {
        try {
            return mapper.writeValueAsBytes(events);
        } catch (IOException e) {
            throw new IllegalStateException("room events did not serialize", e);
        }
    }

    List<RoomEvent> decode(byte[] data) {
        try {
            return mapper.readValue(data, EVENTS);
        } catch (IOException e) {
            throw new IllegalStateException("a room event chunk did not decode", e);
        }
    }
}
