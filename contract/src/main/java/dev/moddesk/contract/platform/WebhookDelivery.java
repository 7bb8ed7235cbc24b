package dev.moddesk.contract.platform;

import java.time.Instant;

/**
 * One action's delivery to one webhook: how many attempts were made, what the last one got ({@code lastStatusCode}
 * is null when no HTTP answer came, then {@code lastError} says why), and when the next attempt is due.
 */
public record WebhookDelivery(
        long id,
        long webhookId,
        long actionId,
        String actionType,
        DeliveryStatus status,
        int attempts,
        Integer lastStatusCode,
        String lastError,
        Instant lastAttemptAt,
        Instant nextAttemptAt,
        Instant deliveredAt,
        Instant createdAt) {
    public WebhookDelivery {
        if (status == null || actionType == null || createdAt == null) {
            throw new IllegalArgumentException("status, actionType and createdAt are required");
        }
    }
}
