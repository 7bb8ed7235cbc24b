package dev.moddesk.server.review;

import dev.moddesk.contract.ProblemType;
import dev.moddesk.contract.review.ApplicationDetail;
import dev.moddesk.contract.review.ApplicationStatus;
import dev.moddesk.contract.review.ClaimInfo;
import dev.moddesk.contract.review.QueueFilter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Claims: a lease of {@link #LEASE} on one application, taken by id or as the next free one in the queue, renewed,
 * released; and presence heartbeats. The claims this node hands out are remembered for the one-statement decision.
 */
public final class ClaimService {

    public static final Duration LEASE = Duration.ofMinutes(5);

    private final Jdbi jdbi;
    private final ReviewStores stores;
    private final ReviewRepository repository;
    private final Clock clock;
    private final ReviewAudit audit;
    private final ApplicationLoader loader;
    private final ApplicationViews views;
    private final RememberedClaims remembered;
    /** Lowered when a release makes an older application free again. */
    private final QueueFloors floors;

    ClaimService(Jdbi jdbi, ReviewStores stores, ReviewRepository repository,
                 Clock clock, ReviewAudit audit, ApplicationLoader loader, ApplicationViews views,
                 RememberedClaims remembered, QueueFloors floors) {
        this.jdbi = jdbi;
        this.stores = stores;
        this.repository = repository;
        this.clock = clock;
        this.audit = audit;
        this.loader = loader;
        this.views = views;
        this.remembered = remembered;
        this.floors = floors;
    }

    public ClaimInfo claim(ReviewActor actor, long id) {
        Instant now = clock.instant();
        Instant until = now.plus(LEASE).truncatedTo(ChronoUnit.MICROS); // as the database keeps it
        return jdbi.inTransaction(h -> {
            ApplicationRow row = loader.load(h, actor, id, false);
            if (row.status() != ApplicationStatus.PENDING) {
                throw ReviewFailure.of(ProblemType.CONFLICT, "review.notPending", id, row.status());
            }
            if (stores.queue().tryClaim(h, id, actor.staffId(), actor.name(), now, until) == 1) {
                h.afterCommit(() -> remembered.remember(row.claimedBy(actor.staffId(), actor.name(), until)));
                return new ClaimInfo(actor.staffId(), actor.name(), until);
            }
            ApplicationRow fresh = loader.load(h, actor, id, false);
            if (fresh.claimedByOther(actor.staffId(), now)) {
                throw ReviewFailure.claimedByOther(fresh);
            }
            throw ReviewFailure.of(ProblemType.CONFLICT, "review.notPending", id, fresh.status());
        });
    }

    /** Claims the first free application matching the filter, or empty when none is left. */
    public Optional<ApplicationDetail> claimNext(ReviewActor actor, QueueFilter filter) {
        QueueFilter f = filter == null ? QueueFilter.all() : filter;
        if (f.city() != null && !f.city().isBlank() && !actor.mayReview(f.city())) {
            throw ReviewFailure.outOfScope(f.city());
        }
        Optional<ReviewRepository.Claimed> claimed = repository.claimNext(actor, f, clock);
        return claimed.map(c -> {
            remembered.remember(c.row());
            int ring = ApplicationViews.inRing(c.row()) ? jdbi.withHandle(h -> loader.ring(h, c.row())) : 0;
            return views.detail(c.row(), c.circle(), c.viewers(), ring, c.at());
        });
    }

    public void release(ReviewActor actor, long id) {
        remembered.forget(id);
        Optional<Instant> freed = jdbi.inTransaction(h -> {
            ApplicationRow before = loader.load(h, actor, id, false);
            if (stores.queue().release(h, id, actor.staffId()) != 1) {
                return Optional.<Instant>empty();
            }
            ApplicationRow after = stores.applications().application(h, id).orElseThrow();
            audit.record(h, actor, "review.claim.release", "application", String.valueOf(id),
                    before.auditState(), after.auditState(), null);
            return Optional.of(before.submittedAt());
        });
        freed.ifPresent(floors::lowerTo); // once committed: back in the queue for the next claim-next on this node
    }

    public void presence(ReviewActor actor, long id) {
        Instant now = clock.instant();
        jdbi.useTransaction(h -> {
            loader.load(h, actor, id, false);
            stores.queue().touchPresence(h, id, actor.staffId(), actor.name(), now);
        });
    }
}
