package dev.moddesk.app.api.stream;

import java.util.Objects;

/**
 * One decoded frame of the console's stream. {@code room} and {@code seq} are set for room events (the sequence number
 * is per room, contiguous, from 1); frames outside any room's sequence (summaries, notices) have {@code room} null or
 * {@code seq} 0. {@code payload} is the record registered for {@code type} (see {@link StreamCodec}), else the JSON
 * tree, or null when the frame had none. {@code atMillis} is the frame's {@code at} (when the platform says the event
 * happened) in epoch milliseconds, 0 when it had none: what a monitor measures its lag with.
 */
public record StreamFrame(String type, String room, long seq, Object payload, long atMillis) implements StreamItem {

    public StreamFrame(String type, String room, long seq, Object payload) {
        this(type, room, seq, payload, 0);
    }

    public StreamFrame {
        Objects.requireNonNull(type, "type");
        if (seq < 0) {
            throw new IllegalArgumentException("seq " + seq);
        }
        if (seq > 0 && room == null) {
            throw new IllegalArgumentException("a sequenced frame needs its room");
        }
    }

    /** True when the frame takes part in its room's sequence (duplicates dropped, jumps reported). */
    public boolean sequenced() {
        return room != null && seq > 0;
    }
}
