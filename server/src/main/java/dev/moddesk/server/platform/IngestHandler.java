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

    /** What a handler made with {@link #of} does with one event. */
    @FunctionalInterface
    interface Apply {
        void apply(Handle handle, Event event);
    }

    /** What a handler made with {@link #noting} does with one event: null, or the note for its outcome. */
    @FunctionalInterface
    interface ApplyNoting {
        IngestNote apply(Handle handle, Event event);
    }

    /** The handler of {@code type} that runs {@code apply}. */
    static IngestHandler of(String type, Apply apply) {
        return noting(type, (handle, event) -> {
            apply.apply(handle, event);
            return null;
        });
    }

    /** The handler of {@code type} that runs {@code apply} and passes on its note (see {@link #applyNoting}). */
    static IngestHandler noting(String type, ApplyNoting apply) {
        return new IngestHandler() {
            @Override
            public String type() {
                return type;
            }

            @Override
            public void apply(Handle handle, Event event) {
                applyNoting(handle, event);
            }

            @Override
            public IngestNote applyNoting(Handle handle, Event event) {
                return apply.apply(handle, event);
            }

            @Override
            public String toString() {
                return "ingest handler of " + type;
            }
        };
    }

    /** An event as received, with its payload as JSON. */
    record Event(String eventId, String type, Instant occurredAt, JsonNode payload) {
    }
}
