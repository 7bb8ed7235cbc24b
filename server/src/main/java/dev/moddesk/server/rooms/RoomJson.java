package dev.moddesk.server.rooms;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moddesk.contract.rooms.RoomEvent;
import dev.moddesk.contract.rooms.Seat;
import dev.moddesk.contract.rooms.Song;
import dev.moddesk.contract.rooms.WatchSource;
import java.util.ArrayList;
import java.util.List;

/** The JSON columns of rooms (seats, songs, source, kept events), read and written with the server's mapper. */
final class RoomJson {
    private static final TypeReference<List<Seat>> SEATS = new TypeReference<>() {
    };
    private static final TypeReference<List<Song>> SONGS = new TypeReference<>() {
    };

    private final ObjectMapper mapper;

    RoomJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    String write(Object value) {
        try {
            return value == null ? null : mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("room state did not serialize", e);
        }
    }

    List<Seat> seats(String json) {
        return read(json, SEATS);
    }

    List<Song> songs(String json) {
        return read(json, SONGS);
    }

    WatchSource source(String json) {
        if (json == null) {
            return null;
        }
        try {
            return mapper.readValue(json, WatchSource.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored watch source did not decode", e);
        }
    }

    RoomEvent event(String json) {
        try {
            return mapper.readValue(json, RoomEvent.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a kept room event did not decode", e);
        }
    }

    /** Free seats numbered 1..{@code count}. */
    static List<Seat> emptySeats(int count) {
        List<Seat> seats = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            seats.add(new Seat(i, null, null, false, false));
        }
        return seats;
    }

    private <T> List<T> read(String json, TypeReference<List<T>> type) {
        try {
            return json == null ? List.of() : mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored room state did not decode", e);
        }
    }
}
