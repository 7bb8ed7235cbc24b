package dev.moddesk.server.review;

import dev.moddesk.contract.review.ApplicationStatus;
import dev.moddesk.server.platform.ActionPublisher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What lapses with time: applications nobody decided, old idempotency records and presence heartbeats. */
public final class ApplicationExpiry {

    private static final Logger LOG = LoggerFactory.getLogger(ApplicationExpiry.class);

    private final Jdbi jdbi;
    private final ReviewStores stores;
    private final Clock clock;
    private final ReviewAudit audit;
    private final ActionPublisher actions;
    private final Duration idempotencyRetention;

    ApplicationExpiry(Jdbi jdbi, ReviewStores stores, Clock clock, ReviewAudit audit, ActionPublisher actions,
                      Duration idempotencyRetention) {
        this.idempotencyRetention = idempotencyRetention;
        this.jdbi = jdbi;
        this.stores = stores;
        this.clock = clock;
        this.audit = audit;
        this.actions = actions;
    }

    /** Pending applications (and unanswered questions) expire after this long without a decision. */
    public static final Duration EXPIRE_AFTER = Duration.ofDays(14);

    /**
     * Expires applications nobody decided within {@link #EXPIRE_AFTER} (NEEDS_INFO: since the question was asked) and
     * nobody holds a live claim on (a moderator mid-review would otherwise get a 409):
     * each in its own transaction with a conditional update (several nodes may run this), an audit entry and an
     * {@code application.expired} action, so the platform can tell the applicant. Returns how many expired.
     */
    public int expireStale(int limit) {
        Instant now = clock.instant();
        Instant cutoff = now.minus(EXPIRE_AFTER);
        List<Long> stale = jdbi.withHandle(h -> stores.applications().staleApplications(h, cutoff, now, limit));
        int expired = 0;
        for (long id : stale) {
            boolean done = jdbi.inTransaction(h -> {
                ApplicationRow row = stores.applications().application(h, id).orElse(null);
                if (row == null || stores.applications().expire(h, id, cutoff, now) != 1) {
                    return false;
                }
                audit.record(h, ReviewActor.SYSTEM, "review.expire", "application", String.valueOf(id),
                        Map.of("status", row.status().name()), Map.of("status", ApplicationStatus.EXPIRED.name()),
                        "no decision within " + EXPIRE_AFTER.toDays() + " days");
                Map<String, Object> payload = new LinkedHashMap<>();
                payload.put("applicationId", row.externalId());
                payload.put("circleId", row.circleExternalId());
                payload.put("userId", row.applicantId());
                payload.put("previousStatus", row.status().name());
                actions.publish(h, "application.expired", "application", row.externalId(), payload);
                return true;
            });
            if (done) {
                expired++;
            }
        }
        if (expired > 0) {
            LOG.info("expired {} applications left undecided for {} days", expired, EXPIRE_AFTER.toDays());
        }
        return expired;
    }

    /**
     * Drops idempotency records older than the retention ({@code --idempotency-retention}, 7 days by default: a
     * console's outbox retries for as long as it is offline, and a replay must still find its answer) and presence
     * heartbeats older than an hour (only the last 30 s are ever shown).
     */
    public int forgetOldIdempotencyKeys() {
        Instant now = clock.instant();
        return jdbi.withHandle(h -> stores.decisions().forgetIdempotencyBefore(h, now.minus(idempotencyRetention))
                + stores.queue().forgetPresenceBefore(h, now.minus(Duration.ofHours(1))));
    }
}
