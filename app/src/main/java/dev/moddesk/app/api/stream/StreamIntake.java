package dev.moddesk.app.api.stream;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Applies the per-room sequence rules to decoded items and puts what survives into the bounded queue: a duplicate
 * ({@code seq <= last}) is dropped, a jump ({@code seq > last + 1}) is queued as a {@link StreamGap} right before the
 * frame, and the last sequence number per room is kept so a reconnect can resume from it.
 *
 * <p>A frame the full queue refuses does not advance its room's position, so the next frame that fits reports the
 * refused ones as an {@link StreamGap.Cause#OVERFLOW} gap: an overflow is never silent, and a monitor backfills it
 * like any other gap. Called from OkHttp's reader thread; synchronized because a socket being replaced may still
 * deliver while its successor opens.
 */
public final class StreamIntake {
    private static final class Position {
        long last;
        boolean overflowed;

        Position(long last) {
            this.last = last;
        }
    }

    private final BoundedStreamQueue<StreamItem> queue;
    private final Map<String, Position> rooms = new HashMap<>();
    private long queued;
    private long duplicates;
    private long gaps;
    private long overflowed;

    public StreamIntake(BoundedStreamQueue<StreamItem> queue) {
        this.queue = Objects.requireNonNull(queue, "queue");
    }

    public synchronized void accept(StreamItem item) {
        switch (item) {
            case StreamFrame frame when frame.sequenced() -> acceptSequenced(frame);
            case StreamFrame frame -> offer(frame);
            case StreamGap gap -> acceptReportedGap(gap);
        }
    }

    private void acceptSequenced(StreamFrame frame) {
        Position p = rooms.get(frame.room());
        if (p == null) {
            // The first frame of a room we hold no position for starts its sequence wherever the server is.
            if (offer(frame)) {
                rooms.put(frame.room(), new Position(frame.seq()));
            } else {
                rooms.put(frame.room(), overflowedBefore(frame.seq()));
            }
            return;
        }
        if (frame.seq() <= p.last) {
            duplicates++;
            return;
        }
        if (frame.seq() == p.last + 1) {
            if (offer(frame)) {
                p.last = frame.seq();
            } else {
                p.overflowed = true;
            }
            return;
        }
        StreamGap gap = new StreamGap(frame.room(), p.last + 1, frame.seq() - 1,
                p.overflowed ? StreamGap.Cause.OVERFLOW : StreamGap.Cause.MISSED);
        if (queue.offerBoth(gap, frame)) {
            queued += 2;
            gaps++;
            p.last = frame.seq();
            p.overflowed = false;
        } else {
            overflowed++;
            p.overflowed = true;
        }
    }

    private static Position overflowedBefore(long seq) {
        Position p = new Position(seq - 1);
        p.overflowed = true;
        return p;
    }

    /**
     * The server could not replay {@code from..to}: queue one marker for everything this room lacks up to {@code to}
     * (that may start before {@code from}) and move past it.
     */
    private void acceptReportedGap(StreamGap gap) {
        Position p = rooms.computeIfAbsent(gap.room(), r -> new Position(gap.from() - 1));
        if (gap.to() <= p.last) {
            duplicates++;
            return;
        }
        StreamGap lacking = new StreamGap(gap.room(), p.last + 1, gap.to(),
                p.overflowed ? StreamGap.Cause.OVERFLOW : StreamGap.Cause.REPORTED);
        if (offer(lacking)) {
            gaps++;
            p.last = gap.to();
            p.overflowed = false;
        } else {
            p.overflowed = true;
        }
    }

    private boolean offer(StreamItem item) {
        if (queue.offer(item)) {
            queued++;
            return true;
        }
        overflowed++;
        return false;
    }

    /** The last sequence number queued per room: what a reconnect resumes from. */
    public synchronized Map<String, Long> positions() {
        Map<String, Long> out = new LinkedHashMap<>();
        rooms.forEach((room, p) -> out.put(room, p.last));
        return out;
    }

    /**
     * Sets where a room stands (the console loaded its events up to {@code lastSeq} some other way): the next frame
     * expected is {@code lastSeq + 1}.
     */
    public synchronized void startAt(String room, long lastSeq) {
        if (lastSeq < 0) {
            throw new IllegalArgumentException("lastSeq " + lastSeq);
        }
        rooms.put(room, new Position(lastSeq));
    }

    /** Forgets a room's position (unsubscribed: a later subscription starts afresh). */
    public synchronized void forget(String room) {
        rooms.remove(room);
    }

    synchronized long queued() {
        return queued;
    }

    synchronized long duplicates() {
        return duplicates;
    }

    synchronized long gaps() {
        return gaps;
    }

    synchronized long overflowed() {
        return overflowed;
    }
}
