package dev.moddesk.contract.review;

import java.time.Instant;
import java.util.List;

/**
 * Everything a moderator needs to decide one application. {@code version} is also sent as the ETag; decisions must
 * send it back in If-Match. {@code viewers} are other staff looking at it right now.
 */
public record ApplicationDetail(
        long id,
        int version,
        Circle circle,
        Applicant applicant,
        ApplicationStatus status,
        JoinMode mode,
        List<Answer> answers,
        VideoSubmission video,
        Instant submittedAt,
        int riskScore,
        List<RiskSignal> risks,
        ClaimInfo claim,
        List<String> viewers,
        DecisionInfo decision) {
    public ApplicationDetail {
        answers = answers == null ? List.of() : List.copyOf(answers);
        risks = risks == null ? List.of() : List.copyOf(risks);
        viewers = viewers == null ? List.of() : List.copyOf(viewers);
    }
}
