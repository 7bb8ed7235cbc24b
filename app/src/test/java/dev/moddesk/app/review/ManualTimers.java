package dev.moddesk.app.review;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javafx.util.Subscription;

/** Timers the test fires by hand, so lease renewal or undo countdown never waits on real time. */
public final class ManualTimers implements ReviewTimers {

    private record Task(Duration period, Runnable task) {
    }

    private final List<Task> tasks = new ArrayList<>();

    @Override
    public synchronized Subscription every(Duration period, Runnable task) {
        Task t = new Task(period, task);
        tasks.add(t);
        return () -> {
            synchronized (this) {
                tasks.remove(t);
            }
        };
    }

    /** Runs once every task registered with this period. */
    public void fire(Duration period) {
        List<Task> due;
        synchronized (this) {
            due = tasks.stream().filter(t -> t.period.equals(period)).toList();
        }
        due.forEach(t -> t.task.run());
    }

    public synchronized int count(Duration period) {
        return (int) tasks.stream().filter(t -> t.period.equals(period)).count();
    }
}
