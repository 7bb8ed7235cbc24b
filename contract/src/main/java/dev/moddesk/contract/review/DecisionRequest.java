package dev.moddesk.contract.review;

/**
 * {@code POST /api/v1/review/applications/{id}/decision} with headers Idempotency-Key and If-Match. REJECT needs a
 * reason code; NEEDS_INFO needs a question for the applicant; a note is optional and internal.
 */
public record DecisionRequest(DecisionKind kind, String reasonCode, String note, String question) {
}
