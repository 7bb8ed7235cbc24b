package dev.moddesk.server.review;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moddesk.contract.Page;
import dev.moddesk.contract.ProblemType;
import dev.moddesk.contract.review.ApplicantHistory;
import dev.moddesk.contract.review.ApplicationDetail;
import dev.moddesk.contract.review.ApplicationStatus;
import dev.moddesk.contract.review.ApplicationSummary;
import dev.moddesk.contract.review.BulkDecisionItem;
import dev.moddesk.contract.review.BulkDecisionRequest;
import dev.moddesk.contract.review.BulkDecisionResult;
import dev.moddesk.contract.review.BulkItemOutcome;
import dev.moddesk.contract.review.Circle;
import dev.moddesk.contract.review.ClaimInfo;
import dev.moddesk.contract.review.DecisionKind;
import dev.moddesk.contract.review.DecisionRequest;
import dev.moddesk.contract.review.DecisionResult;
import dev.moddesk.contract.review.JoinMode;
import dev.moddesk.contract.review.QueueFilter;
import dev.moddesk.contract.review.QueueHealth;
import dev.moddesk.contract.review.ReasonCode;
import dev.moddesk.server.core.AuditLog;
import dev.moddesk.server.core.Json;
import dev.moddesk.server.core.Services;
import dev.moddesk.server.platform.ActionPublisher;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules of circle review: who may claim and decide what, when, and what a decision does. Every write runs in one
 * transaction together with its audit entry and, once final, its platform action.
 */
public final class ReviewService {

    private static final Logger LOG = LoggerFactory.getLogger(ReviewService.class);

        public static final Duration UNDO_WINDOW = Duration.ofSeconds(10);
    private static final Duration THROUGHPUT_WINDOW = Duration.ofHours(1);
    private static final Duration MEDIAN_WINDOW = Duration.ofHours(24);
    private static final int MAX_PAGE = 200;
    private static final int MAX_BULK = 500;
    private static final int CLAIM_CANDIDATES = 16;
    private final Jdbi jdbi;
    private final DataSource dataSource;
    private final ReviewStore repository = new ReviewStore();
    private final Clock clock;
    private final RiskAssessor risk;
    private final ReviewAudit audit;
    private final ActionPublisher actions;
    private final MediaLinks media;
    private final ApplicationIngest ingest;
    private final ApplicationExpiry expiry;
    private final FinalActionPublisher publisher;
    private final DirectConnections connections;
    private final ApplicationViews views;
    private final ApplicationLoader loader;
    private final ApplicationQueries queries;
    private final ClaimService claims;
    private final RememberedClaims remembered = new RememberedClaims();
    private final ReviewJson json;
    private final ReasonCodeService reasonCodes;
    private final ApplicantMessages messages;
    private volatile Boolean postgres;
    /** Where claim-next may start reading the queue (PostgreSQL): past the dead index entries of decided rows. */
    private final QueueFloors floors = new QueueFloors();
    private final AtomicLong quickDecisions = new AtomicLong();

    /** {@code dataSource} is the one {@code jdbi} draws on: the one-statement paths take its connections directly. */
    public ReviewService(Jdbi jdbi, DataSource dataSource, Clock clock, ReviewScreen screen, ReviewAudit audit,
                         ActionPublisher actions, MediaLinks media, ObjectMapper json) {
        this.jdbi = Objects.requireNonNull(jdbi);
        this.dataSource = Objects.requireNonNull(dataSource);
        this.clock = Objects.requireNonNull(clock);
        this.risk = new RiskAssessor(screen.words());
        this.audit = Objects.requireNonNull(audit);
        this.actions = Objects.requireNonNull(actions);
        this.media = Objects.requireNonNull(media);
        this.json = new ReviewJson(json);
        this.reasonCodes = new ReasonCodeService(jdbi, repository, audit, this.json, clock);
        this.messages = new ApplicantMessages(this.json);
        this.ingest = new ApplicationIngest(repository, clock, risk, this.json, floors);
        this.expiry = new ApplicationExpiry(jdbi, repository, clock, audit, actions);
        this.publisher = new FinalActionPublisher(jdbi, repository, clock, actions);
        this.connections = new DirectConnections(dataSource);
        this.views = new ApplicationViews(this.json, media, risk.screen());
        this.loader = new ApplicationLoader(repository, views);
        this.queries = new ApplicationQueries(jdbi, repository, clock, loader, views, reasonCodes);
        this.claims = new ClaimService(jdbi, repository, connections, this::postgres, clock, audit, loader, views,
                remembered, floors);
    }

    /**
     * The service as a server runs it: audit entries go to the core's audit log, actions to {@code actions} (null:
     * none are published, and nothing may call {@link #publishFinalDecisions}).
     */
    static ReviewService forServer(Services services, ActionPublisher actions, MediaLinks links) {
        ReviewAudit audit = new ReviewAudit() {
            @Override
            public void record(Handle handle, ReviewActor actor, String action, String targetType, String targetId,
                               Map<String, Object> before, Map<String, Object> after, String reason) {
                services.auditLog().record(handle, new AuditLog.Entry(actor == ReviewActor.SYSTEM ? null : actor.staffId(), actor.name(), action,
                        targetType, targetId, before, after, reason, actor.clientAddress()));
            }

            @Override
            public boolean writesAuditLogTable() {
                return true;
            }

            @Override
            public void recordAll(Handle handle, ReviewActor actor, List<Change> changes) {
                services.auditLog().recordAll(handle, changes.stream().map(c -> new AuditLog.Entry(actor.staffId(),
                        actor.name(), c.action(), c.targetType(), c.targetId(), c.before(), c.after(), c.reason(),
                        actor.clientAddress())).toList());
            }
        };
        ActionPublisher publisher = actions != null ? actions : (h, type, targetType, targetId, payload) -> {
            throw new IllegalStateException("no action feed is wired");
        };
        return new ReviewService(services.database().jdbi(), services.database().dataSource(), services.clock(),
                ReviewScreen.bundled(), audit, publisher, links, Json.mapper());
    }

    // ---- reading ------------------------------------------------------------------------------------------------

    public List<Circle> circles(ReviewActor actor, String city) {
        return queries.circles(actor, city);
    }

    public Page<ApplicationSummary> queue(ReviewActor actor, QueueFilter filter, String cursor, Integer limit) {
        return queries.queue(actor, filter, cursor, limit);
    }

    public ApplicationDetail detail(ReviewActor actor, long id) {
        return queries.detail(actor, id);
    }

    public ApplicantHistory history(ReviewActor actor, String userId) {
        return queries.history(actor, userId);
    }

    public QueueHealth health(ReviewActor actor) {
        return queries.health(actor);
    }

    // ---- claims -------------------------------------------------------------------------------------------------

    public ClaimInfo claim(ReviewActor actor, long id) {
        return claims.claim(actor, id);
    }

    public Optional<ApplicationDetail> claimNext(ReviewActor actor, QueueFilter filter) {
        return claims.claimNext(actor, filter);
    }

    public void release(ReviewActor actor, long id) {
        claims.release(actor, id);
    }

    public void presence(ReviewActor actor, long id) {
        claims.presence(actor, id);
    }

    private boolean postgres() {
        Boolean p = postgres;
        if (p == null) {
            p = jdbi.withHandle(repository::isPostgres);
            postgres = p;
        }
        return p;
    }

    private <T> T withConnection(DirectConnections.Work<T> work) {
        return connections.withConnection(work);
    }

    // ---- decisions ----------------------------------------------------------------------------------------------

    public DecisionResult decide(ReviewActor actor, long id, String idempotencyKey, Integer ifMatch, DecisionRequest request) {
        requireKey(idempotencyKey);
        if (ifMatch == null) {
            throw ReviewFailure.of(ProblemType.PRECONDITION_REQUIRED, "review.needsIfMatch");
        }
        validate(request);
        try {
            Optional<DecisionResult> quick = decideRemembered(actor, id, idempotencyKey, ifMatch, request);
            if (quick.isPresent()) {
                return quick.get();
            }
            return withKeyRaceRetry(optimistic -> jdbi.inTransaction(h ->
                    decideInTransaction(h, actor, id, idempotencyKey, ifMatch, request, false, optimistic)));
        } finally {
            remembered.forget(id);
        }
    }

    /** How many decisions took the one-statement path (tests check which path a case takes). */
    long quickDecisions() {
        return quickDecisions.get();
    }

    /**
     * PostgreSQL's quick path for a decision on a row this node claimed for the same moderator: every check runs
     * against the remembered row, and one statement writes the decision, its log, idempotency record and audit entry
     * only if the row still is exactly as remembered (version, status, holder, claim expiry, city, reason code version).
     * Empty when it does not apply or the row changed meanwhile (a renewal on another node, an expiry, a replay, a
     * reused key): the caller then takes the locking path, which answers every case.
     */
    private Optional<DecisionResult> decideRemembered(ReviewActor actor, long id, String key, int ifMatch,
                                                     DecisionRequest request) {
        ApplicationRow before = remembered.get(id);
        Instant now = clock.instant();
        if (before == null || !postgres() || before.version() != ifMatch || before.status() != ApplicationStatus.PENDING
                || before.claimedBy() == null || before.claimedBy() != actor.staffId()
                || !actor.name().equals(before.claimedByName()) || !before.claimExpiresAt().isAfter(now)
                || !actor.mayReview(before.city())) {
            return Optional.empty();
        }
        ReviewStore.ReasonRow reason = null;
        if (request.reasonCode() != null) {
            reason = reasonCodes.cached(request.reasonCode());
            if (reason == null || !reason.active() || reason.circleId() != null && reason.circleId() != before.circleId()) {
                return Optional.empty();
            }
        }
        ReviewStore.AuditBy inline = inlineAudit(actor, request.note());
        Written w = written(actor, new Accepted(0, before, false, decisionWrite(actor, before, ifMatch, request, reason, now),
                key, decisionHash(id, ifMatch, request), request.note()), now, inline != null);
        ReviewStore.Pins pins = new ReviewStore.Pins(actor.name(), before.claimExpiresAt(), now, before.city(),
                reason == null ? null : reason.code(), reason == null ? 0 : reason.version());
        try {
            // With the audit entry in the statement, it is the whole transaction: one round trip, no BEGIN/COMMIT.
            boolean written = inline != null
                    ? withConnection(c -> repository.decideAllPostgres(c, List.of(w.row()), now.plus(ClaimService.LEASE), inline, pins)) == 1
                    : jdbi.inTransaction(h -> {
                        if (repository.decideAllPostgres(h, List.of(w.row()), now.plus(ClaimService.LEASE), null, pins) != 1) {
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
            if (isUniqueViolation(e)) {
                return Optional.empty(); // the key was used before: the locking path reads what it answered
            }
            throw e;
        }
    }

    public DecisionResult undo(ReviewActor actor, long id, String idempotencyKey) {
        requireKey(idempotencyKey);
        String hash = RiskAssessor.sha256("undo|" + id);
        return withKeyRaceRetry(optimistic -> jdbi.inTransaction(h -> {
            Optional<DecisionResult> replay = replay(h, actor, idempotencyKey, hash);
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
            if (repository.undo(h, id, actor.staffId(), actor.name(), now, now.plus(ClaimService.LEASE)) != 1) {
                throw ReviewFailure.of(ProblemType.CONFLICT, "review.undoWindowClosed", UNDO_WINDOW.toSeconds());
            }
            repository.markLatestDecisionUndone(h, id);
            ApplicationRow after = repository.application(h, id, false).orElseThrow();
            audit.record(h, actor, "review.decision.undo", "application", String.valueOf(id),
                    before.auditState(), after.auditState(), null);
            DecisionResult result = new DecisionResult(id, after.status(), after.version(), null, null);
            repository.storeIdempotency(h, actor.staffId(), idempotencyKey, hash, json.write(result), now);
            return result;
        }));
    }

    public BulkDecisionResult bulk(ReviewActor actor, BulkDecisionRequest request) {
        return bulk(actor, request, Locale.ENGLISH);
    }

    /** Decides every item on its own; the refused items' problem details are in {@code language}. */
    public BulkDecisionResult bulk(ReviewActor actor, BulkDecisionRequest request, Locale language) {
        if (request == null || request.decision() == null) {
            throw new ReviewFailure(ProblemType.VALIDATION, "decision is required");
        }
        if (request.items().isEmpty() || request.items().size() > MAX_BULK) {
            throw ReviewFailure.of(ProblemType.VALIDATION, "review.bulkSize", MAX_BULK);
        }
        validate(request.decision());
        List<Object> done = withKeyRaceRetry(optimistic -> jdbi.inTransaction(h ->
                decideAll(h, actor, request.items(), request.decision(), true, optimistic)));
        List<BulkItemOutcome> outcomes = new ArrayList<>(done.size());
        for (int i = 0; i < done.size(); i++) {
            long id = request.items().get(i).applicationId();
            outcomes.add(done.get(i) instanceof DecisionResult r ? new BulkItemOutcome(id, r, null)
                    : new BulkItemOutcome(id, null, ApplicationViews.problem((ReviewFailure) done.get(i), language)));
        }
        return new BulkDecisionResult(outcomes);
    }

    private DecisionResult decideInTransaction(Handle h, ReviewActor actor, long id, String key, int ifMatch,
                                               DecisionRequest request, boolean claimIfFree, boolean optimisticKeys) {
        Object outcome = decideAll(h, actor, List.of(new BulkDecisionItem(id, ifMatch, key)), request, claimIfFree,
                optimisticKeys)
                .getFirst();
        if (outcome instanceof ReviewFailure failure) {
            throw failure;
        }
        return (DecisionResult) outcome;
    }

    private static String decisionHash(long id, int ifMatch, DecisionRequest request) {
        return RiskAssessor.sha256(String.join("|", "decision", String.valueOf(id), String.valueOf(ifMatch),
                request.kind().name(), Objects.toString(request.reasonCode(), ""), Objects.toString(request.note(), ""),
                Objects.toString(request.question(), "")));
    }

    /** A decision that passed every check and is about to be written. */
    private record Accepted(int index, ApplicationRow before, boolean claim, ReviewStore.DecisionWrite write,
                            String key, String hash, String note) {
    }

    /**
     * Decides every item as if one after the other, with set-based statements: the stored idempotency records and
     * the rows (locked, in id order) are read with one query each, every check runs in memory against the rows as
     * the earlier items of the same call left them, and the accepted decisions are written as JDBC batches
     * (claims, updates, decision log, audit, idempotency records). A refused item writes nothing, so no savepoint is
     * needed: it never touches the others. Answers, per item, its {@link DecisionResult} or {@link ReviewFailure}.
     */
    private List<Object> decideAll(Handle h, ReviewActor actor, List<BulkDecisionItem> items, DecisionRequest request,
                                   boolean claimIfFree, boolean optimisticKeys) {
        Instant now = clock.instant();
        List<String> keys = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        for (BulkDecisionItem item : items) {
            if (item.idempotencyKey() != null && !item.idempotencyKey().isBlank() && item.idempotencyKey().length() <= 200) {
                keys.add(item.idempotencyKey());
            }
            ids.add(item.applicationId());
        }
        // Lock the rows first, then read the stored answers: a request racing another with the same new key waits on
        // the lock and then finds the first one's record (a replay), instead of a changed version (412). On
        // PostgreSQL the first attempt skips that read (one round trip less): a stored answer only matters when an
        // item fails its checks (a replay finds its application decided), and then the items are checked again with
        // the answers read; a key reused for a pending application fails the idempotency insert, and the retry
        // (optimistic = false) reads them first.
        Map<Long, ApplicationRow> locked = repository.applicationsForUpdate(h, ids);
        boolean optimistic = optimisticKeys && postgres();
        Map<String, ReviewStore.StoredResponse> stored = optimistic ? Map.of()
                : repository.idempotencyRecords(h, actor.staffId(), keys);
        ReviewStore.ReasonRow reason = request.reasonCode() == null ? null
                : repository.reasonCode(h, request.reasonCode(), false).filter(ReviewStore.ReasonRow::active).orElse(null);
        Checked checked = check(actor, items, request, reason, claimIfFree, locked, stored, now);
        if (optimistic && Arrays.stream(checked.outcomes()).anyMatch(ReviewFailure.class::isInstance)) {
            // Check every item again, this time with the stored answers (a failure may be a replay).
            checked = check(actor, items, request, reason, claimIfFree, locked,
                    repository.idempotencyRecords(h, actor.staffId(), keys), now);
        }
        Object[] outcomes = checked.outcomes();
        if (!checked.accepted().isEmpty()) {
            writeDecisions(h, actor, checked.accepted(), now, outcomes);
        }
        List<Object> out = new ArrayList<>(items.size());
        for (Object o : outcomes) {
            out.add(o instanceof Integer earlier ? outcomes[earlier] : o);
        }
        return out;
    }

    /**
     * The outcome of each item so far ({@link ReviewFailure}, a stored {@link DecisionResult}, {@code TRUE} for an
     * accepted one, or the index of an earlier item with the same key) and the accepted decisions.
     */
    private record Checked(Object[] outcomes, List<Accepted> accepted) {
    }

    /** Checks every item in memory, as if one after the other, against the locked rows and stored answers. */
    private Checked check(ReviewActor actor, List<BulkDecisionItem> items, DecisionRequest request,
                          ReviewStore.ReasonRow reason, boolean claimIfFree, Map<Long, ApplicationRow> locked,
                          Map<String, ReviewStore.StoredResponse> stored, Instant now) {
        Object[] outcomes = new Object[items.size()];
        Instant claimUntil = now.plus(ClaimService.LEASE);
        Map<String, Integer> keyIndex = new HashMap<>();
        Map<String, String> keyHash = new HashMap<>();
        List<Accepted> accepted = new ArrayList<>();
        Map<Long, ApplicationRow> rows = new HashMap<>(locked);
        for (int i = 0; i < items.size(); i++) {
            BulkDecisionItem item = items.get(i);
            String key = item.idempotencyKey();
            try {
                requireKey(key);
                String hash = decisionHash(item.applicationId(), item.version(), request);
                Integer earlier = keyIndex.get(key);
                if (earlier != null) {
                    // The same key twice in one call: the second is a replay of the first, or a misuse of the key.
                    if (!keyHash.get(key).equals(hash)) {
                        throw ReviewFailure.keyReused(key);
                    }
                    outcomes[i] = earlier;
                    continue;
                }
                keyIndex.put(key, i);
                keyHash.put(key, hash);
                ReviewStore.StoredResponse replay = stored.get(key);
                if (replay != null) {
                    if (!replay.requestHash().equals(hash)) {
                        throw ReviewFailure.keyReused(key);
                    }
                    outcomes[i] = json.read(replay.responseJson(), DecisionResult.class);
                    continue;
                }
                long id = item.applicationId();
                ApplicationRow before = rows.get(id);
                if (before == null) {
                    throw ReviewFailure.of(ProblemType.NOT_FOUND, "review.noApplication", id);
                }
                if (!actor.mayReview(before.city())) {
                    throw ReviewFailure.outOfScope(before.city());
                }
                if (before.claimedByOther(actor.staffId(), now)) {
                    throw ReviewFailure.claimedByOther(before);
                }
                if (before.version() != item.version()) {
                    throw ReviewFailure.of(ProblemType.PRECONDITION_FAILED, Map.of("currentVersion", before.version()),
                            "review.staleVersion", id, before.version(), item.version());
                }
                if (before.status() != ApplicationStatus.PENDING) {
                    throw ReviewFailure.of(ProblemType.CONFLICT, "review.alreadyDecided", id, before.status());
                }
                boolean claim = !before.claimedAt(now);
                if (claim && !claimIfFree) {
                    throw ReviewFailure.of(ProblemType.CONFLICT,
                            before.claimedBy() != null ? "review.claimExpired" : "review.claimFirst", id);
                }
                if (request.reasonCode() != null
                        && (reason == null || reason.circleId() != null && reason.circleId() != before.circleId())) {
                    throw ReviewFailure.of(ProblemType.VALIDATION, "review.unknownReason", request.reasonCode());
                }
                ApplicationRow claimed = claim ? before.claimedBy(actor.staffId(), actor.name(), claimUntil) : before;
                ReviewStore.DecisionWrite write = decisionWrite(actor, before, item.version(), request, reason, now);
                accepted.add(new Accepted(i, before, claim, write, key, hash, request.note()));
                outcomes[i] = Boolean.TRUE; // decided below
                rows.put(id, claimed.decided(write)); // a later item for the same application sees this state
            } catch (ReviewFailure failure) {
                outcomes[i] = failure;
            }
        }
        return new Checked(outcomes, accepted);
    }

    /** What deciding {@code before} (at {@code version}) with {@code request} writes. */
    private ReviewStore.DecisionWrite decisionWrite(ReviewActor actor, ApplicationRow before, int version,
                                                    DecisionRequest request, ReviewStore.ReasonRow reason, Instant now) {
        ApplicationStatus status = switch (request.kind()) {
            case APPROVE -> ApplicationStatus.APPROVED;
            case REJECT -> ApplicationStatus.REJECTED;
            case NEEDS_INFO -> ApplicationStatus.NEEDS_INFO;
        };
        return new ReviewStore.DecisionWrite(before.id(), version, status, request.kind(), request.reasonCode(),
                ReviewJson.blankToNull(request.note()), ReviewJson.blankToNull(request.question()), messages.message(before, request, reason),
                request.kind() == DecisionKind.REJECT && reason != null ? reason.cooldownDays() : null,
                actor.staffId(), actor.name(), now, now.plus(UNDO_WINDOW));
    }

    /** An accepted decision's answer, audit change and the row the PostgreSQL statement writes. */
    private record Written(DecisionResult result, ReviewAudit.Change change, ReviewStore.DecisionRow row) {
    }

    private Written written(ReviewActor actor, Accepted a, Instant now, boolean auditJson) {
        ReviewStore.DecisionWrite w = a.write();
        ApplicationRow held = a.claim() ? a.before().claimedBy(actor.staffId(), actor.name(), now.plus(ClaimService.LEASE)) : a.before();
        ApplicationRow after = held.decided(w);
        ReviewAudit.Change change = new ReviewAudit.Change("review.decision", "application",
                String.valueOf(w.applicationId()), a.before().auditState(), after.auditState(), a.note());
        DecisionResult result = new DecisionResult(w.applicationId(), w.status(), after.version(), w.undoableUntil(),
                w.message());
        ReviewStore.DecisionRow row = new ReviewStore.DecisionRow(w, a.claim(),
                Math.max(0, Duration.between(a.before().submittedAt(), now).toSeconds()),
                auditJson ? AuditLog.toJson(change.before()) : null, auditJson ? AuditLog.toJson(change.after()) : null,
                a.key(), a.hash(), json.write(result));
        return new Written(result, change, row);
    }

    /** The audit author of a one-statement write when the audit goes to the core's table, else null. */
    private ReviewStore.AuditBy inlineAudit(ReviewActor actor, String note) {
        return audit.writesAuditLogTable() ? new ReviewStore.AuditBy(actor == ReviewActor.SYSTEM ? null : actor.staffId(),
                actor.name(), note, actor.clientAddress()) : null;
    }

    private void writeDecisions(Handle h, ReviewActor actor, List<Accepted> accepted, Instant now, Object[] outcomes) {
        boolean postgres = postgres();
        ReviewStore.AuditBy inline = postgres ? inlineAudit(actor, accepted.getFirst().note()) : null;
        List<Written> written = new ArrayList<>(accepted.size());
        for (Accepted a : accepted) {
            Written w = written(actor, a, now, inline != null);
            written.add(w);
            outcomes[a.index()] = w.result();
        }
        List<ReviewAudit.Change> changes = written.stream().map(Written::change).toList();
        List<ReviewStore.DecisionRow> rows = written.stream().map(Written::row).toList();
        if (postgres) {
            // One statement writes everything (and the audit entries too, when they go to the core's table).
            int count = repository.decideAllPostgres(h, rows, now.plus(ClaimService.LEASE), inline);
            if (count != rows.size()) {
                // The rows are locked and were checked above, so this is not a user's conflict: fail the whole call.
                throw new IllegalStateException(rows.size() - count + " applications changed under their locks");
            }
            if (inline == null) {
                audit.recordAll(h, actor, changes);
            }
            return;
        }
        List<ReviewStore.DecisionWrite> writes = rows.stream().map(ReviewStore.DecisionRow::write).toList();
        repository.claimAll(h, accepted.stream().filter(Accepted::claim).map(a -> a.write().applicationId()).toList(),
                actor.staffId(), actor.name(), now, now.plus(ClaimService.LEASE));
        int[] changed = repository.decideAll(h, writes);
        for (int i = 0; i < changed.length; i++) {
            if (changed[i] != 1) {
                // The rows are locked and were checked above, so this is not a user's conflict: fail the whole call.
                throw new IllegalStateException("application " + writes.get(i).applicationId() + " changed under its lock");
            }
        }
        repository.insertDecisionLogs(h, writes, rows.stream().mapToLong(ReviewStore.DecisionRow::waitedSeconds).toArray());
        audit.recordAll(h, actor, changes);
        repository.storeIdempotencies(h, actor.staffId(), rows.stream().map(r -> new ReviewStore.NewResponse(
                r.idempotencyKey(), r.requestHash(), r.responseJson())).toList(), now);
    }

    private Optional<DecisionResult> replay(Handle h, ReviewActor actor, String key, String hash) {
        return repository.idempotencyRecord(h, actor.staffId(), key).map(stored -> {
            if (!stored.requestHash().equals(hash)) {
                throw ReviewFailure.keyReused(key);
            }
            return json.read(stored.responseJson(), DecisionResult.class);
        });
    }

    /**
     * Runs {@code work} with {@code true} (it may skip reading stored idempotency answers up front), and once more
     * with {@code false} when its idempotency insert violated the key: two requests with the same new key raced, or
     * a key was reused for another pending application. The second run reads the stored answers first, so it
     * answers as a replay or with 422.
     */
    private <T> T withKeyRaceRetry(Function<Boolean, T> work) {
        try {
            return work.apply(true);
        } catch (JdbiException e) {
            if (isUniqueViolation(e)) {
                return work.apply(false);
            }
            throw e;
        }
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && "23505".equals(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static void requireKey(String key) {
        if (key == null || key.isBlank()) {
            throw ReviewFailure.of(ProblemType.BAD_REQUEST, "review.needsKey");
        }
        if (key.length() > 200) {
            throw new ReviewFailure(ProblemType.BAD_REQUEST, "Idempotency-Key is longer than 200 characters");
        }
    }

    private static void validate(DecisionRequest r) {
        if (r == null || r.kind() == null) {
            throw ReviewFailure.of(ProblemType.VALIDATION, "review.needsKind");
        }
        if (r.kind() == DecisionKind.REJECT && (r.reasonCode() == null || r.reasonCode().isBlank())) {
            throw ReviewFailure.of(ProblemType.VALIDATION, "review.rejectNeedsReason");
        }
        if (r.kind() == DecisionKind.NEEDS_INFO && (r.question() == null || r.question().isBlank())) {
            throw ReviewFailure.of(ProblemType.VALIDATION, "review.needsInfoNeedsQuestion");
        }
        if (r.note() != null && r.note().length() > 2000 || r.question() != null && r.question().length() > 2000) {
            throw ReviewFailure.of(ProblemType.VALIDATION, "review.textTooLong");
        }
    }

    // ---- final actions ------------------------------------------------------------------------------------------

    public int publishFinalDecisions(int limit) {
        return publisher.publishFinalDecisions(limit);
    }

    public int expireStale(int limit) {
        return expiry.expireStale(limit);
    }

    public int forgetOldIdempotencyKeys() {
        return expiry.forgetOldIdempotencyKeys();
    }

    // ---- reason codes -------------------------------------------------------------------------------------------

    public List<ReasonCode> reasonCodes(Long circleId) {
        return reasonCodes.reasonCodes(circleId);
    }

    public List<ReasonCode> reasonCodes(Long circleId, boolean includeInactive) {
        return reasonCodes.reasonCodes(circleId, includeInactive);
    }

    public ReasonCode createReasonCode(ReviewActor actor, ReasonCode code) {
        return reasonCodes.createReasonCode(actor, code);
    }

    public ReasonCode updateReasonCode(ReviewActor actor, String code, Integer ifMatch, ReasonCode update) {
        return reasonCodes.updateReasonCode(actor, code, ifMatch, update);
    }

    public void deactivateReasonCode(ReviewActor actor, String code) {
        reasonCodes.deactivateReasonCode(actor, code);
    }

    private void requireCircle(Handle h, Long circleId) {
        ReasonCodeService.requireCircle(h, repository, circleId);
    }

    // ---- platform events (called by the ingest handlers, inside the ingest transaction) ---------------------------

    public long upsertCircle(Handle h, String externalId, String name, String city, String topic, JoinMode mode,
                             List<String> questions, int memberCount, String owner) {
        return ingest.upsertCircle(h, externalId, name, city, topic, mode, questions, memberCount, owner);
    }

    public boolean submit(Handle h, ApplicationIngest.Submission s) {
        return ingest.submit(h, s);
    }

    public boolean withdraw(Handle h, String applicationId) {
        return ingest.withdraw(h, applicationId);
    }
}
