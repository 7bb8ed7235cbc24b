package dev.moddesk.contract.review;

import java.time.Instant;
import java.util.List;

/**
 * One row of the review queue. {@code mode} is what the applicant submitted: QUESTIONS or VIDEO. {@code version} is
 * the application's version (its ETag), so a bulk decision can be sent from the queue alone, also while offline.
 */
public record ApplicationSummary(
        long id,
        long circleId,
        String circleName,
        String city,
        JoinMode mode,
        String applicantId,
        String applicantNickname,
        Instant submittedAt,
        int riskScore,
        List<String> riskCodes,
        ClaimInfo claim,
        int version) {
    public ApplicationSummary {
        riskCodes = riskCodes == null ? List.of() : List.copyOf(riskCodes);
    }
}
