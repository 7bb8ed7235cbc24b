package dev.moddesk.server.platform;

import dev.moddesk.server.core.Sql;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.moddesk.contract.FieldError;
import dev.moddesk.contract.Problem;
import dev.moddesk.contract.ProblemType;
import dev.moddesk.contract.platform.IngestBatchResult;
import dev.moddesk.contract.platform.IngestOutcome;
import dev.moddesk.contract.platform.IngestStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies batches of platform events, each exactly once. Every event runs in its own transaction that first records
 * its event id (primary key) and then lets the handler for its type apply it: a replay, sequential or concurrent, hits
 * the primary key and is answered DUPLICATE without touching anything; a rejected event records nothing, so the
 * platform may fix and resend it under the same id.
 */
public final class PlatformIngest {

    private static final Logger LOG = LoggerFactory.getLogger(PlatformIngest.class);
    static final int MAX_EVENT_ID_LENGTH = 200;
    static final int MAX_TYPE_LENGTH = 100;
    private static final int ATTEMPTS = 3;

    private final Jdbi jdbi;
    private final Clock clock;
    private final Map<String, IngestHandler> handlers = new ConcurrentHashMap<>();
    private final PlatformStore store = new PlatformStore();

    public PlatformIngest(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** Registers the handler of one event type; each type has exactly one handler. */
    public PlatformIngest register(IngestHandler handler) {
        IngestHandler previous = handlers.putIfAbsent(handler.type(), handler);
        if (previous != null) {
            throw new IllegalStateException("event type " + handler.type() + " already has a handler: " + previous);
        }
        return this;
    }

    public Set<String> types() {
        return new TreeSet<>(handlers.keySet());
    }

    /** Applies each event (JSON objects as sent) in order; one outcome per event. */
    public IngestBatchResult ingest(long keyId, List<JsonNode> events) {
        List<IngestOutcome> outcomes = new ArrayList<>(events.size());
        for (JsonNode event : events) {
            outcomes.add(ingestOne(keyId, event));
        }
        return IngestBatchResult.of(outcomes);
    }

    private IngestOutcome ingestOne(long keyId, JsonNode node) {
        String eventId = text(node, "eventId");
        List<FieldError> errors = new ArrayList<>();
        if (node == null || !node.isObject()) {
            return rejected(null, Problem.of(ProblemType.VALIDATION, "An event must be a JSON object"));
        }
        if (eventId == null || eventId.isBlank() || eventId.length() > MAX_EVENT_ID_LENGTH) {
            errors.add(new FieldError("eventId", "required, 1 to " + MAX_EVENT_ID_LENGTH + " characters"));
        }
        String type = text(node, "type");
        if (type == null || type.isBlank() || type.length() > MAX_TYPE_LENGTH) {
            errors.add(new FieldError("type", "required, 1 to " + MAX_TYPE_LENGTH + " characters"));
        }
        Instant occurredAt = null;
        String occurred = text(node, "occurredAt");
        if (occurred == null) {
            errors.add(new FieldError("occurredAt", "required, an ISO-8601 instant such as 2026-11-24T08:00:00Z"));
        } else {
            try {
                occurredAt = Instant.parse(occurred);
            } catch (DateTimeParseException e) {
                errors.add(new FieldError("occurredAt", "not an ISO-8601 instant such as 2026-11-24T08:00:00Z"));
            }
        }
        JsonNode payload = node.get("payload");
        if (payload == null || payload.isNull()) {
            payload = JsonNodeFactory.instance.objectNode();
        } else if (!payload.isObject()) {
            errors.add(new FieldError("payload", "must be a JSON object"));
        }
        if (!errors.isEmpty()) {
            return rejected(eventId, new Problem(ProblemType.VALIDATION.uri().toString(), ProblemType.VALIDATION.title(),
                    ProblemType.VALIDATION.status(), "The event has invalid fields", null, errors, Map.of()));
        }
        IngestHandler handler = handlers.get(type);
        if (handler == null) {
            return rejected(eventId, Problem.of(ProblemType.UNKNOWN_EVENT_TYPE,
                    "No handler for event type '" + type + "'. This server accepts: " + String.join(", ", types())));
        }
        return apply(keyId, handler, new IngestHandler.Event(eventId, type, occurredAt, payload));
    }

    private IngestOutcome apply(long keyId, IngestHandler handler, IngestHandler.Event event) {
        for (int attempt = 1; ; attempt++) {
            try {
                return jdbi.inTransaction(handle -> {
                    try {
                        store.recordEvent(handle, event.eventId(), event.type(), keyId, event.occurredAt(),
                                clock.instant());
                    } catch (RuntimeException e) {
                        if (Sql.isUniqueViolation(e)) {
                            throw new AlreadyApplied(e);
                        }
                        throw e;
                    }
                    String note = handler.applyNoting(handle, event);
                    return new IngestOutcome(event.eventId(), IngestStatus.APPLIED, null, note);
                });
            } catch (AlreadyApplied e) {
                return new IngestOutcome(event.eventId(), IngestStatus.DUPLICATE, null);
            } catch (IllegalArgumentException e) {
                return rejected(event.eventId(), Problem.of(ProblemType.VALIDATION, e.getMessage()));
            } catch (RuntimeException e) {
                if (attempt < ATTEMPTS && SqlFailures.isTransient(e)) {
                    LOG.debug("Event {} lost a race (attempt {}), trying again", event.eventId(), attempt, e);
                    continue;
                }
                LOG.error("Event {} of type {} could not be applied", event.eventId(), event.type(), e);
                return rejected(event.eventId(), Problem.of(ProblemType.INTERNAL,
                        "The event could not be applied; nothing was changed. Send it again later."));
            }
        }
    }

    private static IngestOutcome rejected(String eventId, Problem problem) {
        return new IngestOutcome(eventId, IngestStatus.REJECTED, problem);
    }

    private static String text(JsonNode node, String field) {
        if (node == null) {
            return null;
        }
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    /** The event id is recorded already: this event was applied before. */
    private static final class AlreadyApplied extends RuntimeException {
        AlreadyApplied(Throwable cause) {
            super(cause);
        }
    }
}
