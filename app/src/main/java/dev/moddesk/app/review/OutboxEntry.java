package dev.moddesk.app.review;

import dev.moddesk.contract.review.ApplicationDetail;
import dev.moddesk.contract.review.ApplicationStatus;
import dev.moddesk.contract.review.BulkDecisionItem;
import dev.moddesk.contract.review.BulkDecisionRequest;
import dev.moddesk.contract.review.BulkDecisionResult;
import dev.moddesk.contract.review.DecisionInfo;
import dev.moddesk.contract.review.DecisionRequest;
import dev.moddesk.contract.review.DecisionResult;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One decision (or undo, or bulk decision) in the local outbox, as stored on disk. {@code version} is the
 * application version the moderator saw (sent as If-Match); {@code undoOf} is the idempotency key of the decision an
 * UNDO reverses. {@code failureType}/{@code failureDetail} say why a FAILED entry was refused. {@code sentKey} is the
 * idempotency key that went out last (null: never sent; a decision retried as a one-item bulk decision goes on with
 * {@code key + ":bulk"}). {@code remoteStatus}/{@code remoteDecision} are the server's state of the application when
 * an entry NEEDS_ATTENTION.
 */
public record OutboxEntry(
        long sequence,
        Kind kind,
        String idempotencyKey,
        long applicationId,
        int version,
        DecisionRequest decision,
        BulkDecisionRequest bulk,
        String undoOf,
        Instant createdAt,
        SyncState state,
        int attempts,
        String failureType,
        String failureDetail,
        DecisionResult result,
        BulkDecisionResult bulkResult,
        String sentKey,
        ApplicationStatus remoteStatus,
        DecisionInfo remoteDecision) {

    public enum Kind { DECISION, UNDO, BULK }

    /**
     * SAVING: made, not yet on disk (memory only; it does not count as made until it is PENDING_SYNC). PENDING_SYNC
     * until the server confirms; CANCELLED = undone locally before it was ever sent; NEEDS_ATTENTION = it waited
     * longer than the server keeps idempotency keys, so it is not sent blindly: the moderator sees the server's state.
     */
    public enum SyncState { SAVING, PENDING_SYNC, CONFIRMED, FAILED, CANCELLED, NEEDS_ATTENTION }

    /** The suffix of the key a decision is retried with as a one-item bulk decision. */
    static final String BULK_SUFFIX = ":bulk";

    public OutboxEntry {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(state, "state");
        if (kind == Kind.DECISION && decision == null) {
            throw new IllegalArgumentException("a DECISION entry needs its decision");
        }
        if (kind == Kind.BULK && bulk == null) {
            throw new IllegalArgumentException("a BULK entry needs its request");
        }
        if (kind == Kind.UNDO && undoOf == null) {
            throw new IllegalArgumentException("an UNDO entry names the decision it reverses");
        }
    }

    /** A new entry, not on disk yet. */
    static OutboxEntry saving(long sequence, Kind kind, String key, long applicationId, int version,
                              DecisionRequest decision, BulkDecisionRequest bulk, String undoOf, Instant createdAt) {
        return new OutboxEntry(sequence, kind, key, applicationId, version, decision, bulk, undoOf, createdAt,
                SyncState.SAVING, 0, null, null, null, null, null, null, null);
    }

    /** The applications this entry acts on (a bulk entry: every item's). */
    public List<Long> applicationIds() {
        return kind == Kind.BULK ? bulk.items().stream().map(BulkDecisionItem::applicationId).toList()
                : List.of(applicationId);
    }

    /** True until the server has answered it one way or the other (or it was cancelled). */
    public boolean unsettled() {
        return state == SyncState.SAVING || state == SyncState.PENDING_SYNC;
    }

    /** True once a request with this entry may have reached the server. */
    public boolean everSent() {
        return sentKey != null;
    }

    boolean retriesThroughBulk() {
        return kind == Kind.DECISION && sentKey != null && sentKey.endsWith(BULK_SUFFIX);
    }

    private OutboxEntry with(SyncState s, int tries, String type, String detail, DecisionResult decided,
                             BulkDecisionResult bulkDecided, String sent, ApplicationStatus remote,
                             DecisionInfo remoteInfo) {
        return new OutboxEntry(sequence, kind, idempotencyKey, applicationId, version, decision, bulk, undoOf,
                createdAt, s, tries, type, detail, decided, bulkDecided, sent, remote, remoteInfo);
    }

    /** As written to disk: PENDING_SYNC. */
    OutboxEntry stored() {
        return with(SyncState.PENDING_SYNC, attempts, failureType, failureDetail, result, bulkResult, sentKey,
                null, null);
    }

    /** One more attempt, going out under {@code key}. */
    OutboxEntry withAttempt(String key) {
        return with(state, attempts + 1, failureType, failureDetail, result, bulkResult, key, remoteStatus,
                remoteDecision);
    }

    OutboxEntry withSentKey(String key) {
        return with(state, attempts, failureType, failureDetail, result, bulkResult, key, remoteStatus,
                remoteDecision);
    }

    OutboxEntry confirmed(DecisionResult decided, BulkDecisionResult bulkDecided) {
        return with(SyncState.CONFIRMED, attempts, null, null, decided, bulkDecided, sentKey, null, null);
    }

    OutboxEntry failed(String type, String detail) {
        return with(SyncState.FAILED, attempts, type, detail, result, bulkResult, sentKey, remoteStatus,
                remoteDecision);
    }

    OutboxEntry cancelled() {
        return with(SyncState.CANCELLED, attempts, null, null, null, null, sentKey, null, null);
    }

    /**
     * A bulk entry too old to send blindly, after reading each of its applications: {@code read} has an outcome per
     * item, a result where the decision is on record, a {@link #NOT_ON_RECORD} problem (with the server's state as
     * the result) where it is not.
     */
    OutboxEntry needsAttention(BulkDecisionResult read) {
        return with(SyncState.NEEDS_ATTENTION, attempts, "needs-attention", null, null, read, sentKey, null, null);
    }

    /** The problem type of a bulk item that waited too long and is not on record on the server. */
    public static final String NOT_ON_RECORD = "needs-attention";

    /** Too old to send blindly; {@code server} is the application as the server has it now (null: not read). */
    OutboxEntry needsAttention(ApplicationDetail server) {
        return with(SyncState.NEEDS_ATTENTION, attempts, "needs-attention", null, null, null, sentKey,
                server == null ? null : server.status(), server == null ? null : server.decision());
    }

    /**
     * True when {@code server} shows this decision on record: decided the way it says, by {@code staffId} (0: not
     * known, then kind and reason must match). A 412 that was this entry's own earlier success is recognised so.
     */
    boolean isOnRecord(ApplicationDetail server, long staffId) {
        return kind == Kind.DECISION && onRecord(decision, server, staffId);
    }

    /** True when {@code server} shows {@code decision} on record, made by {@code staffId} (0: anyone). */
    static boolean onRecord(DecisionRequest decision, ApplicationDetail server, long staffId) {
        if (server == null || server.status() == ApplicationStatus.PENDING) {
            return false;
        }
        DecisionInfo d = server.decision();
        return d != null && d.kind() == decision.kind() && Objects.equals(d.reasonCode(), decision.reasonCode())
                && (staffId <= 0 || d.decidedById() == staffId);
    }
}
