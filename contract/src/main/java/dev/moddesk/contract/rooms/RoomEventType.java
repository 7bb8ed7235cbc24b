package dev.moddesk.contract.rooms;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.LinkedHashMap;
import java.util.Map;

/** The kinds of room event, each with its name on the wire (a stream frame's {@code type}) and its payload record. */
public enum RoomEventType {
    MESSAGE("message", RoomMessage.class),
    JOIN("join", RoomJoin.class),
    LEAVE("leave", RoomLeave.class),
    SEAT("seat", SeatChange.class),
    SONG("song", SongChange.class),
    SOURCE("source", SourceChange.class),
    ACTION("action", ModerationAction.class),
    SLOW_MODE("slow-mode", SlowModeChange.class),
    CLOSED("closed", RoomClosed.class),
    HELD("held", RoomHeld.class);

    private final String wire;
    private final Class<? extends RoomEventPayload> payloadType;

    RoomEventType(String wire, Class<? extends RoomEventPayload> payloadType) {
        this.wire = wire;
        this.payloadType = payloadType;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    public Class<? extends RoomEventPayload> payloadType() {
        return payloadType;
    }

    /** The type of {@code payload}. */
    public static RoomEventType of(RoomEventPayload payload) {
        return switch (payload) {
            case RoomMessage m -> MESSAGE;
            case RoomJoin j -> JOIN;
            case RoomLeave l -> LEAVE;
            case SeatChange s -> SEAT;
            case SongChange s -> SONG;
            case SourceChange s -> SOURCE;
            case ModerationAction a -> ACTION;
            case SlowModeChange s -> SLOW_MODE;
            case RoomClosed c -> CLOSED;
            case RoomHeld h -> HELD;
        };
    }

    /** The type named {@code wire} on the wire; {@link IllegalArgumentException} for an unknown name. */
    @JsonCreator
    public static RoomEventType fromWire(String wire) {
        for (RoomEventType t : values()) {
            if (t.wire.equals(wire)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown room event type");
    }

    /** Wire name to payload record, for a stream decoder. */
    public static Map<String, Class<?>> payloadTypes() {
        Map<String, Class<?>> out = new LinkedHashMap<>();
        for (RoomEventType t : values()) {
            out.put(t.wire, t.payloadType);
        }
        return out;
    }
}
