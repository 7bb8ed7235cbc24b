package dev.moddesk.contract.rooms;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;
import java.util.Objects;

/**
 * One event of a room: {@code seq} is its number in the room's sequence (from 1, contiguous within the room, assigned
 * by the room bus); {@code at} when the platform says it happened. {@link #type()} follows from the payload.
 *
 * <p>JSON: {@code {"room": "r1", "seq": 42, "at": "…", "type": "message", "payload": {…}}} — exactly the stream's
 * frame for the event, so REST backfill and the stream decode the same way.
 */
public record RoomEvent(
        @JsonProperty("room") String roomId,
        long seq,
        Instant at,
        @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXTERNAL_PROPERTY, property = "type")
        @JsonSubTypes({
                @JsonSubTypes.Type(value = RoomMessage.class, name = "message"),
                @JsonSubTypes.Type(value = RoomJoin.class, name = "join"),
                @JsonSubTypes.Type(value = RoomLeave.class, name = "leave"),
                @JsonSubTypes.Type(value = SeatChange.class, name = "seat"),
                @JsonSubTypes.Type(value = SongChange.class, name = "song"),
                @JsonSubTypes.Type(value = SourceChange.class, name = "source"),
                @JsonSubTypes.Type(value = ModerationAction.class, name = "action"),
                @JsonSubTypes.Type(value = SlowModeChange.class, name = "slow-mode"),
                @JsonSubTypes.Type(value = RoomClosed.class, name = "closed"),
                @JsonSubTypes.Type(value = RoomHeld.class, name = "held")})
        RoomEventPayload payload) {

    public RoomEvent {
        Objects.requireNonNull(roomId, "room");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(payload, "payload");
        if (seq < 1) {
            throw new IllegalArgumentException("seq must be at least 1");
        }
    }

    public RoomEventType type() {
        return RoomEventType.of(payload);
    }
}
