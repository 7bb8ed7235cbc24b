package dev.moddesk.contract.review;

/** One item of a bulk decision; each carries its own idempotency key and the version the moderator saw. */
public record BulkDecisionItem(long applicationId, int version, String idempotencyKey) {
}
