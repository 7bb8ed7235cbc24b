package dev.moddesk.app.rooms;

/**
 * Sequence numbers {@code from..to} of the room that the monitor lacks. While backfill runs it is FILLING; what REST
 * could not return any more stays as a LOST row ("gone for good"), labelled with its range.
 */
public record GapRow(long from, long to, State state) implements ChatRow {
    public enum State {
        /** Reported by the stream; backfill not yet asked. */
        OPEN,
        /** Backfill over REST in flight. */
        FILLING,
        /** Backfill failed (network, server); it is retried on the next gap or by hand. */
        FAILED,
        /** The server no longer has these events. */
        LOST
    }

    public GapRow {
        if (from < 1 || to < from) {
            throw new IllegalArgumentException("gap " + from + ".." + to);
        }
        if (state == null) {
            throw new IllegalArgumentException("state is required");
        }
    }

    @Override
    public long seq() {
        return from;
    }

    public long size() {
        return to - from + 1;
    }

    GapRow in(State next) {
        return new GapRow(from, to, next);
    }
}
