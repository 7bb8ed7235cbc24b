package dev.moddesk.contract.platform;

import java.util.List;

/**
 * What an admin checks when an integration seems stuck: valid keys, what came in, what went out and how webhook
 * deliveries stand. Answer of {@code GET /api/v1/platform/status}.
 */
public record PlatformStatus(
        long activeKeys,
        long eventsApplied,
        long users,
        long lastActionId,
        long activeWebhooks,
        long deliveriesPending,
        long deliveriesFailed,
        List<String> eventTypes) {
    public PlatformStatus {
        eventTypes = eventTypes == null ? List.of() : List.copyOf(eventTypes);
    }
}
