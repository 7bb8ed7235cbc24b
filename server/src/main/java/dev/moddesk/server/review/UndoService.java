package dev.moddesk.server.review;

import dev.moddesk.contract.ProblemType;
import dev.moddesk.contract.review.ApplicationStatus;
import dev.moddesk.contract.review.DecisionResult;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Undo of one's own decision within {@link DecisionService#UNDO_WINDOW}: the application is pending again and stays
 * claimed by whoever undid it. Racing the final-action publisher, either the undo wins (nothing is published) or
 * the publisher does (409).
 */
public final class UndoService {

    private final Jdbi jdbi;
    private final ReviewStores stores;
    private final Clock clock;
    private final ReviewAudit audit;
    private final ReviewJson json;
    private final ApplicationLoader loader;
    private final IdempotencyKeys keys;

    UndoService(Jdbi jdbi, ReviewStores stores, Clock clock, ReviewAudit audit, ReviewJson json,
                ApplicationLoader loader, IdempotencyKeys keys) {
        this.jdbi = jdbi;
        this.stores = stores;
        this.clock = clock;
        this.audit = audit;
        this.json = json;
        this.loader = loader;
        this.keys = keys;
    }

    public DecisionResult undo(ReviewActor actor, long id, String idempotencyKey) {
        DecisionRules.requireKey(idempotencyKey);
        String hash = RiskAssessor.sha256("undo|" + id);
        return IdempotencyKeys.withKeyRaceRetry(optimistic -> jdbi.inTransaction(h -> {
            Optional<DecisionResult> replay = keys.replay(h, actor, idempotencyKey, hash);
            if (replay.isPresent()) {
                return replay.get();
            }
            Instant now = clock.instant();
            ApplicationRow before = loader.load(h, actor, id, true);
            if (before.status() == ApplicationStatus.PENDING || before.decidedBy() == null) {
                throw ReviewFailure.of(ProblemType.CONFLICT, "review.nothingToUndo", id);
            }
            if (before.decidedBy() != actor.staffId()) {
                throw ReviewFailure.of(ProblemType.CONFLICT, "review.undoByOther", before.decidedByName());
            }
            if (stores.decisions().undo(h, id, actor.staffId(), actor.name(), now, now.plus(ClaimService.LEASE)) != 1) {
                throw ReviewFailure.of(ProblemType.CONFLICT, "review.undoWindowClosed",
                        DecisionService.UNDO_WINDOW.toSeconds());
            }
            stores.decisions().markLatestDecisionUndone(h, id);
            ApplicationRow after = stores.applications().application(h, id).orElseThrow();
            audit.record(h, actor, "review.decision.undo", "application", String.valueOf(id),
                    before.auditState(), after.auditState(), null);
            DecisionResult result = new DecisionResult(id, after.status(), after.version(), null, null);
            stores.decisions().storeIdempotency(h, actor.staffId(), idempotencyKey, hash, json.write(result), now);
            return result;
        }));
    }
}
