package dev.moddesk.app.api.stream;

import java.util.Objects;

/**
 * Sequence numbers {@code from..to} (inclusive) of {@code room} that the console did not receive and will not receive
 * on this stream; a monitor shows a marker there and backfills over REST.
 */
public record StreamGap(String room, long from, long to, Cause cause) implements StreamItem {
    public enum Cause {
        /** The server said it could not replay these (its retained window no longer had them). */
        REPORTED,
        /** The stream jumped past them without the server saying so. */
        MISSED,
        /** They arrived while the console's queue was full and were dropped here. */
        OVERFLOW
    }

    public StreamGap {
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(cause, "cause");
        if (from < 1 || to < from) {
            throw new IllegalArgumentException("gap " + from + ".." + to);
        }
    }

    public long size() {
        return to - from + 1;
    }
}
