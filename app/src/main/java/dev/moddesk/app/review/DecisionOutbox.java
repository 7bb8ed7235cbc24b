package dev.moddesk.app.review;

import dev.moddesk.app.api.ReviewApi;
import dev.moddesk.app.core.Futures;
import dev.moddesk.contract.review.BulkDecisionItem;
import dev.moddesk.contract.review.BulkDecisionRequest;
import dev.moddesk.contract.review.DecisionRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Durable local outbox for review decisions. A decision counts as made once it is on disk (one file per entry,
 * written atomically and synced; entries submitted while the disk is busy are written together with one folder
 * sync, a group commit); the write runs on the outbox's own thread, so {@code submit*} returns at once with
 * a {@link Submission} whose {@code durable} future completes when the entry is on disk. The outbox's lock guards
 * only its map and is never held during file I/O or HTTP calls, so the FX thread never waits on the disk.
 *
 * <p>Order is kept per application, not across the outbox: an entry goes out once every earlier unsettled entry on
 * any of its applications (a bulk entry has several) has settled, so one entry retrying does not hold up the others.
 * Each entry has its own idempotency key and its own backoff after network errors, 5xx, 401 and 429; an entry is
 * CONFIRMED only on a 2xx answer (or when the server shows it on record after a 412, see {@link OutboxRequests}); a
 * final 4xx makes it FAILED with the server's reason, kept on disk until the moderator dismisses it. An entry older
 * than the server's idempotency retention NEEDS_ATTENTION instead of being sent blindly. Because the server replays a
 * stored result for a repeated key, a crash between "server applied it" and "file deleted" cannot decide twice.
 */
public final class DecisionOutbox implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DecisionOutbox.class);

    /** How long the server keeps idempotency keys unless it says otherwise ({@code --idempotency-retention}). */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(7);
    private static final int MAX_IN_FLIGHT = 4;

    /**
     * Who sends ({@code staffId}, 0 if unknown: used to recognise our own decision on record), how writes are synced,
     * where they run ({@code disk}; null: the outbox's own thread — tests pass {@code Runnable::run} for writes on
     * the caller's thread), and how long the server keeps idempotency keys.
     */
    public record Options(long staffId, FileSync fileSync, Executor disk, Duration retention) {
        public static Options defaults() {
            return new Options(0, FileSync.FORCE, null, DEFAULT_RETENTION);
        }

        public Options withStaffId(long id) {
            return new Options(id, fileSync, disk, retention);
        }

        public Options withFileSync(FileSync sync) {
            return new Options(staffId, sync, disk, retention);
        }

        public Options writingOn(Executor executor) {
            return new Options(staffId, fileSync, executor, retention);
        }

        public Options withRetention(Duration keep) {
            return new Options(staffId, fileSync, disk, keep);
        }
    }

    /** An entry just submitted (SAVING, or CANCELLED for a local undo) and when it is on disk. */
    public record Submission(OutboxEntry entry, CompletableFuture<OutboxEntry> durable) {
        public String idempotencyKey() {
            return entry.idempotencyKey();
        }

        /** Blocks until the entry is on disk (not on the FX thread); throws if it could not be written. */
        public OutboxEntry awaitDurable() {
            return durable.join();
        }
    }

    /** An application the moderator selected for a bulk decision and the version they saw. */
    public record BulkTarget(long applicationId, int version) {
    }

    private final Executor notifyExecutor;
    private final Clock clock;
    private final OutboxRetry retry;
    private final OutboxFiles files;
    private final OutboxGroupCommit groupCommit;
    private final OutboxRequests requests;
    private final ScheduledThreadPoolExecutor worker;
    private final Executor disk;
    private final List<Consumer<OutboxEntry>> listeners = new CopyOnWriteArrayList<>();
    private volatile Duration retention;

    /** Every entry this session knows, in sequence order; CONFIRMED and CANCELLED ones stay only in memory. */
    private final Map<String, OutboxEntry> entries = new LinkedHashMap<>();
    private final Set<String> inFlight = new HashSet<>();
    private final Map<String, ScheduledFuture<?>> waiting = new HashMap<>();
    private long nextSequence = 1;
    private boolean started;
    private volatile boolean closed;

    public DecisionOutbox(Path directory, ReviewApi api, Executor notifyExecutor, Clock clock,
                          Duration firstBackoff, Duration maxBackoff, Options options) {
        this.notifyExecutor = notifyExecutor;
        this.clock = clock;
        this.retry = new OutboxRetry(firstBackoff, maxBackoff);
        this.retention = options.retention();
        this.files = new OutboxFiles(directory, options.fileSync());
        this.requests = new OutboxRequests(api, options.staffId(), this::switchKey);
        this.worker = OutboxThread.create();
        this.disk = options.disk() == null ? worker : options.disk();
        this.groupCommit = new OutboxGroupCommit(files, disk, new GroupCommitTarget(), this::kick);
    }

    public DecisionOutbox(Path directory, ReviewApi api, Executor notifyExecutor, Clock clock,
                          Duration firstBackoff, Duration maxBackoff) {
        this(directory, api, notifyExecutor, clock, firstBackoff, maxBackoff, Options.defaults());
    }

    public DecisionOutbox(Path directory, ReviewApi api, Executor notifyExecutor, Options options) {
        this(directory, api, notifyExecutor, Clock.systemUTC(), Duration.ofSeconds(1), Duration.ofSeconds(30),
                options);
    }

    public void addListener(Consumer<OutboxEntry> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<OutboxEntry> listener) {
        listeners.remove(listener);
    }

    /** How long the server keeps idempotency keys (it says so in {@code /api/v1/info}). */
    public void useRetention(Duration serverRetention) {
        if (serverRetention != null && serverRetention.isPositive()) {
            retention = serverRetention;
        }
    }

    /**
     * Loads what an earlier run left unsent (or failed) and starts sending it. An entry left pending may have been
     * sent just before the end of that run, so it counts as sent (an undo of it goes to the server).
     */
    public List<OutboxEntry> start() {
        List<OutboxEntry> loaded = files.load();
        synchronized (this) {
            for (OutboxEntry e : loaded) {
                OutboxEntry known = e.state() == OutboxEntry.SyncState.PENDING_SYNC && !e.everSent()
                        ? e.withSentKey(e.idempotencyKey()) : e;
                entries.put(e.idempotencyKey(), known);
                nextSequence = Math.max(nextSequence, e.sequence() + 1);
            }
            started = true;
        }
        loaded.forEach(this::notifyChanged);
        log.info("outbox {}: {} entries left from an earlier run", files.directory(), loaded.size());
        kick();
        return List.copyOf(loaded);
    }

    /** Records a decision and queues it; it counts as made once {@link Submission#durable()} completes. */
    public Submission submitDecision(long applicationId, int version, DecisionRequest decision) {
        return persist(newEntry(OutboxEntry.Kind.DECISION, applicationId, version, decision, null, null));
    }

    public Submission submitBulk(DecisionRequest decision, List<BulkTarget> targets) {
        List<BulkDecisionItem> items = targets.stream()
                .map(t -> new BulkDecisionItem(t.applicationId(), t.version(), newKey()))
                .toList();
        return persist(newEntry(OutboxEntry.Kind.BULK, 0, 0, null, new BulkDecisionRequest(decision, items), null));
    }

    /**
     * Undoes a decision. One that never left this machine is cancelled here (the submission's entry is the decision,
     * CANCELLED, and its file is gone once {@code durable} completes). One that may have reached the server — sent
     * at least once, even if that attempt ended in a timeout or a reset — gets an UNDO queued behind it, so the
     * server always sees decision then undo, and nobody may call it undone before the server confirms.
     */
    public Submission submitUndo(String decisionKey) {
        OutboxEntry cancelled = null;
        OutboxEntry undo = null;
        OutboxEntry before;
        synchronized (this) {
            before = entries.get(decisionKey);
            if (before == null) {
                throw new IllegalArgumentException("no decision " + decisionKey + " in the outbox");
            }
            if (before.unsettled() && !before.everSent() && !inFlight.contains(decisionKey)) {
                cancelled = before.cancelled();
                entries.put(decisionKey, cancelled);
                notifyChanged(cancelled);
                stopWaiting(decisionKey);
            } else {
                undo = newEntry(OutboxEntry.Kind.UNDO, before.applicationId(), before.version(), null, null,
                        decisionKey);
            }
        }
        if (undo != null) {
            return persist(undo);
        }
        OutboxEntry done = cancelled;
        CompletableFuture<OutboxEntry> deleted = new CompletableFuture<>();
        disk.execute(() -> {
            files.delete(before);
            deleted.complete(done);
        });
        return new Submission(done, deleted);
    }

    /** Forgets a FAILED (or NEEDS_ATTENTION) entry the moderator has seen. */
    public void dismiss(String key) {
        OutboxEntry e;
        synchronized (this) {
            e = entries.get(key);
            if (e == null || e.state() != OutboxEntry.SyncState.FAILED
                    && e.state() != OutboxEntry.SyncState.NEEDS_ATTENTION) {
                return;
            }
            entries.remove(key);
        }
        disk.execute(() -> files.delete(e));
    }

    /** Retries at once instead of waiting out the backoff (network came back, console started, user asked). */
    public void retryNow() {
        synchronized (this) {
            waiting.values().forEach(f -> f.cancel(false));
            waiting.clear();
        }
        kick();
    }

    public synchronized List<OutboxEntry> entries() {
        return List.copyOf(entries.values());
    }

    public synchronized Optional<OutboxEntry> entry(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    /** Entries not yet answered by the server, including those still being written. */
    public synchronized long pendingCount() {
        return entries.values().stream().filter(OutboxEntry::unsettled).count();
    }

    /** Stops sending; writes already queued still reach the disk (and go out after the next start). */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            waiting.values().forEach(f -> f.cancel(false));
            waiting.clear();
        }
        worker.shutdown();
    }

    // ---- writing -----------------------------------------------------------------------------------------------

    private synchronized OutboxEntry newEntry(OutboxEntry.Kind kind, long applicationId, int version,
                                              DecisionRequest decision, BulkDecisionRequest bulk, String undoOf) {
        OutboxEntry e = OutboxEntry.saving(nextSequence++, kind, newKey(), applicationId, version, decision, bulk,
                undoOf, clock.instant());
        entries.put(e.idempotencyKey(), e);
        return e;
    }

    private Submission persist(OutboxEntry saving) {
        return new Submission(saving, groupCommit.write(saving));
    }

    /** How the group commit sees and updates this outbox's entries. */
    private final class GroupCommitTarget implements OutboxGroupCommit.Target {
        @Override
        public OutboxEntry current(OutboxEntry queued) {
            synchronized (DecisionOutbox.this) {
                return entries.get(queued.idempotencyKey());
            }
        }

        @Override
        public void written(OutboxEntry queued, OutboxEntry stored) {
            synchronized (DecisionOutbox.this) {
                if (entries.get(queued.idempotencyKey()) == queued) {
                    entries.put(queued.idempotencyKey(), stored);
                }
            }
            notifyChanged(stored);
        }

        @Override
        public void notWritten(OutboxEntry queued) {
            synchronized (DecisionOutbox.this) {
                entries.remove(queued.idempotencyKey());
            }
        }
    }

    /** Records, on disk, that {@code switched} goes out under its new key from now on; on the outbox's thread. */
    private CompletableFuture<OutboxEntry> switchKey(OutboxEntry switched) {
        return CompletableFuture.supplyAsync(() -> {
            files.write(switched.stored());
            synchronized (this) {
                entries.computeIfPresent(switched.idempotencyKey(), (k, now) -> now.withSentKey(switched.sentKey()));
            }
            return switched;
        }, worker);
    }

    // ---- sending -----------------------------------------------------------------------------------------------

    private void kick() {
        if (!closed) {
            try {
                worker.execute(this::sendNext);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                log.debug("outbox closed; not sending", e);
            }
        }
    }

    /** Sends every entry whose turn it is: nothing earlier on its applications is unsettled. */
    private void sendNext() {
        List<OutboxEntry> toSend = new ArrayList<>();
        List<OutboxEntry> nothingToUndo = new ArrayList<>();
        synchronized (this) {
            if (closed || !started) {
                return;
            }
            Set<Long> busy = new HashSet<>();
            for (OutboxEntry e : entries.values()) {
                if (!e.unsettled()) {
                    continue;
                }
                List<Long> apps = e.applicationIds();
                boolean free = e.state() == OutboxEntry.SyncState.PENDING_SYNC
                        && !inFlight.contains(e.idempotencyKey()) && !waiting.containsKey(e.idempotencyKey())
                        && apps.stream().noneMatch(busy::contains);
                busy.addAll(apps);
                if (!free) {
                    continue;
                }
                OutboxEntry decision = e.kind() == OutboxEntry.Kind.UNDO ? entries.get(e.undoOf()) : null;
                if (decision != null && (decision.state() == OutboxEntry.SyncState.FAILED
                        || decision.state() == OutboxEntry.SyncState.NEEDS_ATTENTION)) {
                    nothingToUndo.add(e); // the decision never took effect here
                } else if (inFlight.size() < MAX_IN_FLIGHT) {
                    OutboxEntry attempt = e.withAttempt(e.sentKey() == null ? e.idempotencyKey() : e.sentKey());
                    entries.put(attempt.idempotencyKey(), attempt);
                    inFlight.add(attempt.idempotencyKey());
                    toSend.add(attempt);
                }
            }
        }
        for (OutboxEntry e : nothingToUndo) {
            settle(e, e.cancelled());
        }
        Duration keep = retention;
        for (OutboxEntry attempt : toSend) {
            boolean outlived = Duration.between(attempt.createdAt(), clock.instant()).compareTo(keep) > 0;
            requests.send(attempt, outlived).whenComplete((outcome, error) ->
                    runOnWorker(() -> settled(attempt, outcome, error)));
        }
    }

    private void runOnWorker(Runnable r) {
        try {
            worker.execute(r);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            log.debug("outbox closed; an answer is dropped (the entry stays on disk)", e);
        }
    }

    private void settled(OutboxEntry attempt, OutboxEntry outcome, Throwable error) {
        String key = attempt.idempotencyKey();
        OutboxEntry current;
        synchronized (this) {
            inFlight.remove(key);
            if (closed) {
                return;
            }
            current = entries.get(key);
        }
        if (error == null) {
            settle(current, outcome);
            return;
        }
        Throwable cause = Futures.unwrap(error);
        if (OutboxRetry.isRetryable(cause)) {
            Duration wait = retry.backoff(current.attempts());
            log.info("outbox: {} {} not delivered ({}); retry in {} ms", current.kind(), key, cause.toString(),
                    wait.toMillis());
            files.write(current.stored()); // keeps the attempt count and the key that went out across a restart
            synchronized (this) {
                if (!closed) {
                    waiting.put(key, worker.schedule(() -> {
                        synchronized (this) {
                            waiting.remove(key);
                        }
                        sendNext();
                    }, wait.toMillis(), TimeUnit.MILLISECONDS));
                }
            }
            notifyChanged(current);
            kick(); // a slot is free for entries of other applications
            return;
        }
        OutboxEntry failed = OutboxRetry.failed(current, cause);
        log.warn("outbox: {} {} on application {} refused: {} {}", current.kind(), key, current.applicationId(),
                failed.failureType(), failed.failureDetail());
        settle(current, failed);
    }

    /** Files away a settled entry: FAILED and NEEDS_ATTENTION stay on disk until dismissed, the rest are deleted. */
    private void settle(OutboxEntry before, OutboxEntry after) {
        if (after.state() == OutboxEntry.SyncState.FAILED || after.state() == OutboxEntry.SyncState.NEEDS_ATTENTION) {
            files.write(after);
        } else {
            files.delete(before);
        }
        synchronized (this) {
            entries.put(after.idempotencyKey(), after);
            notifyChanged(after); // queued with the change: whoever sees it settled can also hear of it
        }
        kick();
    }

    private void stopWaiting(String key) {
        ScheduledFuture<?> f = waiting.remove(key);
        if (f != null) {
            f.cancel(false);
        }
    }

    private void notifyChanged(OutboxEntry e) {
        for (Consumer<OutboxEntry> listener : listeners) {
            notifyExecutor.execute(() -> listener.accept(e));
        }
    }

    private static String newKey() {
        return UUID.randomUUID().toString();
    }
}
