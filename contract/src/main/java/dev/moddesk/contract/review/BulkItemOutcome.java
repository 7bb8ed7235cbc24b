package dev.moddesk.contract.review;

import dev.moddesk.contract.Problem;

/** The outcome of one bulk item: a result, or the problem that stopped it (the others go on regardless). */
public record BulkItemOutcome(long applicationId, DecisionResult result, Problem problem) {
}
