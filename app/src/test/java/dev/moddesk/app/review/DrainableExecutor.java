package dev.moddesk.app.review;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;

/** Collects work from other threads so the test thread runs it, like the FX thread would, when it chooses. */
public final class DrainableExecutor implements Executor {

    private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();

    @Override
    public void execute(Runnable command) {
        queue.add(command);
    }

    public void drain() {
        Runnable r;
        while ((r = queue.poll()) != null) {
            r.run();
        }
    }
}
