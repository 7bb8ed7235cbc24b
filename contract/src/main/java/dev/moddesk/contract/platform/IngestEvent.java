package dev.moddesk.contract.platform;

import java.time.Instant;
import java.util.Map;

/**
 * One thing that happened on the platform, pushed to {@code POST /api/v1/platform/events}. {@code eventId} is the
 * platform's own id: sending the same id again is answered as a duplicate and applied only once.
 */
public record IngestEvent(String eventId, String type, Instant occurredAt, Map<String, Object> payload) {
    public IngestEvent {
        payload = payload == null ? Map.of() : payload;
    }
}
