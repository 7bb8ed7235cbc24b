package dev.moddesk.app.api.stream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A {@link StreamScheduler} whose time moves only when the test says so. Tasks run on the test's thread inside
 * {@link #advance}, outside this object's lock (they take the stream client's lock, which schedules under it).
 */
final class ManualStreamScheduler implements StreamScheduler {
    private record Task(long due, long order, Runnable task) {
    }

    private final List<Task> tasks = new ArrayList<>();
    private volatile long now;
    private long order;

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public synchronized Cancellable schedule(Duration delay, Runnable task) {
        Task t = new Task(now + delay.toNanos(), order++, task);
        tasks.add(t);
        return () -> {
            synchronized (this) {
                tasks.remove(t);
            }
        };
    }

    /** Moves time forward by {@code by}, running every task that falls due, in due order, at its due time. */
    void advance(Duration by) {
        long target;
        synchronized (this) {
            target = now + by.toNanos();
        }
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.stream().filter(t -> t.due() <= target)
                        .min(Comparator.comparingLong(Task::due).thenComparingLong(Task::order)).orElse(null);
                if (next == null) {
                    now = target;
                    return;
                }
                tasks.remove(next);
                now = Math.max(now, next.due());
            }
            next.task().run();
        }
    }

    Duration elapsed() {
        return Duration.ofNanos(now);
    }
}
