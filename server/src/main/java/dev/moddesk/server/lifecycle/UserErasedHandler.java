package dev.moddesk.server.lifecycle;

import dev.moddesk.server.platform.IngestPayload;
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
        IngestPayload p = IngestPayload.of(event.payload());
        String userId = p.string("userId", LifecycleFeature.MAX_USER_ID);
        if (userId.isBlank()) {
            throw p.refuse("userId", "ingest.field.required");
        }
        String reason = p.optionalStripped("reason", 2000);
        erasure.erase(handle, userId, new Erasure.Actor(null, "platform", null),
                reason != null ? reason : "user.erased " + event.eventId(), java.util.Locale.ENGLISH);
    }
}
