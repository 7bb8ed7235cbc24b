package dev.moddesk.server.review;

import dev.moddesk.contract.ProblemType;
import dev.moddesk.contract.review.ApplicationStatus;
import dev.moddesk.contract.review.DecisionKind;
import dev.moddesk.contract.review.DecisionRequest;
import java.time.Instant;
import java.util.Map;

/**
 * The rules a decision must pass, in one place for both decision paths: the locking path checks the row it locked
 * and read, the one-statement path (PostgreSQL) checks the row as this node remembers claiming it, and a rule
 * changed here changes both.
 */
final class DecisionRules {

    private DecisionRules() {
    }

    /** The request on its own: a kind, a reason for a rejection, a question for more information, bounded texts. */
    static void validate(DecisionRequest r) {
        if (r == null || r.kind() == null) {
            throw ReviewFailure.of(ProblemType.VALIDATION, "review.needsKind");
        }
        if (r.kind() == DecisionKind.REJECT && (r.reasonCode() == null || r.reasonCode().isBlank())) {
            throw ReviewFailure.of(ProblemType.VALIDATION, "review.rejectNeedsReason");
        }
        if (r.kind() == DecisionKind.NEEDS_INFO && (r.question() == null || r.question().isBlank())) {
            throw ReviewFailure.of(ProblemType.VALIDATION, "review.needsInfoNeedsQuestion");
        }
        if (r.note() != null && r.note().length() > 2000 || r.question() != null && r.question().length() > 2000) {
            throw ReviewFailure.of(ProblemType.VALIDATION, "review.textTooLong");
        }
    }

    /** Every write that is idempotent needs a key of at most 200 characters. */
    static void requireKey(String key) {
        if (key == null || key.isBlank()) {
            throw ReviewFailure.of(ProblemType.BAD_REQUEST, "review.needsKey");
        }
        if (key.length() > 200) {
            throw ReviewFailure.of(ProblemType.BAD_REQUEST, "review.keyTooLong", 200);
        }
    }

    /**
     * Whether {@code actor} may decide application {@code id}, seen as {@code row} (null: it does not exist), at
     * {@code version} with {@code request} and its reason code {@code reason} (null: none or unknown), at {@code now}.
     * Throws the refusal; otherwise answers whether the decision must claim the row first (it was free and
     * {@code claimIfFree} allows that, as bulk decisions do).
     */
    static boolean check(ReviewActor actor, long id, ApplicationRow row, int version, DecisionRequest request,
                         ReasonCodeStore.ReasonRow reason, boolean claimIfFree, Instant now) {
        if (row == null) {
            throw ReviewFailure.of(ProblemType.NOT_FOUND, "review.noApplication", id);
        }
        if (!actor.mayReview(row.city())) {
            throw ReviewFailure.outOfScope(row.city());
        }
        if (row.claimedByOther(actor.staffId(), now)) {
            throw ReviewFailure.claimedByOther(row);
        }
        if (row.version() != version) {
            throw ReviewFailure.of(ProblemType.PRECONDITION_FAILED, Map.of("currentVersion", row.version()),
                    "review.staleVersion", id, row.version(), version);
        }
        if (row.status() != ApplicationStatus.PENDING) {
            throw ReviewFailure.of(ProblemType.CONFLICT, "review.alreadyDecided", id, row.status());
        }
        boolean claim = !row.claimedAt(now);
        if (claim && !claimIfFree) {
            throw ReviewFailure.of(ProblemType.CONFLICT,
                    row.claimedBy() != null ? "review.claimExpired" : "review.claimFirst", id);
        }
        if (request.reasonCode() != null && (reason == null || !reason.active()
                || reason.circleId() != null && reason.circleId() != row.circleId())) {
            throw ReviewFailure.of(ProblemType.VALIDATION, "review.unknownReason", request.reasonCode());
        }
        return claim;
    }
}
