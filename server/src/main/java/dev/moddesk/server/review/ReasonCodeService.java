package dev.moddesk.server.review;

import dev.moddesk.server.core.ProblemException;
import dev.moddesk.contract.ProblemType;
import dev.moddesk.contract.Role;
import dev.moddesk.contract.review.ReasonCode;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Reason codes: listing them, the admins' create, update and deactivate, and a short-lived cache for decisions. */
public final class ReasonCodeService {

    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{1,63}");

    private final Jdbi jdbi;
    private final ReviewStores stores;
    private final ReviewAudit audit;
    private final ReviewJson json;
    private final Clock clock;
    private final Map<String, CachedReason> cache = new ConcurrentHashMap<>();

    private record CachedReason(ReasonCodeStore.ReasonRow row, Instant readAt) {
    }

    ReasonCodeService(Jdbi jdbi, ReviewStores stores, ReviewAudit audit, ReviewJson json, Clock clock) {
        this.jdbi = jdbi;
        this.stores = stores;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    public List<ReasonCode> reasonCodes(Long circleId) {
        return reasonCodes(circleId, false);
    }

    /** With {@code includeInactive}, deactivated codes too (the admins' editor, to see and reactivate them). */
    public List<ReasonCode> reasonCodes(Long circleId, boolean includeInactive) {
        return jdbi.withHandle(h -> {
            requireCircle(h, stores, circleId);
            return stores.reasonCodes().reasonCodes(h, circleId, !includeInactive).stream().map(this::reasonCode).toList();
        });
    }

    /** Fails with 404 when {@code circleId} is given and names no circle. */
    static void requireCircle(Handle h, ReviewStores stores, Long circleId) {
        if (circleId != null && stores.circles().circle(h, circleId).isEmpty()) {
            throw ReviewFailure.of(ProblemType.NOT_FOUND, "review.noCircle", circleId);
        }
    }

    public ReasonCode createReasonCode(ReviewActor actor, ReasonCode code) {
        requireAdmin(actor);
        validate(code);
        return jdbi.inTransaction(h -> {
            if (stores.reasonCodes().reasonCode(h, code.code(), false).isPresent()) {
                throw ReviewFailure.of(ProblemType.CONFLICT, "review.reasonExists", code.code());
            }
            if (code.circleId() != null && stores.circles().circle(h, code.circleId()).isEmpty()) {
                throw ProblemException.invalid("circleId", "review.field.noCircle", code.circleId());
            }
            int position = code.position() > 0 ? code.position() : stores.reasonCodes().nextReasonPosition(h);
            stores.reasonCodes().insertReasonCode(h, new ReasonCodeStore.ReasonRow(code.code(), code.circleId(),
                    json.write(code.titles()), json.write(code.templates()), code.cooldownDays(), position, true, 1));
            ReasonCode created = reasonCode(stores.reasonCodes().reasonCode(h, code.code(), false).orElseThrow());
            audit.record(h, actor, "review.reason_code.create", "reason_code", code.code(), null, json.asMap(created),
                    null);
            return created;
        });
    }

    public ReasonCode updateReasonCode(ReviewActor actor, String code, Integer ifMatch, ReasonCode update) {
        requireAdmin(actor);
        if (ifMatch == null) {
            throw ReviewFailure.of(ProblemType.PRECONDITION_REQUIRED, "review.needsIfMatch");
        }
        if (update == null || !code.equals(update.code())) {
            throw ProblemException.invalid("code", "review.field.codeMismatch", code);
        }
        validate(update);
        return jdbi.inTransaction(h -> {
            ReasonCodeStore.ReasonRow before = stores.reasonCodes().reasonCode(h, code, true)
                    .orElseThrow(() -> ReviewFailure.of(ProblemType.NOT_FOUND, "review.noReason", code));
            if (before.version() != ifMatch) {
                throw ReviewFailure.of(ProblemType.PRECONDITION_FAILED, Map.of("currentVersion", before.version()),
                        "review.reasonStale", code, before.version(), ifMatch);
            }
            stores.reasonCodes().updateReasonCode(h, new ReasonCodeStore.ReasonRow(code, update.circleId(),
                    json.write(update.titles()), json.write(update.templates()), update.cooldownDays(),
                    update.position() > 0 ? update.position() : before.position(), update.active(), 0), ifMatch);
            ReasonCode after = reasonCode(stores.reasonCodes().reasonCode(h, code, false).orElseThrow());
            audit.record(h, actor, "review.reason_code.update", "reason_code", code, json.asMap(reasonCode(before)),
                    json.asMap(after), null);
            return after;
        });
    }

    public void deactivateReasonCode(ReviewActor actor, String code) {
        requireAdmin(actor);
        jdbi.useTransaction(h -> {
            ReasonCodeStore.ReasonRow before = stores.reasonCodes().reasonCode(h, code, true)
                    .orElseThrow(() -> ReviewFailure.of(ProblemType.NOT_FOUND, "review.noReason", code));
            if (!before.active()) {
                return;
            }
            stores.reasonCodes().updateReasonCode(h, new ReasonCodeStore.ReasonRow(code, before.circleId(), before.titlesJson(),
                    before.templatesJson(), before.cooldownDays(), before.position(), false, 0), before.version());
            ReasonCode after = reasonCode(stores.reasonCodes().reasonCode(h, code, false).orElseThrow());
            audit.record(h, actor, "review.reason_code.deactivate", "reason_code", code,
                    json.asMap(reasonCode(before)), json.asMap(after), null);
        });
    }

    /**
     * A reason code as read at most 30 s ago, or null if there is none; a one-statement decision pins its version,
     * so a stale one only costs speed.
     */
    ReasonCodeStore.ReasonRow cached(String code) {
        CachedReason cached = cache.get(code);
        Instant now = clock.instant();
        if (cached == null || cached.readAt().isBefore(now.minusSeconds(30)) || cached.readAt().isAfter(now)) {
            ReasonCodeStore.ReasonRow row = jdbi.withHandle(h -> stores.reasonCodes().reasonCode(h, code, false)).orElse(null);
            if (row == null) {
                return null;
            }
            if (cache.size() > 1_000) {
                cache.clear();
            }
            cached = new CachedReason(row, now);
            cache.put(code, cached);
        }
        return cached.row();
    }

    /** Reason code titles by code, in the default language (an applicant's history names its reasons). */
    Map<String, String> titles(Handle h) {
        Map<String, String> titles = new java.util.HashMap<>();
        for (ReasonCodeStore.ReasonRow r : stores.reasonCodes().reasonCodes(h, null, false)) {
            titles.put(r.code(), ApplicantMessages.localized(json.readStrings(r.titlesJson()),
                    ApplicantMessages.DEFAULT_LOCALE));
        }
        return titles;
    }

    private static void requireAdmin(ReviewActor actor) {
        if (!actor.role().covers(Role.ADMIN)) {
            throw ReviewFailure.of(ProblemType.FORBIDDEN, "review.reasonAdminsOnly");
        }
    }

    private static void validate(ReasonCode c) {
        if (c == null || c.code() == null || !CODE.matcher(c.code()).matches()) {
            throw ProblemException.invalid("code", "review.field.codeFormat");
        }
        if (!c.titles().containsKey(ApplicantMessages.DEFAULT_LOCALE)
                || !c.templates().containsKey(ApplicantMessages.DEFAULT_LOCALE)) {
            throw ProblemException.invalid("titles", "review.field.needsZhCn");
        }
        if (c.cooldownDays() < 0 || c.cooldownDays() > 3650) {
            throw ProblemException.invalid("cooldownDays", "review.field.cooldown", 0, 3650);
        }
    }

    private ReasonCode reasonCode(ReasonCodeStore.ReasonRow r) {
        return new ReasonCode(r.code(), json.readStrings(r.titlesJson()), json.readStrings(r.templatesJson()),
                r.cooldownDays(), r.circleId(), r.position(), r.active(), r.version());
    }
}
