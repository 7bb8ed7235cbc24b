package dev.moddesk.server.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import dev.moddesk.server.platform.IngestHandler;
import org.jdbi.v3.core.Handle;

/**
 * {@code user.erased} {userId, reason?}: the platform deleted the person, so ModDesk erases them too, in the ingest
 * transaction (exactly once per event id, like every event). The audit entry is by {@code platform}.
 */
final class UserErasedHandler implements IngestHandler {

    static final String TYPE = "user.erased";

    private final Erasure erasure;

    UserErasedHandler(Erasure erasure) {
        this.erasure = erasure;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void apply(Handle handle, Event event) {
        JsonNode userId = event.payload().get("userId");
        if (userId == null || !userId.isTextual() || userId.asText().isBlank()) {
            throw new IllegalArgumentException("payload.userId is required");
        }
        if (userId.asText().length() > LifecycleFeature.MAX_USER_ID) {
            throw new IllegalArgumentException("payload.userId must be at most " + LifecycleFeature.MAX_USER_ID
                    + " characters");
        }
        JsonNode reason = event.payload().get("reason");
        erasure.erase(handle, userId.asText(), new Erasure.Actor(null, "platform", null),
                reason != null && reason.isTextual() ? reason.asText() : "user.erased " + event.eventId());
    }
}
