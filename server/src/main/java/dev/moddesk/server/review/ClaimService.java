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
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.jdbi.v3.core.Jdbi;

/**
 * Claims: a lease of {@link #LEASE} on one application, taken by id or as the next free one in the queue, renewed,
 * released; and presence heartbeats. The claims this node hands out are remembered for the one-statement decision.
 */
public final class ClaimService {

    public static final Duration LEASE = Duration.ofMinutes(5);
    private static final int CLAIM_CANDIDATES = 16;

    private final Jdbi jdbi;
    private final ReviewStore repository;
    private final DirectConnections connections;
    private final BooleanSupplier postgres;
    private final Clock clock;
    private final ReviewAudit audit;
    private final ApplicationLoader loader;
    private final ApplicationViews views;
    private final RememberedClaims remembered;
    /** Where claim-next may start reading the queue (PostgreSQL): past the dead index entries of decided rows. */
    private final QueueFloors floors;

    ClaimService(Jdbi jdbi, ReviewStore repository, DirectConnections connections, BooleanSupplier postgres,
                 Clock clock, ReviewAudit audit, ApplicationLoader loader, ApplicationViews views,
                 RememberedClaims remembered, QueueFloors floors) {
        this.jdbi = jdbi;
        this.repository = repository;
        this.connections = connections;
        this.postgres = postgres;
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
            if (repository.tryClaim(h, id, actor.staffId(), actor.name(), now, until) == 1) {
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
        if (postgres.getAsBoolean()) {
            // One statement picks (SKIP LOCKED), claims and reads the row with its circle and viewers: no second
            // claimer can get it, and outside a transaction it costs one round trip.
            Instant now = clock.instant();
            QueueFloors.Key key = ReviewStore.byRisk(f) ? null : new QueueFloors.Key(f, actor.cities());
            QueueFloors.Start start = key == null ? null : floors.start(key, now);
            Optional<ReviewStore.Claimed> claimed = claimNextPostgres(actor, f, now, start);
            if (claimed.isEmpty() && start != null && !start.fromHead()) {
                // Nothing from the floor on: an older application may have come free meanwhile, so look from the head.
                start = floors.head(key, now);
                claimed = claimNextPostgres(actor, f, now, start);
            }
            if (start != null && claimed.isPresent()) {
                floors.claimed(start, claimed.get().row().submittedAt());
            }
            return claimed.map(c -> {
                remembered.remember(c.row());
                return views.detail(c.row(), c.circle(), c.viewers(), now);
            });
        }
        for (int attempt = 0; attempt < 20; attempt++) {
            Instant now = clock.instant();
            Instant until = now.plus(LEASE);
            Optional<Optional<ApplicationDetail>> round = jdbi.inTransaction(h -> {
                // On H2 several claimers see the same rows and race for them with a conditional update, so each
                // tries a few.
                List<Long> candidates = repository.claimCandidates(h, f, actor.cities(), now, CLAIM_CANDIDATES);
                if (candidates.isEmpty()) {
                    return Optional.of(Optional.empty());
                }
                for (long id : candidates) {
                    if (repository.tryClaimFree(h, id, actor.staffId(), actor.name(), now, until) == 1) {
                        ApplicationRow row = repository.application(h, id, false).orElseThrow();
                        return Optional.of(Optional.of(loader.detail(h, actor, row, now)));
                    }
                }
                return Optional.empty(); // every candidate was taken meanwhile: look again
            });
            if (round.isPresent()) {
                return round.get();
            }
        }
        return Optional.empty();
    }

    private Optional<ReviewStore.Claimed> claimNextPostgres(ReviewActor actor, QueueFilter f, Instant now,
                                                            QueueFloors.Start start) {
        return connections.withConnection(c -> repository.claimNextPostgres(c, f, actor.cities(), actor.staffId(), actor.name(),
                now, now.plus(LEASE), now.minus(ApplicationLoader.PRESENCE_WINDOW), start == null ? null : start.floor()));
    }

    public void release(ReviewActor actor, long id) {
        remembered.forget(id);
        Optional<Instant> freed = jdbi.inTransaction(h -> {
            ApplicationRow before = loader.load(h, actor, id, false);
            if (repository.release(h, id, actor.staffId()) != 1) {
                return Optional.<Instant>empty();
            }
            ApplicationRow after = repository.application(h, id, false).orElseThrow();
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
            repository.touchPresence(h, id, actor.staffId(), actor.name(), now);
        });
    }
}
