package dev.moddesk.app.review;

import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * How the outbox makes a write durable: {@link #FORCE} asks the operating system to put it on the disk. A seam so that
 * tests can hold a sync on a latch, and a benchmark can make it slow, while the real write path runs.
 */
@FunctionalInterface
public interface FileSync {

    /** fsync: returns once what was written through {@code channel} is on the disk. */
    FileSync FORCE = channel -> channel.force(true);

    void sync(FileChannel channel) throws IOException;
}
