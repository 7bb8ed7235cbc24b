package dev.moddesk.server.lifecycle;

import dev.moddesk.server.core.DataLifecycle;
import dev.moddesk.server.core.Prunable;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prunes every registered kind past its retention, in small batches: each batch is one short transaction of at most
 * {@link #BATCH} rows, so no lock is held long and claims and decisions interleave between batches. Each node runs
 * it; a batch is a conditional delete (on PostgreSQL its rows are picked with {@code SKIP LOCKED}), so two nodes
 * pruning at once share the work instead of waiting on or failing over each other. Counts go to
 * {@code moddesk.lifecycle.pruned{kind}}.
 */
final class RetentionJob {

    private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);

    static final int BATCH = 500;
    /** At most this many batches per kind per run; the rest waits for the next run. */
    static final int MAX_BATCHES = 200;

    private final DataLifecycle lifecycle;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    RetentionJob(DataLifecycle lifecycle, Clock clock, MeterRegistry metrics) {
        this.lifecycle = lifecycle;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** Registers a zero counter per kind, so /metrics lists every kind before anything was pruned. */
    void registerCounters() {
        lifecycle.prunables().forEach(p -> counter(p.kind()));
    }

    /** One pass over every kind; returns the rows pruned per kind. A failing kind is logged and does not stop others. */
    Map<String, Integer> runOnce(int batch, int maxBatches) {
        Instant now = clock.instant();
        Map<String, Integer> pruned = new LinkedHashMap<>();
        for (Prunable p : lifecycle.prunables()) {
            Instant cutoff = now.minus(p.retention());
            int total = 0;
            try {
                for (int i = 0; i < maxBatches; i++) {
                    int n = p.pruneBatch(cutoff, batch);
                    total += n;
                    counter(p.kind()).increment(n);
                    if (n < batch) {
                        break;
                    }
                }
            } catch (RuntimeException e) {
                LOG.warn("Pruning {} failed after {} rows; the next run goes on", p.kind(), total, e);
            }
            pruned.put(p.kind(), total);
            if (total > 0) {
                LOG.info("Pruned {} {} older than {} days", total, p.kind(), p.retention().toDays());
            }
        }
        return pruned;
    }

    private Counter counter(String kind) {
        return counters.computeIfAbsent(kind, k -> Counter.builder("moddesk.lifecycle.pruned")
                .description("Rows removed by retention, per kind of data").tag("kind", k).register(metrics));
    }
}
