package dev.moddesk.server.core;

import java.time.Duration;
import java.time.Instant;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * One kind of data that ages out (audit entries, webhook deliveries, decided media…). A feature registers one per
 * kind it owns with {@link DataLifecycle#register(Prunable)}; the lifecycle job calls {@link #pruneBatch} again and
 * again until a batch comes back short, so each call must be small and quick.
 */
public interface Prunable {

    /** A stable name, also the {@code kind} tag of the {@code moddesk.lifecycle.pruned} metric: {@code audit.log}. */
    String kind();

    /** How long this kind is kept (from {@link RetentionSettings}). */
    Duration retention();

    /**
     * Removes at most {@code limit} items older than {@code cutoff} in one short transaction of its own and returns
     * how many it removed. Several nodes may call it at once: it must be a conditional delete (or update) that a
     * rival finishing first turns into a no-op, never a read-then-delete that fails on a row already gone.
     */
    int pruneBatch(Instant cutoff, int limit);

    /** One batch of a kind, given a handle inside the transaction {@link #inTransactions} opens for it. */
    @FunctionalInterface
    interface Batch {
        int prune(Handle handle, Instant cutoff, int limit);
    }

    /** A kind whose every batch runs {@code batch} in a transaction of its own on {@code jdbi}. */
    static Prunable inTransactions(Jdbi jdbi, String kind, Duration retention, Batch batch) {
        return new Prunable() {
            @Override
            public String kind() {
                return kind;
            }

            @Override
            public Duration retention() {
                return retention;
            }

            @Override
            public int pruneBatch(Instant cutoff, int limit) {
                return jdbi.inTransaction(h -> batch.prune(h, cutoff, limit));
            }
        };
    }
}
