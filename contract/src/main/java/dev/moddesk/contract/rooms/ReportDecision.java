package dev.moddesk.contract.rooms;

import java.time.Instant;

/**
 * How the open reports of one target were settled: RESOLVED by a room action ({@code actionId}, {@code action}) or
 * DISMISSED with {@code reason}. {@code reports} how many it settled; {@code reporterOutcome} what the platform tells
 * the reporters (ACTION_TAKEN or NO_VIOLATION_FOUND); {@code feedId} its {@code report.resolved} feed action.
 */
public record ReportDecision(long decisionId, String roomId, ReportTarget targetKind, String targetId,
                             String outcome, String actionId, String action, ReportDismissReason reason, String note,
                             int reports, String reporterOutcome, String staffName, Instant decidedAt, long feedId) {
}
