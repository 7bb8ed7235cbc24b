package dev.moddesk.server.review;

import dev.moddesk.contract.review.QueueFilter;
import dev.moddesk.server.core.AuditLog;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Review's SQL on H2 (the embedded default): portable statements only. H2 would lock every row a
 * {@code FOR UPDATE} query matches, so claim-next reads candidates unlocked and races for them with a conditional
 * update; decisions are written as JDBC batches.
 */
final class H2ReviewStore implements ReviewRepository {

    private static final String LOCK = " FOR UPDATE";
    private static final int CLAIM_CANDIDATES = 16;
    /**
     * A round is lost only when another claimer took every candidate, so rounds always end; this bound only turns a
     * bug into an error instead of a hung request (or a false "empty").
     */
    private static final int MAX_CLAIM_ROUNDS = 100_000;

    /** What happens between reading claim-next's candidates and claiming them: tests put a rival claimer here. */
    interface ClaimRace {
        ClaimRace NONE = candidates -> {
        };

        void candidatesRead(List<Long> candidates);
    }

    private final Jdbi jdbi;
    private final ReviewStores stores;
    private final ClaimRace race;

    H2ReviewStore(Jdbi jdbi, ReviewStores stores) {
        this(jdbi, stores, ClaimRace.NONE);
    }

    H2ReviewStore(Jdbi jdbi, ReviewStores stores, ClaimRace race) {
        this.jdbi = jdbi;
        this.stores = stores;
        this.race = race;
    }

    @Override
    public boolean writesDecisionsInOneStatement() {
        return false;
    }

    @Override
    public Optional<ApplicationRow> lockApplication(Handle h, long id) {
        return stores.applications().lockedApplication(h, id, LOCK);
    }

    @Override
    public Map<Long, ApplicationRow> lockApplications(Handle h, Collection<Long> ids) {
        return stores.applications().lockedApplications(h, ids, LOCK);
    }

    @Override
    public List<ApplicationRow> lockDueForPublish(Handle h, List<Long> ids, Instant now) {
        return stores.applications().lockedDueForPublish(h, ids, now, LOCK);
    }

    /**
     * Reads candidates and races for them until it wins one or a read finds none: "empty" only when nothing matching
     * is free. A lost round means another claimer took every candidate, so the queue moved and the next read differs.
     */
    @Override
    public Optional<Claimed> claimNext(ReviewActor actor, QueueFilter f, Clock clock) {
        for (int attempt = 0; attempt < MAX_CLAIM_ROUNDS; attempt++) {
            Instant now = clock.instant();
            Instant until = now.plus(ClaimService.LEASE);
            Optional<Optional<Claimed>> round = jdbi.inTransaction(h -> {
                // Several claimers see the same rows and race for them with a conditional update, so each tries a few.
                List<Long> candidates = stores.queue().claimCandidates(h, f, actor.cities(), now, CLAIM_CANDIDATES);
                if (candidates.isEmpty()) {
                    return Optional.of(Optional.empty());
                }
                race.candidatesRead(candidates);
                for (long id : candidates) {
                    if (stores.queue().tryClaimFree(h, id, actor.staffId(), actor.name(), now, until) == 1) {
                        ApplicationRow row = stores.applications().application(h, id).orElseThrow();
                        return Optional.of(Optional.of(new Claimed(row,
                                stores.circles().circle(h, row.circleId()).orElseThrow(),
                                stores.queue().viewers(h, id, actor.staffId(),
                                        now.minus(ApplicationLoader.PRESENCE_WINDOW)), now)));
                    }
                }
                return Optional.empty(); // every candidate was taken meanwhile: look again
            });
            if (round.isPresent()) {
                return round.get();
            }
        }
        throw new IllegalStateException("claim-next lost " + MAX_CLAIM_ROUNDS + " rounds in a row");
    }

    @Override
    public void writeDecisions(Handle h, List<DecisionStore.DecisionRow> rows, Instant now, Instant claimUntil,
                               AuditLog.Entry inlineAudit, Runnable recordAudit) {
        DecisionStore decisions = stores.decisions();
        List<DecisionStore.DecisionWrite> writes = rows.stream().map(DecisionStore.DecisionRow::write).toList();
        DecisionStore.DecisionWrite first = writes.getFirst();
        decisions.claimAll(h, rows.stream().filter(DecisionStore.DecisionRow::claim)
                .map(r -> r.write().applicationId()).toList(), first.staffId(), first.staffName(), now, claimUntil);
        int[] changed = decisions.decideAll(h, writes);
        for (int i = 0; i < changed.length; i++) {
            if (changed[i] != 1) {
                // The rows are locked and were checked, so this is not a user's conflict: fail the whole call.
                throw new IllegalStateException("application " + writes.get(i).applicationId()
                        + " changed under its lock");
            }
        }
        decisions.insertDecisionLogs(h, writes, rows.stream().mapToLong(DecisionStore.DecisionRow::waitedSeconds)
                .toArray());
        recordAudit.run();
        decisions.storeIdempotencies(h, first.staffId(), rows.stream().map(r -> new DecisionStore.NewResponse(
                r.idempotencyKey(), r.requestHash(), r.responseJson())).toList(), now);
    }

    @Override
    public int decideRemembered(Handle h, DecisionStore.DecisionRow row, Instant claimUntil,
                                AuditLog.Entry inlineAudit, DecisionStore.Pins pins) {
        throw new UnsupportedOperationException("H2 decides through the locking path only");
    }
}
