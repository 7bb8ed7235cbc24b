package dev.moddesk.contract.review;

import java.time.Instant;
import java.util.List;

/** Queue health for the header: depth, oldest waiting, throughput per moderator, median time to decision. */
public record QueueHealth(
        int depth,
        Instant oldestSubmittedAt,
        List<Count> byCity,
        List<Count> byCircle,
        List<ModeratorRate> decisionsLastHour,
        Long medianSecondsToDecision) {

    public QueueHealth {
        byCity = byCity == null ? List.of() : List.copyOf(byCity);
        byCircle = byCircle == null ? List.of() : List.copyOf(byCircle);
        decisionsLastHour = decisionsLastHour == null ? List.of() : List.copyOf(decisionsLastHour);
    }

    public record Count(String key, String label, int pending) {
    }

    public record ModeratorRate(long staffId, String staffName, int decisions) {
    }
}
