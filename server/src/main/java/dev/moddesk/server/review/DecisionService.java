package dev.moddesk.server.review;

import dev.moddesk.server.core.ProblemException;
import dev.moddesk.contract.ProblemType;
import dev.moddesk.contract.review.ApplicationStatus;
import dev.moddesk.contract.review.BulkDecisionItem;
import dev.moddesk.contract.review.BulkDecisionRequest;
import dev.moddesk.contract.review.BulkDecisionResult;
import dev.moddesk.contract.review.BulkItemOutcome;
import dev.moddesk.contract.review.DecisionKind;
import dev.moddesk.contract.review.DecisionRequest;
import dev.moddesk.contract.review.DecisionResult;
import dev.moddesk.server.core.AuditLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * Decisions, one or many at a time. Each needs an idempotency key (replayed per staff member) and the version the
 * moderator saw; the rules are {@link DecisionRules}. A decision writes the row, the decision log, the idempotency
 * record and the audit entry in one transaction; on PostgreSQL a decision on a row this node claimed for the same
 * moderator is one statement pinned to the remembered row.
 */
public final class DecisionService {

    public static final Duration UNDO_WINDOW = Duration.ofSeconds(10);
    private static final int MAX_BULK = 500;

    private final Jdbi jdbi;
    private final ReviewStores stores;
    private final ReviewRepository repository;
    private final Clock clock;
    private final ReviewAudit audit;
    private final ReviewJson json;
    private final ApplicantMessages messages;
    private final ReasonCodeService reasonCodes;
    private final RememberedClaims remembered;
    private final IdempotencyKeys keys;
    private final AtomicLong quickDecisions = new AtomicLong();

    DecisionService(Jdbi jdbi, ReviewStores stores, ReviewRepository repository,
                    Clock clock, ReviewAudit audit, ReviewJson json, ApplicantMessages messages,
                    ReasonCodeService reasonCodes, RememberedClaims remembered, IdempotencyKeys keys) {
        this.jdbi = jdbi;
        this.stores = stores;
        this.repository = repository;
        this.clock = clock;
        this.audit = audit;
        this.json = json;
        this.messages = messages;
        this.reasonCodes = reasonCodes;
        this.remembered = remembered;
        this.keys = keys;
    }

    public DecisionResult decide(ReviewActor actor, long id, String idempotencyKey, Integer ifMatch,
                                 DecisionRequest request) {
        DecisionRules.requireKey(idempotencyKey);
        if (ifMatch == null) {
            throw ReviewFailure.of(ProblemType.PRECONDITION_REQUIRED, "review.needsIfMatch");
        }
        DecisionRules.validate(request);
        try {
            Optional<DecisionResult> quick = decideRemembered(actor, id, idempotencyKey, ifMatch, request);
            if (quick.isPresent()) {
                return quick.get();
            }
            List<BulkDecisionItem> item = List.of(new BulkDecisionItem(id, ifMatch, idempotencyKey));
            return IdempotencyKeys.withKeyRaceRetry(optimistic -> jdbi.inTransaction(h ->
                    decideAll(h, actor, item, request, false, optimistic).getFirst().resultOrThrow()));
        } finally {
            remembered.forget(id);
        }
    }

    /** How many decisions took the one-statement path (tests check which path a case takes). */
    long quickDecisions() {
        return quickDecisions.get();
    }

    /**
     * PostgreSQL's quick path for a decision on a row this node claimed for the same moderator: the rules run
     * against the remembered row, and one statement writes the decision, its log, idempotency record and audit entry
     * only if the row still is exactly as remembered (version, status, holder, claim expiry, city, reason code version).
     * Empty when it does not apply or the row changed meanwhile (a renewal on another node, an expiry, a replay, a
     * reused key): the caller then takes the locking path, which answers every case.
     */
    private Optional<DecisionResult> decideRemembered(ReviewActor actor, long id, String key, int ifMatch,
                                                     DecisionRequest request) {
        ApplicationRow before = remembered.get(id);
        // The statement pins the holder by id and name, so a row claimed under another name cannot match it.
        if (before == null || !repository.writesDecisionsInOneStatement() || !actor.name().equals(before.claimedByName())) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        ReasonCodeStore.ReasonRow reason = request.reasonCode() == null ? null : reasonCodes.cached(request.reasonCode());
        try {
            DecisionRules.check(actor, id, before, ifMatch, request, reason, false, now);
        } catch (ReviewFailure refused) {
            return Optional.empty(); // the locking path answers it against the row as it is now
        }
        AuditLog.Entry inline = inlineAudit(actor, request.note());
        Written w = written(actor, new ItemOutcome.Accepted(0, before, false,
                decisionWrite(actor, before, ifMatch, request, reason, now), key, decisionHash(id, ifMatch, request),
                request.note()), now, inline != null);
        DecisionStore.Pins pins = new DecisionStore.Pins(actor.name(), before.claimExpiresAt(), now, before.city(),
                reason == null ? null : reason.code(), reason == null ? 0 : reason.version());
        try {
            // With the audit entry in the statement, it is the whole transaction: one round trip, no BEGIN/COMMIT.
            boolean written = inline != null
                    ? repository.decideRemembered(null, w.row(), now.plus(ClaimService.LEASE), inline, pins) == 1
                    : jdbi.inTransaction(h -> {
                        if (repository.decideRemembered(h, w.row(), now.plus(ClaimService.LEASE), null, pins) != 1) {
                            return false;
                        }
                        audit.recordAll(h, actor, List.of(w.change()));
                        return true;
                    });
            if (!written) {
                return Optional.empty();
            }
            quickDecisions.incrementAndGet();
            return Optional.of(w.result());
        } catch (JdbiException e) {
            if (IdempotencyKeys.isUniqueViolation(e)) {
                return Optional.empty(); // the key was used before: the locking path reads what it answered
            }
            throw e;
        }
    }

    public BulkDecisionResult bulk(ReviewActor actor, BulkDecisionRequest request) {
        return bulk(actor, request, Locale.ENGLISH);
    }

    /** Decides every item on its own; the refused items' problem details are in {@code language}. */
    public BulkDecisionResult bulk(ReviewActor actor, BulkDecisionRequest request, Locale language) {
        if (request == null || request.decision() == null) {
            throw ProblemException.invalid("decision", "review.field.decisionRequired");
        }
        if (request.items().isEmpty() || request.items().size() > MAX_BULK) {
            throw ReviewFailure.of(ProblemType.VALIDATION, "review.bulkSize", MAX_BULK);
        }
        DecisionRules.validate(request.decision());
        List<ItemOutcome> done = IdempotencyKeys.withKeyRaceRetry(optimistic -> jdbi.inTransaction(h ->
                decideAll(h, actor, request.items(), request.decision(), true, optimistic)));
        List<BulkItemOutcome> outcomes = new ArrayList<>(done.size());
        for (int i = 0; i < done.size(); i++) {
            long id = request.items().get(i).applicationId();
            outcomes.add(done.get(i) instanceof ItemOutcome.Refused r
                    ? new BulkItemOutcome(id, null, ApplicationViews.problem(r.failure(), language))
                    : new BulkItemOutcome(id, done.get(i).resultOrThrow(), null));
        }
        return new BulkDecisionResult(outcomes);
    }

    private static String decisionHash(long id, int ifMatch, DecisionRequest request) {
        return RiskAssessor.sha256(String.join("|", "decision", String.valueOf(id), String.valueOf(ifMatch),
                request.kind().name(), Objects.toString(request.reasonCode(), ""), Objects.toString(request.note(), ""),
                Objects.toString(request.question(), "")));
    }

    /**
     * Decides every item as if one after the other, with set-based statements: the stored idempotency records and
     * the rows (locked, in id order) are read with one query each, every check runs in memory against the rows as
     * the earlier items of the same call left them, and the accepted decisions are written together. A refused item
     * writes nothing, so no savepoint is needed: it never touches the others. Answers, per item, a
     * {@link ItemOutcome.Decided}, {@link ItemOutcome.Replayed} or {@link ItemOutcome.Refused}.
     */
    private List<ItemOutcome> decideAll(Handle h, ReviewActor actor, List<BulkDecisionItem> items,
                                        DecisionRequest request, boolean claimIfFree, boolean optimisticKeys) {
        Instant now = clock.instant();
        List<String> itemKeys = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        for (BulkDecisionItem item : items) {
            if (item.idempotencyKey() != null && !item.idempotencyKey().isBlank()
                    && item.idempotencyKey().length() <= 200) {
                itemKeys.add(item.idempotencyKey());
            }
            ids.add(item.applicationId());
        }
        // Lock the rows first, then read the stored answers: a request racing another with the same new key waits on
        // the lock and then finds the first one's record (a replay), instead of a changed version (412). On
        // PostgreSQL the first attempt skips that read (one round trip less): a stored answer only matters when an
        // item fails its checks (a replay finds its application decided), and then the items are checked again with
        // the answers read; a key reused for a pending application fails the idempotency insert, and the retry
        // (optimistic = false) reads them first.
        Map<Long, ApplicationRow> locked = repository.lockApplications(h, ids);
        boolean optimistic = optimisticKeys && repository.writesDecisionsInOneStatement();
        Map<String, DecisionStore.StoredResponse> stored = optimistic ? Map.of()
                : stores.decisions().idempotencyRecords(h, actor.staffId(), itemKeys);
        ReasonCodeStore.ReasonRow reason = request.reasonCode() == null ? null
                : stores.reasonCodes().reasonCode(h, request.reasonCode(), false).orElse(null);
        List<ItemOutcome> outcomes = check(actor, items, request, reason, claimIfFree, locked, stored, now);
        if (optimistic && outcomes.stream().anyMatch(ItemOutcome.Refused.class::isInstance)) {
            // Check every item again, this time with the stored answers (a failure may be a replay).
            outcomes = check(actor, items, request, reason, claimIfFree, locked,
                    stores.decisions().idempotencyRecords(h, actor.staffId(), itemKeys), now);
        }
        List<ItemOutcome.Accepted> accepted = outcomes.stream().filter(ItemOutcome.Accepted.class::isInstance)
                .map(ItemOutcome.Accepted.class::cast).toList();
        if (!accepted.isEmpty()) {
            writeDecisions(h, actor, accepted, now, outcomes);
        }
        List<ItemOutcome> out = new ArrayList<>(items.size());
        for (ItemOutcome o : outcomes) {
            out.add(o instanceof ItemOutcome.SameKeyAs same ? outcomes.get(same.earlier()) : o);
        }
        return out;
    }

    /** Checks every item in memory, as if one after the other, against the locked rows and stored answers. */
    private List<ItemOutcome> check(ReviewActor actor, List<BulkDecisionItem> items, DecisionRequest request,
                                    ReasonCodeStore.ReasonRow reason, boolean claimIfFree, Map<Long, ApplicationRow> locked,
                                    Map<String, DecisionStore.StoredResponse> stored, Instant now) {
        List<ItemOutcome> outcomes = new ArrayList<>(items.size());
        Instant claimUntil = now.plus(ClaimService.LEASE);
        Map<String, Integer> keyIndex = new HashMap<>();
        Map<String, String> keyHash = new HashMap<>();
        Map<Long, ApplicationRow> rows = new HashMap<>(locked);
        for (int i = 0; i < items.size(); i++) {
            BulkDecisionItem item = items.get(i);
            String key = item.idempotencyKey();
            try {
                DecisionRules.requireKey(key);
                String hash = decisionHash(item.applicationId(), item.version(), request);
                Integer earlier = keyIndex.get(key);
                if (earlier != null) {
                    // The same key twice in one call: the second is a replay of the first, or a misuse of the key.
                    if (!keyHash.get(key).equals(hash)) {
                        throw ReviewFailure.keyReused(key);
                    }
                    outcomes.add(new ItemOutcome.SameKeyAs(earlier));
                    continue;
                }
                keyIndex.put(key, i);
                keyHash.put(key, hash);
                DecisionStore.StoredResponse replay = stored.get(key);
                if (replay != null) {
                    if (!replay.requestHash().equals(hash)) {
                        throw ReviewFailure.keyReused(key);
                    }
                    outcomes.add(new ItemOutcome.Replayed(json.read(replay.responseJson(), DecisionResult.class)));
                    continue;
                }
                long id = item.applicationId();
                ApplicationRow before = rows.get(id);
                boolean claim = DecisionRules.check(actor, id, before, item.version(), request, reason, claimIfFree,
                        now);
                ApplicationRow claimed = claim ? before.claimedBy(actor.staffId(), actor.name(), claimUntil) : before;
                DecisionStore.DecisionWrite write = decisionWrite(actor, before, item.version(), request, reason, now);
                outcomes.add(new ItemOutcome.Accepted(i, before, claim, write, key, hash, request.note()));
                rows.put(id, claimed.decided(write)); // a later item for the same application sees this state
            } catch (ReviewFailure failure) {
                outcomes.add(new ItemOutcome.Refused(failure));
            }
        }
        return outcomes;
    }

    /** What deciding {@code before} (at {@code version}) with {@code request} writes. */
    private DecisionStore.DecisionWrite decisionWrite(ReviewActor actor, ApplicationRow before, int version,
                                                    DecisionRequest request, ReasonCodeStore.ReasonRow reason,
                                                    Instant now) {
        ApplicationStatus status = switch (request.kind()) {
            case APPROVE -> ApplicationStatus.APPROVED;
            case REJECT -> ApplicationStatus.REJECTED;
            case NEEDS_INFO -> ApplicationStatus.NEEDS_INFO;
        };
        return new DecisionStore.DecisionWrite(before.id(), version, status, request.kind(), request.reasonCode(),
                ReviewJson.blankToNull(request.note()), ReviewJson.blankToNull(request.question()),
                messages.message(before, request, reason),
                request.kind() == DecisionKind.REJECT && reason != null ? reason.cooldownDays() : null,
                actor.staffId(), actor.name(), now, now.plus(UNDO_WINDOW));
    }

    /** An accepted decision's answer, audit change and the row the PostgreSQL statement writes. */
    private record Written(DecisionResult result, ReviewAudit.Change change, DecisionStore.DecisionRow row) {
    }

    private Written written(ReviewActor actor, ItemOutcome.Accepted a, Instant now, boolean auditJson) {
        DecisionStore.DecisionWrite w = a.write();
        ApplicationRow held = a.claim()
                ? a.before().claimedBy(actor.staffId(), actor.name(), now.plus(ClaimService.LEASE)) : a.before();
        ApplicationRow after = held.decided(w);
        ReviewAudit.Change change = new ReviewAudit.Change("review.decision", "application",
                String.valueOf(w.applicationId()), a.before().auditState(), after.auditState(), a.note());
        DecisionResult result = new DecisionResult(w.applicationId(), w.status(), after.version(), w.undoableUntil(),
                w.message());
        DecisionStore.DecisionRow row = new DecisionStore.DecisionRow(w, a.claim(),
                Math.max(0, Duration.between(a.before().submittedAt(), now).toSeconds()),
                auditJson ? AuditLog.toJson(change.before()) : null, auditJson ? AuditLog.toJson(change.after()) : null,
                a.key(), a.hash(), json.write(result));
        return new Written(result, change, row);
    }

    /** The author of a one-statement write's audit entries when they go to the core's table, else null. */
    private AuditLog.Entry inlineAudit(ReviewActor actor, String note) {
        return audit.writesAuditLogTable() ? new AuditLog.Entry(actor == ReviewActor.SYSTEM ? null
                : actor.staffId(), actor.name(), "review.decision", "application", null, null, null, note,
                actor.clientAddress()) : null;
    }

    private void writeDecisions(Handle h, ReviewActor actor, List<ItemOutcome.Accepted> accepted, Instant now,
                                List<ItemOutcome> outcomes) {
        AuditLog.Entry inline = repository.writesDecisionsInOneStatement()
                ? inlineAudit(actor, accepted.getFirst().note()) : null;
        List<Written> written = new ArrayList<>(accepted.size());
        for (ItemOutcome.Accepted a : accepted) {
            Written w = written(actor, a, now, inline != null);
            written.add(w);
            outcomes.set(a.index(), new ItemOutcome.Decided(w.result()));
        }
        List<ReviewAudit.Change> changes = written.stream().map(Written::change).toList();
        repository.writeDecisions(h, written.stream().map(Written::row).toList(), now, now.plus(ClaimService.LEASE),
                inline, () -> audit.recordAll(h, actor, changes));
    }
}
