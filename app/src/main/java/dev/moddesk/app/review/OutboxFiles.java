package dev.moddesk.app.review;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moddesk.app.api.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox's folder: one file per entry, named by sequence and key, written atomically and synced with the
 * {@link FileSync} given. Blocking: the outbox calls it on its own thread, never while holding its lock.
 */
final class OutboxFiles {

    private static final Logger log = LoggerFactory.getLogger(OutboxFiles.class);
    private static final String SUFFIX = ".json";

    private final Path directory;
    private final FileSync sync;
    private final ObjectMapper json = Json.mapper();

    OutboxFiles(Path directory, FileSync sync) {
        this.directory = directory;
        this.sync = sync;
    }

    Path directory() {
        return directory;
    }

    /** What an earlier run left, in sequence order; a write interrupted before its rename is dropped. */
    List<OutboxEntry> load() {
        try {
            Files.createDirectories(directory);
            List<OutboxEntry> loaded = new ArrayList<>();
            try (Stream<Path> files = Files.list(directory)) {
                for (Path file : files.toList()) {
                    String name = file.getFileName().toString();
                    if (name.startsWith(AtomicFiles.TEMP_PREFIX)) {
                        Files.deleteIfExists(file); // never confirmed to anyone
                    } else if (name.endsWith(SUFFIX)) {
                        loaded.add(json.readValue(file.toFile(), OutboxEntry.class));
                    }
                }
            }
            loaded.sort(Comparator.comparingLong(OutboxEntry::sequence));
            return loaded;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the decision outbox at " + directory, e);
        }
    }

    /** Writes {@code e} durably; a decision that cannot be persisted must not look made, so this throws. */
    void write(OutboxEntry e) {
        try {
            Files.createDirectories(directory);
            AtomicFiles.write(fileOf(e), json.writeValueAsBytes(e), sync);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write the decision outbox at " + directory, ex);
        }
    }

    /**
     * Writes every entry durably with one folder sync for all (group commit); returns, per entry in order, null when
     * it is on disk or the error that kept it off. After a batch error each entry is written again on its own, so
     * one bad entry does not sink the others.
     */
    List<RuntimeException> writeAll(List<OutboxEntry> batch) {
        List<RuntimeException> outcome = new ArrayList<>();
        try {
            Files.createDirectories(directory);
            List<byte[]> contents = new ArrayList<>();
            for (OutboxEntry e : batch) {
                contents.add(json.writeValueAsBytes(e));
            }
            AtomicFiles.writeAll(batch.stream().map(this::fileOf).toList(), contents, sync);
            batch.forEach(e -> outcome.add(null));
            return outcome;
        } catch (IOException batchError) {
            log.warn("outbox: a group write failed ({}); writing its {} entries one by one", batchError.toString(),
                    batch.size());
        }
        for (OutboxEntry e : batch) {
            try {
                write(e);
                outcome.add(null);
            } catch (RuntimeException error) {
                outcome.add(error);
            }
        }
        return outcome;
    }

    void delete(OutboxEntry e) {
        try {
            AtomicFiles.delete(fileOf(e));
        } catch (IOException ex) {
            log.error("outbox: cannot delete {}; it may be sent again (the server replays it harmlessly)",
                    fileOf(e), ex);
        }
    }

    private Path fileOf(OutboxEntry e) {
        return directory.resolve(String.format("%012d-%s%s", e.sequence(), safe(e.idempotencyKey()), SUFFIX));
    }

    private static String safe(String s) {
        return s.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
