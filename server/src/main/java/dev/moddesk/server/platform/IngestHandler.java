package dev.moddesk.server.platform;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.jdbi.v3.core.Handle;

/**
 * Applies one kind of platform event. Each job feature (review, rooms, creators) registers handlers for its event
 * types with the ingest API. {@link #apply} runs inside the transaction that also records the event id, so an event is
 * applied exactly once. An invalid payload is refused with a keyed 422 {@link dev.moddesk.server.core.ProblemException}
 * naming the field, best through {@link IngestPayload}: the platform gets that problem, in its language, as the
 * event's outcome, and nothing is applied.
 */
public interface IngestHandler {

    /** The event type this handler applies, e.g. {@code application.submitted}. */
    String type();

    void apply(Handle handle, Event event);

    /**
     * Applies the event like {@link #apply}; returns null, or a note for the event's outcome when the event is
     * recorded but did not do what its type says (e.g. a withdrawal that came after the decision was published).
     */
    default IngestNote applyNoting(Handle handle, Event event) {
        apply(handle, event);
        return null;
    }

    /** An event as received, with its payload as JSON. */
    record Event(String eventId, String type, Instant occurredAt, JsonNode payload) {
    }
}
