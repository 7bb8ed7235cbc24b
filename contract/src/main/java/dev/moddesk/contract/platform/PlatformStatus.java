package dev.moddesk.contract.platform;

import java.time.Instant;
import java.util.List;

/**
 * What an admin checks when an integration seems stuck: valid keys, what came in, what went out and how webhook
 * deliveries stand. Answer of {@code GET /api/v1/platform/status}. {@code eventsApplied} counts every event ever
 * applied (the stored event ids); {@code eventsDuplicate} and {@code eventsRejected} are not stored, so they count what
 * the answering server node has seen since {@code countedSince} (its start).
 */
public record PlatformStatus(
        long activeKeys,
        long eventsApplied,
        long users,
        long lastActionId,
        long activeWebhooks,
        long deliveriesPending,
        long deliveriesFailed,
        List<String> eventTypes,
        long eventsDuplicate,
        long eventsRejected,
        Instant countedSince) {
    public PlatformStatus {
        eventTypes = eventTypes == null ? List.of() : List.copyOf(eventTypes);
    }
}
