package dev.moddesk.app.review;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes new outbox entries to disk by group commit: every entry submitted by the time the disk is free goes to disk
 * together, with one folder sync for all, so decisions made faster than the disk syncs wait for one sync, not for a
 * queue of them. The writes run on {@code disk}; the caller never waits for them.
 */
final class OutboxGroupCommit {

    private static final Logger log = LoggerFactory.getLogger(OutboxGroupCommit.class);

    /** What the outbox does around the write; each is called on the disk's thread. */
    interface Target {
        /** The entry as the outbox holds it now (not the one queued if it was cancelled meanwhile). */
        OutboxEntry current(OutboxEntry queued);

        /** The entry is on disk as {@code stored}: the outbox records it and tells its listeners. */
        void written(OutboxEntry queued, OutboxEntry stored);

        /** The entry could not be written: the outbox forgets it. */
        void notWritten(OutboxEntry queued);
    }

    /** A new entry on its way to the disk, and whoever waits for it to get there. */
    private record QueuedWrite(OutboxEntry saving, CompletableFuture<OutboxEntry> durable) {
    }

    private final OutboxFiles files;
    private final Executor disk;
    private final Target target;
    private final Runnable afterBatch;
    private final Queue<QueuedWrite> queued = new ConcurrentLinkedQueue<>();

    OutboxGroupCommit(OutboxFiles files, Executor disk, Target target, Runnable afterBatch) {
        this.files = files;
        this.disk = disk;
        this.target = target;
        this.afterBatch = afterBatch;
    }

    /** Queues {@code saving} for the disk; the future completes with the stored entry once it is there. */
    CompletableFuture<OutboxEntry> write(OutboxEntry saving) {
        CompletableFuture<OutboxEntry> durable = new CompletableFuture<>();
        queued.add(new QueuedWrite(saving, durable));
        disk.execute(this::writeQueued);
        return durable;
    }

    private void writeQueued() {
        List<QueuedWrite> batch = new ArrayList<>();
        for (QueuedWrite w = queued.poll(); w != null; w = queued.poll()) {
            OutboxEntry now = target.current(w.saving());
            if (now != w.saving()) {
                w.durable().complete(now); // cancelled before it reached the disk
            } else {
                batch.add(w);
            }
        }
        if (batch.isEmpty()) {
            return;
        }
        List<RuntimeException> errors = files.writeAll(batch.stream().map(w -> w.saving().stored()).toList());
        for (int i = 0; i < batch.size(); i++) {
            OutboxEntry saving = batch.get(i).saving();
            CompletableFuture<OutboxEntry> durable = batch.get(i).durable();
            if (errors.get(i) != null) {
                target.notWritten(saving);
                log.error("outbox: {} on application {} could not be written", saving.kind(),
                        saving.applicationId(), errors.get(i));
                durable.completeExceptionally(errors.get(i));
                continue;
            }
            OutboxEntry stored = saving.stored();
            target.written(saving, stored);
            durable.complete(stored); // before any send: the maker hears "made" before "confirmed"
        }
        afterBatch.run();
    }
}
