package dev.moddesk.app.review;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javafx.util.Subscription;

/**
 * Repeating work the review models need (lease renewal, presence heartbeat, undo countdown, age ticking). Tests
 * substitute a hand-driven implementation so time never has to pass.
 */
public interface ReviewTimers {

    /** Runs {@code task} every {@code period} (first time after one period) until the subscription is cancelled. */
    Subscription every(Duration period, Runnable task);

    /** Timers on a scheduler whose ticks run on {@code executor} (the FX thread in the console). */
    static ReviewTimers scheduled(ScheduledExecutorService scheduler, Executor executor) {
        return (period, task) -> {
            ScheduledFuture<?> f = scheduler.scheduleAtFixedRate(() -> executor.execute(task),
                    period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
            return () -> f.cancel(false);
        };
    }
}
