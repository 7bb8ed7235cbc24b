package dev.moddesk.server.sandbox.rooms;

import java.time.Instant;
import java.util.Map;

/**
 * Where the room simulation puts what happens, in order. {@link RoomTraffic} writes it straight into ingest batches
 * (chat lines without building an event object each); tests collect it.
 */
public interface RoomSink {

    /** A chat line shown in the room: a {@code room.message} event whose event id is its {@code messageId}. */
    void message(String roomId, String messageId, String userId, String nickname, String text, Instant at);

    /** Any other room event ({@code room.opened}, {@code room.join}, {@code room.seat} …) with its whole payload. */
    void event(String eventId, String type, Instant at, Map<String, Object> payload);
}
