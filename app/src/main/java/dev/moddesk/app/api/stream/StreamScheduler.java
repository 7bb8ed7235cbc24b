package dev.moddesk.app.api.stream;

import java.time.Duration;

/**
 * Time as the stream client sees it: "now" for liveness and one-shot delayed tasks for heartbeats and reconnects.
 * Tests pass a scheduler whose time they move by hand; the console passes {@link DaemonStreamScheduler}.
 */
public interface StreamScheduler {

    /** Monotonic nanoseconds, as {@link System#nanoTime()}. */
    long nanoTime();

    /** Runs {@code task} once after {@code delay}, on the scheduler's thread. */
    Cancellable schedule(Duration delay, Runnable task);

    @FunctionalInterface
    interface Cancellable {
        void cancel();
    }
}
