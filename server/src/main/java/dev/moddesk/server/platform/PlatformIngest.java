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
    private final Map<String, BatchIngestHandler> batchHandlers = new ConcurrentHashMap<>();
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

    /** Registers a handler that applies runs of its event types itself (see {@link BatchIngestHandler}). */
    public PlatformIngest register(BatchIngestHandler handler) {
        for (String type : handler.types()) {
            if (handlers.containsKey(type) || batchHandlers.putIfAbsent(type, handler) != null) {
                throw new IllegalStateException("event type " + type + " already has a handler");
            }
        }
        return this;
    }

    public Set<String> types() {
        Set<String> types = new TreeSet<>(handlers.keySet());
        types.addAll(batchHandlers.keySet());
        return types;
    }

    /**
     * Applies each event (JSON objects as sent) in order; one outcome per event. Consecutive events of one
     * {@link BatchIngestHandler} go to it as one run.
     */
    public IngestBatchResult ingest(long keyId, List<JsonNode> events) {
        IngestOutcome[] outcomes = new IngestOutcome[events.size()];
        BatchIngestHandler runHandler = null;
        List<IngestHandler.Event> run = new ArrayList<>();
        List<Integer> runIndexes = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            Parsed parsed = parse(events.get(i));
            if (parsed.rejected() != null) {
                outcomes[i] = parsed.rejected();
                continue;
            }
            BatchIngestHandler batch = batchHandlers.get(parsed.event().type());
            if (batch != runHandler && !run.isEmpty()) {
                applyRun(runHandler, run, runIndexes, outcomes);
            }
            if (batch != null) {
                runHandler = batch;
                run.add(parsed.event());
                runIndexes.add(i);
            } else {
                runHandler = null;
                outcomes[i] = apply(keyId, handlers.get(parsed.event().type()), parsed.event());
            }
        }
        if (!run.isEmpty()) {
            applyRun(runHandler, run, runIndexes, outcomes);
        }
        return IngestBatchResult.of(List.of(outcomes));
    }

    private static void applyRun(BatchIngestHandler handler, List<IngestHandler.Event> run, List<Integer> indexes,
                                 IngestOutcome[] outcomes) {
        List<IngestOutcome> applied;
        try {
            applied = handler.applyAll(List.copyOf(run));
        } catch (RuntimeException e) {
            LOG.error("A run of {} events could not be applied", run.size(), e);
            Problem internal = Problem.of(ProblemType.INTERNAL,
                    "The event could not be applied; nothing was changed. Send it again later.");
            applied = run.stream().map(ev -> rejected(ev.eventId(), internal)).toList();
        }
        if (applied.size() != run.size()) {
            throw new IllegalStateException(handler + " answered " + applied.size() + " outcomes for " + run.size());
        }
        for (int k = 0; k < run.size(); k++) {
            outcomes[indexes.get(k)] = applied.get(k);
        }
        run.clear();
        indexes.clear();
    }

    /** An event checked for the common fields: either the event, or its rejection. */
    private record Parsed(IngestHandler.Event event, IngestOutcome rejected) {
    }

    private Parsed parse(JsonNode node) {
        String eventId = text(node, "eventId");
        List<FieldError> errors = new ArrayList<>();
        if (node == null || !node.isObject()) {
            return new Parsed(null, rejected(null, Problem.of(ProblemType.VALIDATION, "An event must be a JSON object")));
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
            return new Parsed(null, rejected(eventId, new Problem(ProblemType.VALIDATION.uri().toString(),
                    ProblemType.VALIDATION.title(), ProblemType.VALIDATION.status(), "The event has invalid fields",
                    null, errors, Map.of())));
        }
        if (!handlers.containsKey(type) && !batchHandlers.containsKey(type)) {
            return new Parsed(null, rejected(eventId, Problem.of(ProblemType.UNKNOWN_EVENT_TYPE,
                    "No handler for event type '" + type + "'. This server accepts: " + String.join(", ", types()))));
        }
        return new Parsed(new IngestHandler.Event(eventId, type, occurredAt, payload), null);
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
