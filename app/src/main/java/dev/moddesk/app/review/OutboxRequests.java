package dev.moddesk.app.review;

import dev.moddesk.app.api.ApiException;
import dev.moddesk.app.api.ReviewApi;
import dev.moddesk.contract.Problem;
import dev.moddesk.contract.ProblemType;
import dev.moddesk.contract.review.ApplicationDetail;
import dev.moddesk.contract.review.BulkDecisionItem;
import dev.moddesk.contract.review.BulkDecisionRequest;
import dev.moddesk.contract.review.BulkDecisionResult;
import dev.moddesk.contract.review.BulkItemOutcome;
import dev.moddesk.contract.review.DecisionResult;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of one outbox attempt: what to send for an entry, and what its answer means. It completes with the
 * settled entry (CONFIRMED or NEEDS_ATTENTION) or fails with the error that decides between retry and FAILED.
 *
 * <ul>
 *   <li>A DECISION refused with 409 {@code conflict} (the claim lease ran out while the network was down) goes once
 *       more as a one-item bulk decision under {@code key + ":bulk"}, which claims the application if nobody else
 *       holds it. That key is recorded (and persisted, through {@code keySwitch}) before it goes out, and every later
 *       attempt uses it: the original key would meet 412 after a lost answer to the bulk request.</li>
 *   <li>A DECISION refused with 412 {@code precondition-failed} reads the application: if the decision on record is
 *       this one (same kind and reason, by this moderator), it was an earlier attempt's success whose stored answer
 *       the server no longer has, and the entry is CONFIRMED.</li>
 *   <li>An entry older than the server's idempotency retention is not sent blindly: a DECISION reads the
 *       application (CONFIRMED if it is on record, else NEEDS_ATTENTION with the server's state); a BULK entry reads
 *       each of its applications (CONFIRMED if every one is on record, else NEEDS_ATTENTION with an outcome per
 *       item: on record, or not with the server's state). UNDO entries go as usual (the server refuses an undo out
 *       of its window).</li>
 * </ul>
 */
final class OutboxRequests {

    private static final Logger log = LoggerFactory.getLogger(OutboxRequests.class);

    private final ReviewApi api;
    private final long staffId;
    private final Function<OutboxEntry, CompletableFuture<OutboxEntry>> keySwitch;

    /** {@code keySwitch} records (durably) that an entry now goes out under its bulk key, before it does. */
    OutboxRequests(ReviewApi api, long staffId, Function<OutboxEntry, CompletableFuture<OutboxEntry>> keySwitch) {
        this.api = api;
        this.staffId = staffId;
        this.keySwitch = keySwitch;
    }

    CompletableFuture<OutboxEntry> send(OutboxEntry e, boolean outlivedItsKey) {
        try {
            if (outlivedItsKey && e.kind() != OutboxEntry.Kind.UNDO) {
                return e.kind() == OutboxEntry.Kind.BULK ? bulkOnRecord(e)
                        : api.application(e.applicationId()).thenApply(d -> e.isOnRecord(d, staffId)
                                ? e.confirmed(resultOf(d), null) : e.needsAttention(d));
            }
            return switch (e.kind()) {
                case DECISION -> decide(e).exceptionallyCompose(error -> isStatus(error, ProblemType.PRECONDITION_FAILED)
                        ? checkRecord(e, error) : CompletableFuture.failedFuture(error));
                case UNDO -> api.undo(e.applicationId(), e.idempotencyKey()).thenApply(r -> e.confirmed(r, null));
                case BULK -> api.bulk(e.bulk()).thenApply(r -> e.confirmed(null, r));
            };
        } catch (RuntimeException error) {
            return CompletableFuture.failedFuture(error);
        }
    }

    /** Reads every application of a bulk entry that outlived its key: which of its decisions are on record. */
    private CompletableFuture<OutboxEntry> bulkOnRecord(OutboxEntry e) {
        List<CompletableFuture<BulkItemOutcome>> reads = e.bulk().items().stream()
                .map(item -> api.application(item.applicationId()).thenApply(d -> OutboxEntry.onRecord(
                        e.bulk().decision(), d, staffId) ? new BulkItemOutcome(item.applicationId(), resultOf(d), null)
                        : new BulkItemOutcome(item.applicationId(), resultOf(d), NOT_ON_RECORD)))
                .toList();
        return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<BulkItemOutcome> outcomes = reads.stream().map(CompletableFuture::join).toList();
            BulkDecisionResult read = new BulkDecisionResult(outcomes);
            boolean all = outcomes.stream().allMatch(o -> o.problem() == null);
            log.info("bulk decision {} outlived its key: {} of {} on record", e.idempotencyKey(),
                    outcomes.stream().filter(o -> o.problem() == null).count(), outcomes.size());
            return all ? e.confirmed(null, read) : e.needsAttention(read);
        });
    }

    /** The item's decision is not on record; the outcome's result carries the server's state instead. */
    private static final Problem NOT_ON_RECORD = new Problem(OutboxEntry.NOT_ON_RECORD, "Not on record", 0, null,
            null, null, null);

    private CompletableFuture<OutboxEntry> decide(OutboxEntry e) {
        if (e.retriesThroughBulk()) {
            return bulk(e, e.sentKey());
        }
        return api.decide(e.applicationId(), e.version(), e.idempotencyKey(), e.decision())
                .thenApply(r -> e.confirmed(r, null))
                .exceptionallyCompose(error -> {
                    if (!isStatus(error, ProblemType.CONFLICT)) {
                        return CompletableFuture.failedFuture(error);
                    }
                    log.info("decision {} on application {} met a conflict; retrying as a one-item bulk decision",
                            e.idempotencyKey(), e.applicationId());
                    String bulkKey = e.idempotencyKey() + OutboxEntry.BULK_SUFFIX;
                    return keySwitch.apply(e.withSentKey(bulkKey)).thenCompose(switched -> bulk(switched, bulkKey));
                });
    }

    private CompletableFuture<OutboxEntry> bulk(OutboxEntry e, String key) {
        BulkDecisionRequest request = new BulkDecisionRequest(e.decision(),
                List.of(new BulkDecisionItem(e.applicationId(), e.version(), key)));
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

    /** A 412: our own earlier success (the decision on record is ours), or a real refusal ({@code refusal}). */
    private CompletableFuture<OutboxEntry> checkRecord(OutboxEntry e, Throwable refusal) {
        return api.application(e.applicationId()).thenApply(d -> {
            if (e.isOnRecord(d, staffId)) {
                log.info("decision {} on application {}: 412, but the decision on record is this one; applied",
                        e.idempotencyKey(), e.applicationId());
                return e.confirmed(resultOf(d), null);
            }
            throw refusal instanceof CompletionException c ? c : new CompletionException(refusal);
        });
    }

    private static DecisionResult resultOf(ApplicationDetail d) {
        return new DecisionResult(d.id(), d.status(), d.version(),
                d.decision() == null ? null : d.decision().undoableUntil(), null);
    }

    private static boolean isStatus(Throwable error, ProblemType type) {
        return ApiException.find(error).filter(a -> a.is(type)).isPresent();
    }
}
