package dev.moddesk.app.review;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox's one thread: file writes, sending, answers and retry timers run on it in order. A task that fails is
 * logged (a scheduled executor would otherwise keep the error in a future nobody reads); delayed retries are dropped
 * on shutdown, queued writes are not.
 */
final class OutboxThread {

    private static final Logger log = LoggerFactory.getLogger(OutboxThread.class);

    private OutboxThread() {
    }

    static ScheduledThreadPoolExecutor create() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "review-outbox");
            t.setDaemon(true);
            return t;
        }) {
            @Override
            protected void afterExecute(Runnable r, Throwable t) {
                super.afterExecute(r, t);
                Throwable failure = t;
                if (failure == null && r instanceof Future<?> f && f.isDone() && !f.isCancelled()) {
                    try {
                        f.get();
                    } catch (ExecutionException e) {
                        failure = e.getCause();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                if (failure != null) {
                    log.error("outbox thread: a task failed", failure);
                }
            }
        };
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        return executor;
    }
}
