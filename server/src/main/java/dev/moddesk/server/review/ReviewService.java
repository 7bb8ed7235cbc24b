package dev.moddesk.server.review;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moddesk.contract.Page;
import dev.moddesk.contract.Problem;
import dev.moddesk.contract.ProblemType;
import dev.moddesk.contract.review.Answer;
import dev.moddesk.contract.review.Applicant;
import dev.moddesk.contract.review.ApplicantHistory;
import dev.moddesk.contract.review.ApplicationDetail;
import dev.moddesk.contract.review.ApplicationStatus;
import dev.moddesk.contract.review.ApplicationSummary;
import dev.moddesk.contract.review.BulkDecisionItem;
import dev.moddesk.contract.review.BulkDecisionRequest;
import dev.moddesk.contract.review.BulkDecisionResult;
import dev.moddesk.contract.review.BulkItemOutcome;
import dev.moddesk.contract.review.Circle;
import dev.moddesk.contract.review.CircleQuestion;
import dev.moddesk.contract.review.ClaimInfo;
import dev.moddesk.contract.review.DecisionInfo;
import dev.moddesk.contract.review.DecisionKind;
import dev.moddesk.contract.review.DecisionRequest;
import dev.moddesk.contract.review.DecisionResult;
import dev.moddesk.contract.review.JoinMode;
import dev.moddesk.contract.review.QueueFilter;
import dev.moddesk.contract.review.QueueHealth;
import dev.moddesk.contract.review.ReasonCode;
import dev.moddesk.contract.review.TextSpan;
import dev.moddesk.contract.review.VideoSubmission;
import dev.moddesk.server.core.AuditLog;
import dev.moddesk.server.core.Json;
import dev.moddesk.server.core.Services;
import dev.moddesk.server.platform.ActionPublisher;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules of circle review: who may claim and decide what, when, and what a decision does. Every write runs in one
 * transaction together with its audit entry and, once final, its platform action.
 */
public final class ReviewService {

    private static final Logger LOG = LoggerFactory.getLogger(ReviewService.class);

    public static final Duration LEASE = Duration.ofMinutes(5);
    public static final Duration UNDO_WINDOW = Duration.ofSeconds(10);
    public static final Duration PRESENCE_WINDOW = Duration.ofSeconds(30);
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
    private final ReviewJson json;
    private final ReasonCodeService reasonCodes;
    private final ApplicantMessages messages;
    private volatile Boolean postgres;
    /**
     * Rows as this node last claimed them for a moderator (claim-next, claim, renewal): a decision on one of them is
     * written by one statement pinned to this state, without locking and reading the row first (PostgreSQL).
     */
    /** Where claim-next may start reading the queue (PostgreSQL): past the dead index entries of decided rows. */
    private final QueueFloors floors = new QueueFloors();
    private final Map<Long, ApplicationRow> claimedRows = new ConcurrentHashMap<>();
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
        return jdbi.withHandle(h -> repository.circles(h, blankToNull(city), actor.cities()));
    }

    public Page<ApplicationSummary> queue(ReviewActor actor, QueueFilter filter, String cursor, Integer limit) {
        QueueFilter f = filter == null ? QueueFilter.all() : filter;
        int size = limit == null ? 50 : Math.clamp(limit, 1, MAX_PAGE);
        ReviewStore.QueueCursor after;
        try {
            after = cursor == null || cursor.isBlank() ? null : ReviewStore.QueueCursor.decode(cursor);
        } catch (RuntimeException e) {
            throw new ReviewFailure(ProblemType.BAD_REQUEST, "The cursor is not one this server gave out");
        }
        if (f.city() != null && !f.city().isBlank() && !actor.mayReview(f.city())) {
            throw outOfScope(f.city());
        }
        Instant now = clock.instant();
        List<ApplicationRow> rows = jdbi.withHandle(h -> {
            requireCircle(h, f.circleId());
            return repository.queue(h, f, actor.cities(), now, after, size + 1);
        });
        String next = null;
        if (rows.size() > size) {
            rows = rows.subList(0, size);
            ApplicationRow last = rows.getLast();
            next = new ReviewStore.QueueCursor(last.riskScore(), last.submittedAt(), last.id()).encode();
        }
        List<ApplicationSummary> items = rows.stream().map(r -> summary(r, now)).toList();
        return new Page<>(items, next);
    }

    public ApplicationDetail detail(ReviewActor actor, long id) {
        return jdbi.withHandle(h -> {
            ApplicationRow row = load(h, actor, id, false);
            return detail(h, actor, row, clock.instant());
        });
    }

    public ApplicantHistory history(ReviewActor actor, String userId) {
        return jdbi.withHandle(h -> {
            List<ApplicationRow> rows = repository.applicationsOf(h, userId, 100);
            if (rows.isEmpty()) {
                throw new ReviewFailure(ProblemType.NOT_FOUND, "No applications from user " + userId);
            }
            Map<String, String> titles = reasonCodes.titles(h);
            ApplicationRow latest = rows.getFirst();
            Applicant applicant = new Applicant(latest.applicantId(), latest.applicantNickname(), latest.applicantCity(),
                    latest.applicantCreatedAt());
            // Room infractions join here once live rooms exist.
            return new ApplicantHistory(applicant, repository.historyItems(rows, titles), List.of());
        });
    }

    public QueueHealth health(ReviewActor actor) {
        Instant now = clock.instant();
        return jdbi.withHandle(h -> {
            ReviewStore.PendingStats stats = repository.pendingStats(h, actor.cities());
            return new QueueHealth(stats.depth(), stats.oldest(), repository.pendingByCity(h, actor.cities()),
                    repository.pendingByCircle(h, actor.cities()),
                    repository.decisionsSince(h, now.minus(THROUGHPUT_WINDOW)),
                    repository.medianWaitSince(h, now.minus(MEDIAN_WINDOW)));
        });
    }

    // ---- claims -------------------------------------------------------------------------------------------------

    public ClaimInfo claim(ReviewActor actor, long id) {
        Instant now = clock.instant();
        Instant until = now.plus(LEASE).truncatedTo(ChronoUnit.MICROS); // as the database keeps it
        return jdbi.inTransaction(h -> {
            ApplicationRow row = load(h, actor, id, false);
            if (row.status() != ApplicationStatus.PENDING) {
                throw ReviewFailure.of(ProblemType.CONFLICT, "review.notPending", id, row.status());
            }
            if (repository.tryClaim(h, id, actor.staffId(), actor.name(), now, until) == 1) {
                h.afterCommit(() -> remember(row.claimedBy(actor.staffId(), actor.name(), until)));
                return new ClaimInfo(actor.staffId(), actor.name(), until);
            }
            ApplicationRow fresh = load(h, actor, id, false);
            if (fresh.claimedByOther(actor.staffId(), now)) {
                throw claimedByOther(fresh);
            }
            throw ReviewFailure.of(ProblemType.CONFLICT, "review.notPending", id, fresh.status());
        });
    }

    private boolean postgres() {
        Boolean p = postgres;
        if (p == null) {
            p = jdbi.withHandle(repository::isPostgres);
            postgres = p;
        }
        return p;
    }

    /** Claims the first free application matching the filter, or empty when none is left. */
    public Optional<ApplicationDetail> claimNext(ReviewActor actor, QueueFilter filter) {
        QueueFilter f = filter == null ? QueueFilter.all() : filter;
        if (f.city() != null && !f.city().isBlank() && !actor.mayReview(f.city())) {
            throw outOfScope(f.city());
        }
        if (postgres()) {
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
                remember(c.row());
                return detail(actor, c.row(), c.circle(), c.viewers(), now);
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
                        return Optional.of(Optional.of(detail(h, actor, row, now)));
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
        return withConnection(c -> repository.claimNextPostgres(c, f, actor.cities(), actor.staffId(), actor.name(),
                now, now.plus(LEASE), now.minus(PRESENCE_WINDOW), start == null ? null : start.floor()));
    }

    /** Work on one pooled connection in autocommit, for the one-statement paths that need no JDBI handle. */
    private interface ConnectionWork<T> {
        T apply(Connection c) throws SQLException;
    }

    /**
     * Runs one-statement work on a pooled connection without a JDBI handle (opening one cost more CPU than the claim
     * statement). Failures surface as JDBI's exceptions, as they would from a handle.
     */
    private <T> T withConnection(ConnectionWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.apply(c);
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e, null);
        }
    }

    public void release(ReviewActor actor, long id) {
        claimedRows.remove(id);
        Optional<Instant> freed = jdbi.inTransaction(h -> {
            ApplicationRow before = load(h, actor, id, false);
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
            load(h, actor, id, false);
            repository.touchPresence(h, id, actor.staffId(), actor.name(), now);
        });
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
            claimedRows.remove(id);
        }
    }

    /** How many decisions took the one-statement path (tests check which path a case takes). */
    long quickDecisions() {
        return quickDecisions.get();
    }

    private void remember(ApplicationRow claimed) {
        if (claimedRows.size() > 20_000) {
            claimedRows.clear(); // a bound on memory; forgetting only costs the quick path
        }
        claimedRows.put(claimed.id(), claimed);
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
        ApplicationRow before = claimedRows.get(id);
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
                    ? withConnection(c -> repository.decideAllPostgres(c, List.of(w.row()), now.plus(LEASE), inline, pins)) == 1
                    : jdbi.inTransaction(h -> {
                        if (repository.decideAllPostgres(h, List.of(w.row()), now.plus(LEASE), null, pins) != 1) {
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
            ApplicationRow before = load(h, actor, id, true);
            if (before.status() == ApplicationStatus.PENDING || before.decidedBy() == null) {
                throw ReviewFailure.of(ProblemType.CONFLICT, "review.nothingToUndo", id);
            }
            if (before.decidedBy() != actor.staffId()) {
                throw ReviewFailure.of(ProblemType.CONFLICT, "review.undoByOther", before.decidedByName());
            }
            if (repository.undo(h, id, actor.staffId(), actor.name(), now, now.plus(LEASE)) != 1) {
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
                    : new BulkItemOutcome(id, null, problem((ReviewFailure) done.get(i), language)));
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
        Instant claimUntil = now.plus(LEASE);
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
                        throw keyReused(key);
                    }
                    outcomes[i] = earlier;
                    continue;
                }
                keyIndex.put(key, i);
                keyHash.put(key, hash);
                ReviewStore.StoredResponse replay = stored.get(key);
                if (replay != null) {
                    if (!replay.requestHash().equals(hash)) {
                        throw keyReused(key);
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
                    throw outOfScope(before.city());
                }
                if (before.claimedByOther(actor.staffId(), now)) {
                    throw claimedByOther(before);
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
                blankToNull(request.note()), blankToNull(request.question()), messages.message(before, request, reason),
                request.kind() == DecisionKind.REJECT && reason != null ? reason.cooldownDays() : null,
                actor.staffId(), actor.name(), now, now.plus(UNDO_WINDOW));
    }

    /** An accepted decision's answer, audit change and the row the PostgreSQL statement writes. */
    private record Written(DecisionResult result, ReviewAudit.Change change, ReviewStore.DecisionRow row) {
    }

    private Written written(ReviewActor actor, Accepted a, Instant now, boolean auditJson) {
        ReviewStore.DecisionWrite w = a.write();
        ApplicationRow held = a.claim() ? a.before().claimedBy(actor.staffId(), actor.name(), now.plus(LEASE)) : a.before();
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
            int count = repository.decideAllPostgres(h, rows, now.plus(LEASE), inline);
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
                actor.staffId(), actor.name(), now, now.plus(LEASE));
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

    private static ReviewFailure keyReused(String key) {
        return ReviewFailure.of(ProblemType.IDEMPOTENCY_KEY_REUSED, "review.keyReused", key);
    }

    private Optional<DecisionResult> replay(Handle h, ReviewActor actor, String key, String hash) {
        return repository.idempotencyRecord(h, actor.staffId(), key).map(stored -> {
            if (!stored.requestHash().equals(hash)) {
                throw keyReused(key);
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

    // ---- mapping ------------------------------------------------------------------------------------------------

    private ApplicationRow load(Handle h, ReviewActor actor, long id, boolean forUpdate) {
        ApplicationRow row = repository.application(h, id, forUpdate)
                .orElseThrow(() -> ReviewFailure.of(ProblemType.NOT_FOUND, "review.noApplication", id));
        if (!actor.mayReview(row.city())) {
            throw outOfScope(row.city());
        }
        return row;
    }

    private static ReviewFailure outOfScope(String city) {
        return ReviewFailure.of(ProblemType.OUT_OF_SCOPE, "review.outOfScope", city);
    }

    private static ReviewFailure claimedByOther(ApplicationRow row) {
        Map<String, Object> ext = new LinkedHashMap<>();
        ext.put("holder", row.claimedByName());
        ext.put("holderId", row.claimedBy());
        ext.put("until", row.claimExpiresAt().toString());
        return ReviewFailure.of(ProblemType.CLAIMED_BY_OTHER, ext, "review.claimedByOther", row.claimedByName(), row.id(),
                row.claimExpiresAt().toString());
    }

    static Problem problem(ReviewFailure f, Locale language) {
        return new Problem(f.type().uri().toString(), f.type().title(), f.type().status(), f.detail(language), null,
                List.of(), f.extensions());
    }

    private ApplicationSummary summary(ApplicationRow r, Instant now) {
        return new ApplicationSummary(r.id(), r.circleId(), r.circleName(), r.city(), r.mode(), r.applicantId(),
                r.applicantNickname(), r.submittedAt(), r.riskScore(), codeList(r.riskCodes()), claimInfo(r, now), r.version());
    }

    private static ClaimInfo claimInfo(ApplicationRow r, Instant now) {
        return r.claimedAt(now) ? new ClaimInfo(r.claimedBy(), r.claimedByName(), r.claimExpiresAt()) : null;
    }

    private ApplicationDetail detail(Handle h, ReviewActor actor, ApplicationRow r, Instant now) {
        return detail(actor, r, repository.circle(h, r.circleId()).orElseThrow(),
                repository.viewers(h, r.id(), actor.staffId(), now.minus(PRESENCE_WINDOW)), now);
    }

    private ApplicationDetail detail(ReviewActor actor, ApplicationRow r, Circle circle, List<String> viewers,
                                     Instant now) {
        Map<Integer, String> questions = circle.questions().stream()
                .collect(Collectors.toMap(CircleQuestion::position, CircleQuestion::text, (a, b) -> a));
        List<Answer> answers = json.read(r.answersJson(), ReviewJson.ANSWERS).stream()
                .map(a -> new Answer(a.position(), questions.get(a.position()), a.text(), spans(a.text())))
                .toList();
        VideoSubmission video = r.videoMediaKey() == null ? null : new VideoSubmission(
                media.signedPath(r.videoMediaKey(), now),
                r.videoPosterKey() == null ? null : media.signedPath(r.videoPosterKey(), now),
                r.videoDuration() == null ? 0 : r.videoDuration(), r.videoCaption());
        DecisionInfo decision = r.decisionKind() == null ? null : new DecisionInfo(r.decisionKind(), r.decisionReason(),
                r.decisionNote(), r.decidedBy(), r.decidedByName(), r.decidedAt(),
                r.publishPending() && r.undoableUntil() != null && r.undoableUntil().isAfter(now) ? r.undoableUntil() : null);
        return new ApplicationDetail(r.id(), r.version(), circle,
                new Applicant(r.applicantId(), r.applicantNickname(), r.applicantCity(), r.applicantCreatedAt()),
                r.status(), r.mode(), answers, video, r.submittedAt(), r.riskScore(), json.read(r.riskJson(), ReviewJson.RISKS),
                claimInfo(r, now), viewers, decision);
    }

    private List<TextSpan> spans(String text) {
        return risk.screen().find(text).stream().map(hit -> new TextSpan(hit.start(), hit.end(), hit.term())).toList();
    }

    private static List<String> codeList(String codes) {
        return codes == null || codes.isBlank() ? List.of() : Arrays.asList(codes.split(","));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
