package dev.moddesk.app.review;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moddesk.app.api.ApiException;
import dev.moddesk.app.api.ReviewApi;
import dev.moddesk.app.api.Json;
import dev.moddesk.app.core.Futures;
import dev.moddesk.contract.Problem;
import dev.moddesk.contract.ProblemType;
import dev.moddesk.contract.review.BulkDecisionItem;
import dev.moddesk.contract.review.BulkDecisionRequest;
import dev.moddesk.contract.review.BulkItemOutcome;
import dev.moddesk.contract.review.DecisionRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Durable local outbox for review decisions. A decision is on disk (one file per entry, written atomically and
 * fsynced) before this method returns and before it is sent; one sender thread sends entries in the order they were
 * made, each with its own idempotency key, and retries with backoff after network errors, 5xx, 401 and 429. An entry
 * is CONFIRMED only on a 2xx answer; a final 4xx makes it FAILED with the server's reason, kept on disk until the
 * moderator dismisses it. Because the server replays a stored result for a repeated key, a crash between "server
 * applied it" and "file deleted" cannot decide twice.
 *
 * <p>A DECISION refused with 409 {@code conflict} (typically: the claim lease ran out while the network was down) is
 * sent once more as a one-item bulk decision, which claims the application if nobody else holds it.
 */
public final class DecisionOutbox implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DecisionOutbox.class);
    private static final String SUFFIX = ".json";

    private final Path directory;
    private final ReviewApi api;
    private final Executor notifyExecutor;
    private final Clock clock;
    private final Duration firstBackoff;
    private final Duration maxBackoff;
    private final ObjectMapper json = Json.mapper();
    private final ScheduledExecutorService sender;
    private final List<Consumer<OutboxEntry>> listeners = new CopyOnWriteArrayList<>();

    /** Every entry this session knows, in sequence order; CONFIRMED and CANCELLED ones stay only in memory. */
    private final Map<String, OutboxEntry> entries = new LinkedHashMap<>();
    private long nextSequence = 1;
    private String inFlight;
    private ScheduledFuture<?> retryTimer;
    private boolean closed;

    public DecisionOutbox(Path directory, ReviewApi api, Executor notifyExecutor, Clock clock,
                          Duration firstBackoff, Duration maxBackoff) {
        this.directory = directory;
        this.api = api;
        this.notifyExecutor = notifyExecutor;
        this.clock = clock;
        this.firstBackoff = firstBackoff;
        this.maxBackoff = maxBackoff;
        this.sender = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "review-outbox-sender");
            t.setDaemon(true);
            t.setUncaughtExceptionHandler((th, e) -> log.error("outbox sender failed", e));
            return t;
        });
    }

    public DecisionOutbox(Path directory, ReviewApi api, Executor notifyExecutor) {
        this(directory, api, notifyExecutor, Clock.systemUTC(), Duration.ofSeconds(1), Duration.ofSeconds(30));
    }

    private static String safe(String s) {
        return s.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    public void addListener(Consumer<OutboxEntry> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<OutboxEntry> listener) {
        listeners.remove(listener);
    }

    /** Loads what an earlier run left unsent (or failed) and starts sending it. */
    public synchronized List<OutboxEntry> start() {
        try {
            Files.createDirectories(directory);
            List<OutboxEntry> loaded = new ArrayList<>();
            try (Stream<Path> files = Files.list(directory)) {
                for (Path file : files.toList()) {
                    String name = file.getFileName().toString();
                    if (name.startsWith(AtomicFiles.TEMP_PREFIX)) {
                        Files.deleteIfExists(file); // a write interrupted before its rename: never confirmed to anyone
                    } else if (name.endsWith(SUFFIX)) {
                        loaded.add(json.readValue(file.toFile(), OutboxEntry.class));
                    }
                }
            }
            loaded.sort(Comparator.comparingLong(OutboxEntry::sequence));
            for (OutboxEntry e : loaded) {
                entries.put(e.idempotencyKey(), e);
                nextSequence = Math.max(nextSequence, e.sequence() + 1);
                notifyChanged(e);
            }
            log.info("outbox {}: {} entries left from an earlier run", directory, loaded.size());
            kick();
            return List.copyOf(loaded);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the decision outbox at " + directory, e);
        }
    }

    /** Records a decision durably and queues it for sending. Returns once it is on disk. */
    public synchronized OutboxEntry submitDecision(long applicationId, int version, DecisionRequest decision) {
        OutboxEntry entry = new OutboxEntry(nextSequence++, OutboxEntry.Kind.DECISION, newKey(), applicationId,
                version, decision, null, null, clock.instant(), OutboxEntry.SyncState.PENDING_SYNC, 0, null, null,
                null, null);
        return add(entry);
    }

    public synchronized OutboxEntry submitBulk(DecisionRequest decision, List<BulkTarget> targets) {
        List<BulkDecisionItem> items = targets.stream()
                .map(t -> new BulkDecisionItem(t.applicationId(), t.version(), newKey()))
                .toList();
        OutboxEntry entry = new OutboxEntry(nextSequence++, OutboxEntry.Kind.BULK, newKey(), 0, 0, null,
                new BulkDecisionRequest(decision, items), null, clock.instant(),
                OutboxEntry.SyncState.PENDING_SYNC, 0, null, null, null, null);
        return add(entry);
    }

    /** An application the moderator selected for a bulk decision and the version they saw. */
    public record BulkTarget(long applicationId, int version) {
    }

    /**
     * Undoes a decision. If it has not left this machine yet it is simply cancelled here (the returned entry is the
     * decision, CANCELLED); otherwise an UNDO is queued behind it, so the server always sees decision then undo.
     */
    public synchronized OutboxEntry submitUndo(String decisionKey) {
        OutboxEntry decision = entries.get(decisionKey);
        if (decision == null) {
            throw new IllegalArgumentException("no decision " + decisionKey + " in the outbox");
        }
        if (decision.state() == OutboxEntry.SyncState.PENDING_SYNC && !decisionKey.equals(inFlight)) {
            OutboxEntry cancelled = decision.cancelled();
            deleteFile(decision);
            entries.put(decisionKey, cancelled);
            notifyChanged(cancelled);
            return cancelled;
        }
        OutboxEntry undo = new OutboxEntry(nextSequence++, OutboxEntry.Kind.UNDO, newKey(),
                decision.applicationId(), decision.version(), null, null, decisionKey, clock.instant(),
                OutboxEntry.SyncState.PENDING_SYNC, 0, null, null, null, null);
        return add(undo);
    }

    /** Forgets a FAILED entry the moderator has seen. */
    public synchronized void dismiss(String key) {
        OutboxEntry e = entries.get(key);
        if (e != null && e.state() == OutboxEntry.SyncState.FAILED) {
            deleteFile(e);
            entries.remove(key);
        }
    }

    /** Retries at once instead of waiting out the backoff (network came back, console started, user asked). */
    public synchronized void retryNow() {
        if (retryTimer != null) {
            retryTimer.cancel(false);
            retryTimer = null;
        }
        kick();
    }

    public synchronized List<OutboxEntry> entries() {
        return List.copyOf(entries.values());
    }

    public synchronized Optional<OutboxEntry> entry(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    public synchronized long pendingCount() {
        return entries.values().stream().filter(e -> e.state() == OutboxEntry.SyncState.PENDING_SYNC).count();
    }

    @Override
    public synchronized void close() {
        closed = true;
        sender.shutdownNow();
    }

    private OutboxEntry add(OutboxEntry entry) {
        write(entry);
        entries.put(entry.idempotencyKey(), entry);
        notifyChanged(entry);
        kick();
        return entry;
    }

    private void kick() {
        if (!closed) {
            sender.execute(this::sendNext);
        }
    }

    private synchronized void sendNext() {
        if (closed || inFlight != null || retryTimer != null && !retryTimer.isDone()) {
            return;
        }
        Optional<OutboxEntry> head = entries.values().stream()
                .filter(e -> e.state() == OutboxEntry.SyncState.PENDING_SYNC)
                .findFirst();
        if (head.isEmpty()) {
            return;
        }
        OutboxEntry entry = head.get();
        if (entry.kind() == OutboxEntry.Kind.UNDO) {
            OutboxEntry decision = entries.get(entry.undoOf());
            if (decision != null && decision.state() == OutboxEntry.SyncState.FAILED) {
                // The decision never took effect, so there is nothing to undo.
                finish(entry, entry.cancelled());
                return;
            }
        }
        inFlight = entry.idempotencyKey();
        OutboxEntry attempt = entry.withAttempt();
        entries.put(attempt.idempotencyKey(), attempt);
        send(attempt).whenComplete((outcome, error) -> sender.execute(() -> settled(attempt, outcome, error)));
    }

    private CompletableFuture<OutboxEntry> send(OutboxEntry e) {
        try {
            return switch (e.kind()) {
                case DECISION -> api.decide(e.applicationId(), e.version(), e.idempotencyKey(), e.decision())
                        .thenApply(r -> e.confirmed(r, null))
                        .exceptionallyCompose(error -> isConflict(error) ? decideThroughBulk(e) : failed(error));
                case UNDO -> api.undo(e.applicationId(), e.idempotencyKey()).thenApply(r -> e.confirmed(r, null));
                case BULK -> api.bulk(e.bulk()).thenApply(r -> e.confirmed(null, r));
            };
        } catch (RuntimeException error) {
            return CompletableFuture.failedFuture(error);
        }
    }

    private CompletableFuture<OutboxEntry> decideThroughBulk(OutboxEntry e) {
        log.info("decision {} on application {} met a conflict; retrying as a one-item bulk decision",
                e.idempotencyKey(), e.applicationId());
        BulkDecisionRequest request = new BulkDecisionRequest(e.decision(),
                List.of(new BulkDecisionItem(e.applicationId(), e.version(), e.idempotencyKey() + ":bulk")));
        return api.bulk(request).thenApply(result -> {
            BulkItemOutcome outcome = result.outcomes().stream()
                    .filter(o -> o.applicationId() == e.applicationId()).findFirst()
                    .orElseThrow(() -> new IllegalStateException("bulk answer without application "
                            + e.applicationId()));
            if (outcome.problem() != null) {
                throw ApiException.problem(outcome.problem(), null);
            }
            return e.confirmed(outcome.result(), null);
        });
    }

    private static CompletableFuture<OutboxEntry> failed(Throwable error) {
        return CompletableFuture.failedFuture(error);
    }

    private static boolean isConflict(Throwable error) {
        return ApiException.find(error).filter(a -> a.is(ProblemType.CONFLICT)).isPresent();
    }

    private synchronized void settled(OutboxEntry attempt, OutboxEntry outcome, Throwable error) {
        inFlight = null;
        if (closed) {
            return;
        }
        OutboxEntry current = entries.get(attempt.idempotencyKey());
        if (error == null) {
            finish(current, outcome.confirmed(outcome.result(), outcome.bulkResult()));
            return;
        }
        Throwable cause = Futures.unwrap(error);
        if (isRetryable(cause)) {
            Duration wait = backoff(attempt.attempts());
            log.info("outbox: {} {} not delivered ({}); retry in {} ms", attempt.kind(), attempt.idempotencyKey(),
                    cause.toString(), wait.toMillis());
            write(current); // keeps the attempt count across a restart
            notifyChanged(current);
            retryTimer = sender.schedule(() -> {
                synchronized (this) {
                    retryTimer = null;
                }
                sendNext();
            }, wait.toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        Optional<Problem> problem = ApiException.find(cause).flatMap(ApiException::problem);
        String type = problem.map(p -> ProblemType.fromUri(p.type()).map(ProblemType::slug).orElse(p.type()))
                .orElse("client-error");
        String detail = problem.map(p -> Optional.ofNullable(p.detail()).orElse(p.title()))
                .orElse(String.valueOf(cause.getMessage()));
        log.warn("outbox: {} {} on application {} refused: {} {}", attempt.kind(), attempt.idempotencyKey(),
                attempt.applicationId(), type, detail);
        OutboxEntry failed = current.failed(type, detail);
        write(failed);
        entries.put(failed.idempotencyKey(), failed);
        notifyChanged(failed);
        kick();
    }

    private void finish(OutboxEntry before, OutboxEntry after) {
        deleteFile(before);
        entries.put(after.idempotencyKey(), after);
        notifyChanged(after);
        kick();
    }

    private Duration backoff(int attempts) {
        long factor = 1L << Math.min(Math.max(attempts - 1, 0), 16);
        Duration d = firstBackoff.multipliedBy(factor);
        return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
    }

    static boolean isRetryable(Throwable cause) {
        Optional<ApiException> api = ApiException.find(cause);
        if (api.isEmpty()) {
            return cause instanceof IOException;
        }
        return switch (api.get().kind()) {
            // An unreadable answer may be a cut connection after the server applied it: the key makes a resend safe.
            case UNREACHABLE, TIMEOUT, TLS, BAD_RESPONSE, CANCELLED -> true;
            case INCOMPATIBLE, INVALID_URL, CA_FILE, MEDIA_HOST_REFUSED -> false;
            case PROBLEM -> {
                int s = api.get().problem().map(Problem::status).orElse(0);
                // 401: the session lapsed; the moderator signs in again and the decision must still go out.
                yield s >= 500 || s == 401 || s == 408 || s == 429;
            }
        };
    }

    private Path fileOf(OutboxEntry e) {
        return directory.resolve(String.format("%012d-%s%s", e.sequence(), safe(e.idempotencyKey()), SUFFIX));
    }

    private void write(OutboxEntry e) {
        try {
            Files.createDirectories(directory);
            AtomicFiles.write(fileOf(e), json.writeValueAsBytes(e));
        } catch (IOException ex) {
            // A decision we cannot persist must not look accepted: the caller sees the failure.
            throw new UncheckedIOException("cannot write the decision outbox at " + directory, ex);
        }
    }

    private void deleteFile(OutboxEntry e) {
        try {
            AtomicFiles.delete(fileOf(e));
        } catch (IOException ex) {
            log.error("outbox: cannot delete {}; it may be sent again (the server replays it harmlessly)",
                    fileOf(e), ex);
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
