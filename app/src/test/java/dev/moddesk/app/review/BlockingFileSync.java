package dev.moddesk.app.review;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A file sync that, once {@link #arm()}ed, holds every sync until {@link #release()}: the test sees a write stuck on
 * the disk without timing anything. {@link #awaitBlocked()} waits until a sync is being held.
 */
final class BlockingFileSync implements FileSync {

    private volatile boolean armed;
    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private final java.util.concurrent.atomic.AtomicInteger syncs = new java.util.concurrent.atomic.AtomicInteger();

    /** How many syncs (files and folders) have started so far. */
    int syncs() {
        return syncs.get();
    }

    void arm() {
        armed = true;
    }

    void release() {
        released.countDown();
    }

    void awaitBlocked() throws InterruptedException {
        if (!entered.await(15, TimeUnit.SECONDS)) {
            throw new AssertionError("no file sync was started");
        }
    }

    @Override
    public void sync(FileChannel channel) throws IOException {
        syncs.incrementAndGet();
        if (armed) {
            entered.countDown();
            try {
                released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("sync interrupted");
            }
        }
        channel.force(true);
    }
}
