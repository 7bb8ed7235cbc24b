package dev.moddesk.contract.platform;

import java.time.Instant;
import java.util.Map;

/**
 * One decision staff made that the platform must carry out (approve an applicant, mute a user, close a room …).
 * {@code id} increases monotonically: it is the cursor of the pull feed and the dedup key for webhook receivers.
 */
public record FeedAction(long id, String type, String targetType, String targetId, Map<String, Object> payload, Instant createdAt) {
    public FeedAction {
        payload = payload == null ? Map.of() : payload;
    }
}
