package dev.moddesk.app.e2e;

import dev.moddesk.app.rooms.ChatLine;
import dev.moddesk.app.rooms.ChatRow;
import dev.moddesk.app.rooms.GapRow;
import java.util.BitSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Counts what reached the console's buffers in the room stream benchmark, by per-room sequence number: every row a
 * monitor's chat log shows is handed in as it is added. Lines of the load generator (their text ends {@code #<µs>})
 * are counted once each (a second copy of a sequence number is a duplicate), gap markers by their range and state,
 * and send → buffered latency is kept for lines sent inside the measured window. Single-threaded (the console thread).
 */
final class StreamAccounting {
    private final Map<String, Room> rooms = new LinkedHashMap<>();
    /**
     * Latency histogram of fixed size, so a 10-minute memory run does not measure its own samples: 0.1 ms buckets up
     * to 10 s, then 10 ms buckets up to 10 minutes (the last bucket takes anything longer).
     */
    private static final int FINE = 100_000;
    private final int[] latencyBuckets = new int[FINE + 59_000];
    private int latencyCount;
    private long measureFromMicros = Long.MAX_VALUE;
    private long measureToMicros = Long.MAX_VALUE;
    private long lines;

    private static final class Room {
        final BitSet seen = new BitSet();
        long min = Long.MAX_VALUE;
        long max;
        long received;
        long duplicates;
        final Set<String> gapsReported = new HashSet<>();
        final BitSet lost = new BitSet();
    }

    /** Latency is kept for lines whose send time falls in [from, to) (epoch µs). */
    void measure(long fromMicros, long toMicros) {
        measureFromMicros = fromMicros;
        measureToMicros = toMicros;
    }

    /** Rows just added to {@code room}'s log window. */
    void added(String room, List<? extends ChatRow> rows, long nowMicros) {
        Room r = rooms.computeIfAbsent(room, k -> new Room());
        for (ChatRow row : rows) {
            switch (row) {
                case ChatLine line -> line(r, line, nowMicros);
                case GapRow gap -> {
                    r.gapsReported.add(gap.from() + "-" + gap.to());
                    if (gap.state() == GapRow.State.LOST) {
                        r.lost.set(Math.toIntExact(gap.from()), Math.toIntExact(gap.to()) + 1);
                    }
                }
                default -> { }
            }
        }
    }

    private void line(Room r, ChatLine line, long nowMicros) {
        String text = line.text();
        int hash = text.lastIndexOf('#');
        if (hash < 0) {
            return; // not the load generator's
        }
        long sent;
        try {
            sent = Long.parseLong(text.substring(hash + 1).strip());
        } catch (NumberFormatException e) {
            return;
        }
        int seq = Math.toIntExact(line.seq());
        if (r.seen.get(seq)) {
            r.duplicates++;
            return;
        }
        r.seen.set(seq);
        r.received++;
        lines++;
        r.min = Math.min(r.min, seq);
        r.max = Math.max(r.max, seq);
        if (sent >= measureFromMicros && sent < measureToMicros) {
            long micros = Math.max(0, nowMicros - sent);
            int bucket = micros < FINE * 100L ? (int) (micros / 100)
                    : (int) Math.min(latencyBuckets.length - 1, FINE + (micros - FINE * 100L) / 10_000);
            latencyBuckets[bucket]++;
            latencyCount++;
        }
    }

    /** Distinct load-generator lines buffered so far. */
    long lines() {
        return lines;
    }

    /** Lines buffered plus lines inside gaps marked lost for good. */
    long accounted() {
        long n = 0;
        for (Room r : rooms.values()) {
            BitSet covered = (BitSet) r.lost.clone();
            covered.andNot(r.seen);
            n += r.received + covered.cardinality();
        }
        return n;
    }

    /** The figures, one line per room and a total. */
    String report(long applied) {
        StringBuilder out = new StringBuilder();
        long received = 0;
        long duplicates = 0;
        long gaps = 0;
        long silent = 0;
        long lostLines = 0;
        for (Map.Entry<String, Room> e : rooms.entrySet()) {
            Room r = e.getValue();
            if (r.received == 0) {
                continue;
            }
            BitSet holes = new BitSet();
            holes.set(Math.toIntExact(r.min), Math.toIntExact(r.max) + 1);
            holes.andNot(r.seen);
            BitSet lost = (BitSet) holes.clone();
            lost.and(r.lost);
            holes.andNot(r.lost);
            received += r.received;
            duplicates += r.duplicates;
            gaps += r.gapsReported.size();
            silent += holes.cardinality();
            lostLines += lost.cardinality();
            out.append(String.format(Locale.ROOT, "  room %s: seq %d..%d, %d lines buffered, contiguous %s, "
                            + "gaps reported %d, lines in lost gaps %d, unreported holes %d, duplicates dropped %d%n",
                    e.getKey(), r.min, r.max, r.received, holes.isEmpty() && lost.isEmpty() ? "yes" : "no",
                    r.gapsReported.size(), lost.cardinality(), holes.cardinality(), r.duplicates));
        }
        out.append(String.format(Locale.ROOT, "lines accounted: %d buffered + %d in reported lost gaps = %d of %d "
                        + "applied by the server (%d unaccounted); gaps reported %d; unreported holes %d; "
                        + "duplicates dropped %d%n", received, lostLines, received + lostLines, applied,
                applied - received - lostLines, gaps, silent, duplicates));
        return out.toString();
    }

    /** Send → buffered latency percentile over the measured window, ms (the upper edge of its bucket). */
    double latencyMillis(double quantile) {
        if (latencyCount == 0) {
            return Double.NaN;
        }
        long rank = Math.max(1, (long) Math.ceil(quantile * latencyCount));
        long seen = 0;
        for (int b = 0; b < latencyBuckets.length; b++) {
            seen += latencyBuckets[b];
            if (seen >= rank) {
                return b < FINE ? (b + 1) / 10.0 : FINE / 10.0 + (b - FINE + 1) * 10.0;
            }
        }
        return Double.NaN;
    }

    int latencySamples() {
        return latencyCount;
    }
}
