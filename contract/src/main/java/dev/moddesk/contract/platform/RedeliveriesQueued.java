package dev.moddesk.contract.platform;

/**
 * Answer to {@code POST /api/v1/platform/webhooks/{id}/deliveries/redeliver-failed}: how many FAILED deliveries of
 * that endpoint were queued again (0 when none had failed).
 */
public record RedeliveriesQueued(int count) {
    public RedeliveriesQueued {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative");
        }
    }
}
