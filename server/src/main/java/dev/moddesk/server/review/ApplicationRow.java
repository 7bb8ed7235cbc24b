package dev.moddesk.server.review;

import dev.moddesk.contract.review.ApplicationStatus;
import dev.moddesk.contract.review.DecisionKind;
import dev.moddesk.contract.review.JoinMode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** One application row joined with its circle's identity, as the repository reads it. */
record ApplicationRow(
        long id,
        String externalId,
        long circleId,
        String circleExternalId,
        String circleName,
        String city,
        String applicantId,
        String applicantNickname,
        String applicantCity,
        Instant applicantCreatedAt,
        String applicantLocale,
        JoinMode mode,
        String answersJson,
        String videoMediaKey,
        String videoPosterKey,
        Integer videoDuration,
        String videoCaption,
        int riskScore,
        String riskJson,
        String riskCodes,
        ApplicationStatus status,
        int version,
        Instant submittedAt,
        Long claimedBy,
        String claimedByName,
        Instant claimExpiresAt,
        DecisionKind decisionKind,
        String decisionReason,
        String decisionNote,
        String decisionQuestion,
        String decisionMessage,
        Integer decisionCooldown,
        Long decidedBy,
        String decidedByName,
        Instant decidedAt,
        Instant undoableUntil,
        boolean publishPending) {

    /** This row as {@code staffId} holds it until {@code until} (what a successful claim writes). */
    ApplicationRow claimedBy(long staffId, String staffName, Instant until) {
        return new ApplicationRow(id, externalId, circleId, circleExternalId, circleName, city, applicantId,
                applicantNickname, applicantCity, applicantCreatedAt, applicantLocale, mode, answersJson, videoMediaKey,
                videoPosterKey, videoDuration, videoCaption, riskScore, riskJson, riskCodes, status, version, submittedAt,
                staffId, staffName, until, decisionKind, decisionReason, decisionNote, decisionQuestion, decisionMessage,
                decisionCooldown, decidedBy, decidedByName, decidedAt, undoableUntil, publishPending);
    }

    /** This row after {@code d} was written (what {@link DecisionStore#decideAll} changes), so it need not be read back. */
    ApplicationRow decided(DecisionStore.DecisionWrite d) {
        return new ApplicationRow(id, externalId, circleId, circleExternalId, circleName, city, applicantId,
                applicantNickname, applicantCity, applicantCreatedAt, applicantLocale, mode, answersJson, videoMediaKey,
                videoPosterKey, videoDuration, videoCaption, riskScore, riskJson, riskCodes, d.status(), version + 1,
                submittedAt, claimedBy, claimedByName, claimExpiresAt, d.kind(), d.reasonCode(), d.note(), d.question(),
                d.message(), d.cooldownDays(), d.staffId(), d.staffName(), d.decidedAt(), d.undoableUntil(), true);
    }

    /** Whether someone holds a lease on it at {@code now}. */
    boolean claimedAt(Instant now) {
        return claimedBy != null && claimExpiresAt != null && claimExpiresAt.isAfter(now);
    }

    boolean claimedByOther(long staffId, Instant now) {
        return claimedAt(now) && claimedBy != staffId;
    }

    /** The state the audit log records before and after a change. */
    Map<String, Object> auditState() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", status.name());
        m.put("version", version);
        if (claimedBy != null) {
            m.put("claimedBy", claimedByName);
            m.put("claimExpiresAt", String.valueOf(claimExpiresAt));
        }
        if (decisionKind != null) {
            m.put("decision", decisionKind.name());
            if (decisionReason != null) {
                m.put("reasonCode", decisionReason);
            }
            if (decisionNote != null) {
                m.put("note", decisionNote);
            }
            if (decisionQuestion != null) {
                m.put("question", decisionQuestion);
            }
            m.put("decidedBy", decidedByName);
        }
        return m;
    }
}
