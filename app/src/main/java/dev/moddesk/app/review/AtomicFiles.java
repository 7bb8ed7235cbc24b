package dev.moddesk.app.review;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/** Whole-file writes that survive a crash: write a temp file, fsync it, atomically rename it over the target. */
final class AtomicFiles {

    static final String TEMP_PREFIX = ".tmp-";

    private AtomicFiles() {
    }

    static void write(Path target, byte[] bytes, FileSync sync) throws IOException {
        Path dir = target.getParent();
        Path temp = dir.resolve(TEMP_PREFIX + target.getFileName() + "-" + UUID.randomUUID());
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            sync.sync(channel);
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        syncDirectory(dir, sync);
    }

    static void delete(Path target, FileSync sync) throws IOException {
        if (Files.deleteIfExists(target)) {
            syncDirectory(target.getParent(), sync);
        }
    }

    /** Makes the rename itself durable; some platforms (Windows) cannot open a directory, and do not need to. */
    private static void syncDirectory(Path dir, FileSync sync) {
        FileChannel channel;
        try {
            channel = FileChannel.open(dir, StandardOpenOption.READ);
        } catch (IOException | UnsupportedOperationException e) {
            return; // Windows: a directory cannot be opened, and need not be
        }
        try (channel) {
            sync.sync(channel);
        } catch (IOException | UnsupportedOperationException e) {
            // Best effort by design: the rename is already atomic; only its durability on power loss is at stake.
        }
    }
}
