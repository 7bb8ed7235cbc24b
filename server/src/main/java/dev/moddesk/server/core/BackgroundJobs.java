package dev.moddesk.server.core;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A feature's periodic jobs on one daemon thread of its own. A job that fails is logged and runs again at its next
 * time (a bare scheduled executor would cancel every later run of a task that threw once). {@link #close} lets a
 * running job finish its transaction (interrupting it would break its JDBC connection) for up to five seconds.
 */
public final class BackgroundJobs implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundJobs.class);
    private static final Duration GRACE = Duration.ofSeconds(5);

    private final ScheduledExecutorService executor;

    private BackgroundJobs(String threadName) {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    /** Jobs that run on a thread named {@code threadName}. */
    public static BackgroundJobs on(String threadName) {
        return new BackgroundJobs(threadName);
    }

    /** Runs {@code job} after {@code first}, then {@code every} after each run ends; {@code what} names it in logs. */
    public BackgroundJobs every(Duration every, Duration first, String what, Runnable job) {
        executor.scheduleWithFixedDelay(() -> {
            try {
                job.run();
            } catch (RuntimeException e) {
                LOG.warn("{} failed; trying again in {} s", what, every.toSeconds(), e);
            }
        }, first.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /**
     * Like {@link #every}, for a job that works through a backlog in batches: {@code batch} handles one batch of at
     * most {@code size} and says how many it handled; a full batch runs the next one at once.
     */
    public BackgroundJobs draining(Duration every, Duration first, String what, int size, IntSupplier batch) {
        return every(every, first, what, () -> {
            while (batch.getAsInt() >= size) {
                // keep going while a backlog remains
            }
        });
    }

    /** Runs {@code job} every {@code period}, on the beat (a late run does not shift the ones after it). */
    public BackgroundJobs atFixedRate(Duration period, String what, Runnable job) {
        executor.scheduleAtFixedRate(() -> {
            try {
                job.run();
            } catch (RuntimeException e) {
                LOG.warn("{} failed; trying again in {} ms", what, period.toMillis(), e);
            }
        }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
