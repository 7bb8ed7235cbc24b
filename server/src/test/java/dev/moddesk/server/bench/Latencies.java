package dev.moddesk.server.bench;

import java.util.Arrays;
import java.util.Collection;

/** Recorded latencies of one kind of request, in nanoseconds; one instance per load thread, merged at the end. */
final class Latencies {

    private long[] values = new long[4096];
    private int count;

    void add(long nanos) {
        if (count == values.length) {
            values = Arrays.copyOf(values, count * 2);
        }
        values[count++] = nanos;
    }

    int count() {
        return count;
    }

    static Latencies merge(Collection<Latencies> parts) {
        Latencies all = new Latencies();
        for (Latencies p : parts) {
            for (int i = 0; i < p.count; i++) {
                all.add(p.values[i]);
            }
        }
        Arrays.sort(all.values, 0, all.count);
        return all;
    }

    /** The p-th percentile in milliseconds (nearest rank); only on a merged (sorted) instance. */
    double percentileMs(double p) {
        if (count == 0) {
            return Double.NaN;
        }
        int i = (int) Math.min(count - 1, Math.max(0, Math.ceil(p / 100.0 * count) - 1));
        return values[i] / 1e6;
    }
}
