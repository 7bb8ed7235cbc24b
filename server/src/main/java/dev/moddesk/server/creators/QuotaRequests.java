package dev.moddesk.server.creators;

import dev.moddesk.contract.Page;
import dev.moddesk.contract.ProblemType;
import dev.moddesk.contract.creators.CreatorUsage;
import dev.moddesk.contract.creators.Limit;
import dev.moddesk.contract.creators.QuotaDecision;
import dev.moddesk.contract.creators.QuotaRequest;
import dev.moddesk.contract.creators.QuotaRequestView;
import dev.moddesk.contract.creators.SettingChange;
import dev.moddesk.server.core.ProblemException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Creators' requests for higher limits (they arrive through the ingest API): the queue, one request with the
 * creator's usage and earlier requests, and the admins' approve / approve part / deny. An approval sets the
 * creator's override to the granted amount, by the admin, with the request in the reason.
 */
final class QuotaRequests {

    private final Jdbi jdbi;
    private final QuotaRequestStore requests;
    private final CreatorStore creators;
    private final CreatorLoader loader;
    private final CreatorChanges changes;
    private final CreatorRecorder recorder;
    private final Clock clock;

    QuotaRequests(Jdbi jdbi, QuotaRequestStore requests, CreatorStore creators, CreatorLoader loader,
                  CreatorChanges changes, CreatorRecorder recorder, Clock clock) {
        this.jdbi = jdbi;
        this.requests = requests;
        this.creators = creators;
        this.loader = loader;
        this.changes = changes;
        this.recorder = recorder;
        this.clock = clock;
    }

    Page<QuotaRequestView> page(QuotaRequest.Status status, String cursor, Integer limit) {
        long after = CreatorQueries.cursor(cursor);
        int size = limit == null ? 50 : limit;
        Instant now = clock.instant();
        return jdbi.withHandle(h -> {
            List<QuotaRequest> rows = requests.page(h, status, after, size + 1);
            List<QuotaRequestView> items = rows.stream().limit(size).map(r -> view(h, r, now)).toList();
            return new Page<>(items, rows.size() > size ? Long.toString(rows.get(size - 1).id()) : null);
        });
    }

    QuotaRequestView get(long id) {
        Instant now = clock.instant();
        return jdbi.withHandle(h -> view(h, requests.request(h, id, false).orElseThrow(() -> notFound(id)), now));
    }

    private QuotaRequestView view(Handle h, QuotaRequest r, Instant now) {
        CreatorState state = loader.load(h, r.creatorId(), false);
        CreatorUsage usage = state.usage(state.effectiveAt(now).values());
        return new QuotaRequestView(r, usage, requests.ofCreator(h, r.creatorId(), r.id(), 20));
    }

    QuotaRequestView decide(CreatorActor actor, long id, int ifMatch, QuotaDecision decision) {
        Instant now = clock.instant();
        return jdbi.inTransaction(h -> {
            QuotaRequest r = requests.request(h, id, true).orElseThrow(() -> notFound(id));
            if (r.version() != ifMatch) {
                throw ProblemException.keyed(ProblemType.PRECONDITION_FAILED, "creators.requestStale", id,
                        r.version(), ifMatch).withExtension("currentVersion", r.version())
                        .withExtension("current", view(h, r, now));
            }
            if (r.status() != QuotaRequest.Status.PENDING) {
                throw ProblemException.keyed(ProblemType.CONFLICT, "creators.requestDecided", id, r.status());
            }
            Integer granted = granted(r, decision);
            QuotaRequest.Status status = switch (decision.decision()) {
                case APPROVE -> QuotaRequest.Status.APPROVED;
                case APPROVE_PART -> QuotaRequest.Status.PARTLY_APPROVED;
                case DENY -> QuotaRequest.Status.DENIED;
            };
            requests.decide(h, id, ifMatch, status, granted, blankToNull(decision.note()), actor.name(), now);
            String reason = "quota request " + r.externalId() + ": " + (blankToNull(decision.note()) != null
                    ? decision.note() : r.justification());
            recorder.recordOther(h, actor, "creator.quota_request.decide", "creator_quota_request",
                    Long.toString(id), r, requests.request(h, id, false).orElseThrow(), reason);
            if (granted != null) {
                CreatorState before = loader.load(h, r.creatorId(), true);
                Limit limit = Limit.named(r.setting()).orElseThrow();
                CreatorState after = before.with(SettingChanges.apply(before.overrides(),
                        List.of(SettingChange.limit(limit, granted)), actor.name(), shorten(reason), now));
                changes.writeOverrides(h, before, after);
                creators.bumpVersions(h, List.of(r.creatorId()), now);
                recorder.recordOne(h, actor, "creator.settings.change", shorten(reason), "quota_request",
                        new CreatorRecorder.Change(before, now, after, now));
            }
            return view(h, requests.request(h, id, false).orElseThrow(), now);
        });
    }

    private static Integer granted(QuotaRequest r, QuotaDecision d) {
        if (d.decision() == null) {
            throw ProblemException.invalid("decision", "creators.field.required");
        }
        switch (d.decision()) {
            case APPROVE -> {
                return r.requested();
            }
            case APPROVE_PART -> {
                if (d.granted() == null || d.granted() <= 0 || d.granted() >= r.requested()) {
                    throw ProblemException.invalid("granted", "creators.field.partRange", r.requested());
                }
                requireNote(d);
                return d.granted();
            }
            default -> {
                requireNote(d);
                return null;
            }
        }
    }

    private static void requireNote(QuotaDecision d) {
        if (blankToNull(d.note()) == null) {
            throw ProblemException.invalid("note", "creators.field.noteRequired");
        }
        if (d.note().length() > SettingChanges.MAX_REASON) {
            throw ProblemException.invalid("note", "creators.field.tooLong", SettingChanges.MAX_REASON);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String shorten(String s) {
        return s.length() > SettingChanges.MAX_REASON ? s.substring(0, SettingChanges.MAX_REASON) : s;
    }

    static ProblemException notFound(long id) {
        return ProblemException.keyed(ProblemType.NOT_FOUND, "creators.noRequest", id);
    }
}
