package dev.moddesk.contract.creators;

import java.time.Instant;
import java.util.List;

/** One change of a creator from the audit log, as the values that differ ({@code actor} "system" for a lapse). */
public record HistoryEntry(long auditId, Instant at, String actor, String action, String reason, List<ValueDiff> diffs) {
    public HistoryEntry {
        diffs = diffs == null ? List.of() : List.copyOf(diffs);
    }
}
