package dev.moddesk.server.platform;

import dev.moddesk.server.core.FieldProblem;
import dev.moddesk.server.core.ProblemException;
import dev.moddesk.server.core.Sql;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
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
import java.util.Locale;
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
        return ingest(keyId, events, Locale.ENGLISH);
    }

    /**
     * Like {@link #ingest(long, List)}, with each outcome's problem and note written in {@code locale} (the language
     * the platform asked for with {@code Accept-Language}).
     */
    public IngestBatchResult ingest(long keyId, List<JsonNode> events, Locale locale) {
        IngestOutcome[] outcomes = new IngestOutcome[events.size()];
        BatchIngestHandler runHandler = null;
        List<IngestHandler.Event> run = new ArrayList<>();
        List<Integer> runIndexes = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            Parsed parsed = parse(events.get(i), locale);
            if (parsed.rejected() != null) {
                outcomes[i] = parsed.rejected();
                continue;
            }
            BatchIngestHandler batch = batchHandlers.get(parsed.event().type());
            if (batch != runHandler && !run.isEmpty()) {
                applyRun(runHandler, run, runIndexes, outcomes, locale);
            }
            if (batch != null) {
                runHandler = batch;
                run.add(parsed.event());
                runIndexes.add(i);
            } else {
                runHandler = null;
                outcomes[i] = apply(keyId, handlers.get(parsed.event().type()), parsed.event(), locale);
            }
        }
        if (!run.isEmpty()) {
            applyRun(runHandler, run, runIndexes, outcomes, locale);
        }
        return IngestBatchResult.of(List.of(outcomes));
    }

    private static void applyRun(BatchIngestHandler handler, List<IngestHandler.Event> run, List<Integer> indexes,
                                 IngestOutcome[] outcomes, Locale locale) {
        List<IngestOutcome> applied;
        try {
            applied = handler.applyAll(List.copyOf(run), locale);
        } catch (RuntimeException e) {
            LOG.error("A run of {} events could not be applied", run.size(), e);
            Problem internal = notApplied(locale);
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

    private Parsed parse(JsonNode node, Locale locale) {
        if (node == null || !node.isObject()) {
            return new Parsed(null, rejected(null, ProblemException.keyed(ProblemType.VALIDATION,
                    "ingest.event.object"), locale));
        }
        String eventId = text(node, "eventId");
        List<FieldProblem> errors = new ArrayList<>();
        if (eventId == null || eventId.isBlank() || eventId.length() > MAX_EVENT_ID_LENGTH) {
            errors.add(FieldProblem.of("eventId", "ingest.field.requiredLength", MAX_EVENT_ID_LENGTH));
        }
        String type = text(node, "type");
        if (type == null || type.isBlank() || type.length() > MAX_TYPE_LENGTH) {
            errors.add(FieldProblem.of("type", "ingest.field.requiredLength", MAX_TYPE_LENGTH));
        }
        Instant occurredAt = null;
        String occurred = text(node, "occurredAt");
        if (occurred == null) {
            errors.add(FieldProblem.of("occurredAt", "ingest.field.requiredInstant"));
        } else {
            try {
                occurredAt = Instant.parse(occurred);
            } catch (DateTimeParseException e) {
                errors.add(FieldProblem.of("occurredAt", "ingest.field.instant"));
            }
        }
        JsonNode payload = node.get("payload");
        if (payload == null || payload.isNull()) {
            payload = JsonNodeFactory.instance.objectNode();
        } else if (!payload.isObject()) {
            errors.add(FieldProblem.of("payload", "core.field.object"));
        }
        if (!errors.isEmpty()) {
            return new Parsed(null, rejected(eventId, ProblemException.invalid(errors), locale));
        }
        if (!handlers.containsKey(type) && !batchHandlers.containsKey(type)) {
            return new Parsed(null, rejected(eventId, ProblemException.keyed(ProblemType.UNKNOWN_EVENT_TYPE,
                    "ingest.unknownType", type, String.join(", ", types())), locale));
        }
        return new Parsed(new IngestHandler.Event(eventId, type, occurredAt, payload), null);
    }

    private IngestOutcome apply(long keyId, IngestHandler handler, IngestHandler.Event event, Locale locale) {
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
                    IngestNote note = handler.applyNoting(handle, event);
                    return new IngestOutcome(event.eventId(), IngestStatus.APPLIED, null,
                            note == null ? null : note.text(locale));
                });
            } catch (AlreadyApplied e) {
                return new IngestOutcome(event.eventId(), IngestStatus.DUPLICATE, null);
            } catch (ProblemException refused) {
                return rejected(event.eventId(), refused, locale);
            } catch (RuntimeException e) {
                if (attempt < ATTEMPTS && SqlFailures.isTransient(e)) {
                    LOG.debug("Event {} lost a race (attempt {}), trying again", event.eventId(), attempt, e);
                    continue;
                }
                LOG.error("Event {} of type {} could not be applied", event.eventId(), event.type(), e);
                return rejected(event.eventId(), notApplied(locale));
            }
        }
    }

    private static IngestOutcome rejected(String eventId, Problem problem) {
        return new IngestOutcome(eventId, IngestStatus.REJECTED, problem);
    }

    /** The event's outcome for a refusal, its texts in {@code locale}. */
    public static IngestOutcome rejected(String eventId, ProblemException refused, Locale locale) {
        return rejected(eventId, refused.toProblem(null, locale));
    }

    /** The problem of an event that failed for a reason of ModDesk's own: nothing was changed, send it again. */
    public static Problem notApplied(Locale locale) {
        return ProblemException.keyed(ProblemType.INTERNAL, "ingest.notApplied").toProblem(null, locale);
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
