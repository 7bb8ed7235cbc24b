package dev.moddesk.app.review;

import dev.moddesk.contract.review.BulkDecisionRequest;
import dev.moddesk.contract.review.BulkDecisionResult;
import dev.moddesk.contract.review.DecisionRequest;
import dev.moddesk.contract.review.DecisionResult;
import java.time.Instant;
import java.util.Objects;

/**
 * One decision (or undo, or bulk decision) in the local outbox, as stored on disk. {@code version} is the
 * application version the moderator saw (sent as If-Match); {@code undoOf} is the idempotency key of the decision an
 * UNDO reverses. {@code failureType}/{@code failureDetail} say why a FAILED entry was refused.
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
        BulkDecisionResult bulkResult) {

    public enum Kind { DECISION, UNDO, BULK }

    /** PENDING_SYNC until the server confirms; CANCELLED = undone locally before it was ever sent. */
    public enum SyncState { PENDING_SYNC, CONFIRMED, FAILED, CANCELLED }

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

    OutboxEntry withAttempt() {
        return new OutboxEntry(sequence, kind, idempotencyKey, applicationId, version, decision, bulk, undoOf,
                createdAt, state, attempts + 1, failureType, failureDetail, result, bulkResult);
    }

    OutboxEntry confirmed(DecisionResult decided, BulkDecisionResult bulkDecided) {
        return new OutboxEntry(sequence, kind, idempotencyKey, applicationId, version, decision, bulk, undoOf,
                createdAt, SyncState.CONFIRMED, attempts, null, null, decided, bulkDecided);
    }

    OutboxEntry failed(String type, String detail) {
        return new OutboxEntry(sequence, kind, idempotencyKey, applicationId, version, decision, bulk, undoOf,
                createdAt, SyncState.FAILED, attempts, type, detail, result, bulkResult);
    }

    OutboxEntry cancelled() {
        return new OutboxEntry(sequence, kind, idempotencyKey, applicationId, version, decision, bulk, undoOf,
                createdAt, SyncState.CANCELLED, attempts, null, null, null, null);
    }
}
