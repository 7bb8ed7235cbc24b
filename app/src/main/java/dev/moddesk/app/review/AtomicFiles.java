package dev.moddesk.app.review;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
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

    /**
     * Group commit: writes every file of {@code targets} (all in one folder) as {@link #write} does, but syncs the
     * folder once for all of them, after the last rename. On an error some files may already be in place; the
     * caller decides what that means (the outbox writes each again on its own).
     */
    static void writeAll(List<Path> targets, List<byte[]> contents, FileSync sync) throws IOException {
        if (targets.isEmpty()) {
            return;
        }
        for (int i = 0; i < targets.size(); i++) {
            Path target = targets.get(i);
            Path temp = target.getParent().resolve(TEMP_PREFIX + target.getFileName() + "-" + UUID.randomUUID());
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(contents.get(i));
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
        }
        syncDirectory(targets.getFirst().getParent(), sync);
    }

    /**
     * Deletes without syncing the folder: if a crash brings the file back, its entry is sent again under the same
     * idempotency key and the server replays its answer (or, past the key's retention, the outbox reads the record).
     * The next write's folder sync makes the deletion durable anyway.
     */
    static void delete(Path target) throws IOException {
        Files.deleteIfExists(target);
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
