package dev.moddesk.app.creators;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a task once input has been quiet for a while: a newer {@link #submit} replaces the task still waiting. The
 * console's runs the task on the FX thread after the quiet period; tests use {@link #immediate()} or drive it by hand.
 */
public interface Debouncer {

    void submit(Runnable task);

    /** Drops the waiting task, if any. */
    void cancel();

    /** Waits {@code quiet} on {@code scheduler}, then runs the latest task on {@code executor}. */
    static Debouncer scheduled(ScheduledExecutorService scheduler, Executor executor, Duration quiet) {
        return new Debouncer() {
            private ScheduledFuture<?> waiting;

            @Override
            public synchronized void submit(Runnable task) {
                cancel();
                waiting = scheduler.schedule(() -> executor.execute(task), quiet.toMillis(), TimeUnit.MILLISECONDS);
            }

            @Override
            public synchronized void cancel() {
                if (waiting != null) {
                    waiting.cancel(false);
                    waiting = null;
                }
            }
        };
    }

    /** Runs every task at once (tests, and actions a person asked for explicitly). */
    static Debouncer immediate() {
        return new Debouncer() {
            @Override
            public void submit(Runnable task) {
                task.run();
            }

            @Override
            public void cancel() {
            }
        };
    }
}
