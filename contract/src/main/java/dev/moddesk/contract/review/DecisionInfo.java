package dev.moddesk.contract.review;

import java.time.Instant;

/** The decision on an application; {@code undoableUntil} is null once the undo window has passed. */
public record DecisionInfo(
        DecisionKind kind,
        String reasonCode,
        String note,
        long decidedById,
        String decidedBy,
        Instant decidedAt,
        Instant undoableUntil) {
}
