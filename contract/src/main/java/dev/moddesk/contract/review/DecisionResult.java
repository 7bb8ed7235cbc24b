package dev.moddesk.contract.review;

import java.time.Instant;

/** What a decision (or its undo) did; {@code applicantMessage} is the text the platform shows the applicant. */
public record DecisionResult(
        long applicationId,
        ApplicationStatus status,
        int version,
        Instant undoableUntil,
        String applicantMessage) {
}
