package dev.moddesk.server.review;

import dev.moddesk.server.testing.Backend;
import dev.moddesk.server.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.moddesk.contract.Page;
import dev.moddesk.contract.ProblemType;
import dev.moddesk.contract.Role;
import dev.moddesk.contract.review.Applicant;
import dev.moddesk.contract.review.ApplicantHistory;
import dev.moddesk.contract.review.ApplicationDetail;
import dev.moddesk.contract.review.ApplicationStatus;
import dev.moddesk.contract.review.ApplicationSummary;
import dev.moddesk.contract.review.BulkDecisionItem;
import dev.moddesk.contract.review.BulkDecisionRequest;
import dev.moddesk.contract.review.BulkDecisionResult;
import dev.moddesk.contract.review.ClaimInfo;
import dev.moddesk.contract.review.DecisionKind;
import dev.moddesk.contract.review.DecisionRequest;
import dev.moddesk.contract.review.DecisionResult;
import dev.moddesk.contract.review.JoinMode;
import dev.moddesk.contract.review.QueueFilter;
import dev.moddesk.contract.review.QueueHealth;
import dev.moddesk.contract.review.ReasonCode;
import dev.moddesk.contract.review.RiskSignal;
import dev.moddesk.server.platform.IngestHandler;
import dev.moddesk.server.platform.IngestNote;
import dev.moddesk.server.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The review rules, run against H2 and PostgreSQL by the two subclasses. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ReviewServiceContract {

    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    static final ReviewActor ALICE = new ReviewActor(1, "alice", Role.MODERATOR, Set.of());
    static final ReviewActor BOB = new ReviewActor(2, "bob", Role.MODERATOR, Set.of());
    static final ReviewActor SHANGHAI_ONLY = new ReviewActor(3, "carol", Role.MODERATOR, Set.of("上海"));
    static final ReviewActor ADMIN = new ReviewActor(9, "root", Role.ADMIN, Set.of());

    TestDatabase db;
    MutableClock clock;
    RecordingActions actions;
    RecordingAudit audit;
    ReviewModule review;
    private final AtomicInteger sequence = new AtomicInteger();
    private String prefix;

    abstract TestDatabase open();

    @BeforeAll
    void openDatabase() {
        db = open();
    }

    @AfterAll
    void closeDatabase() {
        db.close();
    }

    @BeforeEach
    void freshService() {
        clock = new MutableClock(Instant.parse("2026-05-01T08:00:00Z").plus(Duration.ofDays(sequence.incrementAndGet())));
        actions = new RecordingActions();
        audit = new RecordingAudit();
        review = newNode();
        // Tests share one database; a prefix per test keeps their circles and applications apart.
        prefix = "t" + sequence.get() + "-";
        db.jdbi().useHandle(h -> {
            h.execute("UPDATE review_application SET status = 'EXPIRED' WHERE status = 'PENDING'");
            h.execute("UPDATE review_application SET publish_pending = FALSE");
            h.execute("DELETE FROM review_idempotency");
        });
    }

    String circle(String name, String city) {
        String ext = prefix + name;
        db.jdbi().useTransaction(h -> review.ingest().upsertCircle(h, ext, name, city, "徒步", JoinMode.EITHER,
                List.of("你为什么想加入？", "你有什么相关经验？"), 10, "owner"));
        return ext;
    }

    long submit(String circleExt, String userId, String city, Instant accountCreated, String... answers) {
        String ext = prefix + "app-" + sequence.incrementAndGet();
        List<StoredAnswer> list = new ArrayList<>();
        for (int i = 0; i < answers.length; i++) {
            list.add(new StoredAnswer(i + 1, answers[i]));
        }
        db.jdbi().useTransaction(h -> review.ingest().submit(h, new ApplicationIngest.Submission(ext, circleExt,
                new Applicant(prefix + userId, "昵称" + userId, city, accountCreated), null, list, null, null, null, null,
                clock.instant())));
        clock.advance(Duration.ofSeconds(1));
        return db.jdbi().withHandle(h -> h.createQuery("SELECT id FROM review_application WHERE external_id = :e")
                .bind("e", ext).mapTo(Long.class).one());
    }

    long submitGood(String circleExt) {
        return submit(circleExt, "u" + sequence.incrementAndGet(), "北京", clock.instant().minus(Duration.ofDays(400)),
                "周末想一起走走，认识同城朋友" + sequence.get(), "去年走过好几次香山和凤凰岭" + sequence.get());
    }

    QueueFilter circleFilter(String circleExt) {
        long id = db.jdbi().withHandle(h -> h.createQuery("SELECT id FROM review_circle WHERE external_id = :e")
                .bind("e", circleExt).mapTo(Long.class).one());
        return new QueueFilter(null, id, null, null, null, null, "age");
    }

    static DecisionRequest approve() {
        return new DecisionRequest(DecisionKind.APPROVE, null, null, null);
    }

    static DecisionRequest reject(String code) {
        return new DecisionRequest(DecisionKind.REJECT, code, "spam", null);
    }

    int version(long id) {
        return review.queries().detail(ALICE, id).version();
    }

    static ProblemType problemOf(Throwable t) {
        return ((ReviewFailure) t).type();
    }

    // ---- risk signals -------------------------------------------------------------------------------------------

    @Test
    void submissionsGetRiskSignalsAndScreenedSpans() {
        String c = circle("香山徒步", "北京");
        long ad = submit(c, "ad", "北京", clock.instant().minus(Duration.ofDays(2)), "想加入，加.微.信 abc123 有福利", "无");
        ApplicationDetail detail = review.queries().detail(ALICE, ad);
        assertThat(detail.risks()).extracting(RiskSignal::code).contains("SCREENED_WORDS", "NEW_ACCOUNT");
        assertThat(detail.riskScore()).isGreaterThanOrEqualTo(60);
        var answer = detail.answers().getFirst();
        assertThat(answer.question()).isEqualTo("你为什么想加入？");
        assertThat(answer.screened()).anySatisfy(span ->
                assertThat(answer.text().substring(span.start(), span.end())).isEqualTo("加.微.信"));

        long away = submit(c, "far", "广州", clock.instant().minus(Duration.ofDays(300)), "我很喜欢爬山，周末有空", "五年");
        assertThat(review.queries().detail(ALICE, away).risks()).extracting(RiskSignal::code).containsExactly("LOCATION_MISMATCH");
        assertThat(review.queries().detail(ALICE, away).risks().getFirst().params())
                .containsEntry("applicantCity", "广州").containsEntry("circleCity", "北京");
    }

    @Test
    void theThirdCopyOfAnAnswerFlagsTheWholeRing() {
        String c = circle("读书会", "北京");
        String copied = "我热爱读书，每月读十本书，希望和大家交流";
        long first = submit(c, "r1", "北京", clock.instant().minus(Duration.ofDays(100)), copied);
        long second = submit(c, "r2", "北京", clock.instant().minus(Duration.ofDays(100)), copied);
        assertThat(review.queries().detail(ALICE, second).risks()).isEmpty();
        long third = submit(c, "r3", "北京", clock.instant().minus(Duration.ofDays(100)), "我热爱读书，每月读十本书！希望和大家交流。");
        assertThat(review.queries().detail(ALICE, third).risks()).extracting(RiskSignal::code).containsExactly("DUPLICATE_TEXT");
        assertThat(review.queries().detail(ALICE, first).risks()).extracting(RiskSignal::code).containsExactly("DUPLICATE_TEXT");
        assertThat(review.queries().detail(ALICE, first).riskScore()).isEqualTo(30);
        // The facts travel as values too, so the console can say them in the moderator's language.
        assertThat(review.queries().detail(ALICE, first).risks().getFirst().params()).containsEntry("applicants", "3");
    }

    @Test
    void aRejectionInItsCooldownIsASignalOnTheNextApplication() {
        String c = circle("桌游", "北京");
        long first = submit(c, "again", "北京", clock.instant().minus(Duration.ofDays(100)), "想玩桌游，喜欢狼人杀");
        review.claims().claim(ALICE, first);
        review.decisions().decide(ALICE, first, "k1", version(first), reject("ADS"));
        long second = submit(c, "again", "北京", clock.instant().minus(Duration.ofDays(100)), "想玩桌游，喜欢三国杀");
        assertThat(review.queries().detail(ALICE, second).risks()).extracting(RiskSignal::code).containsExactly("RECENT_REJECTION");
    }

    // ---- queue --------------------------------------------------------------------------------------------------

    @Test
    void queuePagesWithACursorAndSortsByRisk() {
        String c = circle("摄影", "北京");
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(submitGood(c));
        }
        long risky = submit(c, "risky", "北京", clock.instant(), "兼職刷單日结");
        ids.add(risky);
        QueueFilter byCircle = circleFilter(c);
        Page<ApplicationSummary> first = review.queries().queue(ALICE, byCircle, null, 4);
        assertThat(first.items()).extracting(ApplicationSummary::id).containsExactlyElementsOf(ids.subList(0, 4));
        Page<ApplicationSummary> second = review.queries().queue(ALICE, byCircle, first.nextCursor(), 4);
        assertThat(second.items()).extracting(ApplicationSummary::id).containsExactlyElementsOf(ids.subList(4, 6));
        assertThat(second.nextCursor()).isNull();

        QueueFilter byRisk = new QueueFilter(null, byCircle.circleId(), null, null, null, null, "risk");
        assertThat(review.queries().queue(ALICE, byRisk, null, 10).items().getFirst().id()).isEqualTo(risky);
        QueueFilter minRisk = new QueueFilter(null, byCircle.circleId(), null, 40, null, null, "age");
        assertThat(review.queries().queue(ALICE, minRisk, null, 10).items()).extracting(ApplicationSummary::id).containsExactly(risky);
        QueueFilter search = new QueueFilter(null, byCircle.circleId(), null, null, null, "刷单", "age");
        assertThat(review.queries().queue(ALICE, search, null, 10).items()).isEmpty(); // search is literal, the answer says 刷單
        QueueFilter search2 = new QueueFilter(null, byCircle.circleId(), null, null, null, "刷單", "age");
        assertThat(review.queries().queue(ALICE, search2, null, 10).items()).extracting(ApplicationSummary::id).containsExactly(risky);
    }

    // ---- claims -------------------------------------------------------------------------------------------------

    @Test
    void aClaimHeldByAnotherIsRefusedWithHolderAndUntilAndExpiresOnItsOwn() {
        String c = circle("羽毛球", "北京");
        long id = submitGood(c);
        ClaimInfo mine = review.claims().claim(ALICE, id);
        assertThat(mine.staffName()).isEqualTo("alice");
        assertThat(mine.expiresAt()).isEqualTo(clock.instant().plus(ClaimService.LEASE));

        assertThatThrownBy(() -> review.claims().claim(BOB, id)).isInstanceOfSatisfying(ReviewFailure.class, f -> {
            assertThat(f.type()).isEqualTo(ProblemType.CLAIMED_BY_OTHER);
            assertThat(f.extensions()).containsEntry("holder", "alice").containsEntry("until", mine.expiresAt().toString());
        });

        clock.advance(Duration.ofMinutes(4));
        ClaimInfo renewed = review.claims().claim(ALICE, id);
        assertThat(renewed.expiresAt()).isAfter(mine.expiresAt());

        clock.advance(ClaimService.LEASE.plusSeconds(1));
        assertThat(review.claims().claim(BOB, id).staffName()).isEqualTo("bob");
        assertThat(review.queries().detail(ALICE, id).claim().staffName()).isEqualTo("bob");
    }

    @Test
    void releaseFreesTheApplicationAndIsAudited() {
        String c = circle("骑行", "北京");
        long id = submitGood(c);
        review.claims().claim(ALICE, id);
        review.claims().release(ALICE, id);
        assertThat(review.queries().detail(BOB, id).claim()).isNull();
        assertThat(audit.actions()).contains("review.claim.release");
        assertThat(review.claims().claim(BOB, id).staffName()).isEqualTo("bob");
    }

    @Test
    void claimNextSkipsClaimedItemsAndAnswersEmptyWhenNoneLeft() {
        String c = circle("宠物", "北京");
        long a = submitGood(c);
        long b = submitGood(c);
        QueueFilter f = circleFilter(c);
        assertThat(review.claims().claimNext(ALICE, f)).get().extracting(ApplicationDetail::id).isEqualTo(a);
        ApplicationDetail next = review.claims().claimNext(BOB, f).orElseThrow();
        assertThat(next.id()).isEqualTo(b);
        assertThat(next.claim().staffName()).isEqualTo("bob");
        assertThat(review.claims().claimNext(BOB, f)).isEmpty();
    }

    @Test
    void aDecisionKeyIsReplayedAfterDaysOfflineAndForgottenOnlyAfterTheRetention() {
        String c = circle("徒步", "北京");
        long id = submitGood(c);
        review.claims().claim(ALICE, id);
        int v = version(id);
        DecisionResult first = review.decisions().decide(ALICE, id, "offline-key", v, approve());
        clock.advance(Duration.ofDays(6));
        review.expiry().forgetOldIdempotencyKeys();
        assertThat(review.decisions().decide(ALICE, id, "offline-key", v, approve()))
                .as("a console back after six days offline gets its answer replayed").isEqualTo(first);
        clock.advance(Duration.ofDays(2));
        review.expiry().forgetOldIdempotencyKeys();
        assertThatThrownBy(() -> review.decisions().decide(ALICE, id, "offline-key", v, approve()))
                .as("after the default seven days the record is gone")
                .satisfies(t -> assertThat(problemOf(t)).isIn(ProblemType.PRECONDITION_FAILED, ProblemType.CONFLICT));
    }

    /** A server on the test database, with its own memory (claimed rows, queue floors); shares clock and recorders. */
    ReviewModule newNode() {
        return new ReviewModule(db.jdbi(), db.dataSource(), clock, ReviewScreen.bundled(), audit, actions,
                new MediaLinks("0123456789abcdef0123".getBytes(StandardCharsets.UTF_8), Duration.ofHours(1)), JSON);
    }

    /** Bob takes the oldest application on another node, Alice the next one here; then Bob lets his go there. */
    void bobReleasesTheOldestOnAnotherNode(QueueFilter f, long first, long second) {
        ReviewModule bobsNode = newNode();
        assertThat(bobsNode.claims().claimNext(BOB, f).orElseThrow().id()).isEqualTo(first);
        assertThat(review.claims().claimNext(ALICE, f).orElseThrow().id()).isEqualTo(second);
        bobsNode.claims().release(BOB, first); // this node does not hear of it
    }

    @Test
    void theQueueNeverLooksEmptyWhileAnOlderApplicationIsFree() {
        String c = circle("读书会", "北京");
        QueueFilter f = circleFilter(c);
        long first = submitGood(c);
        bobReleasesTheOldestOnAnotherNode(f, first, submitGood(c));
        assertThat(review.claims().claimNext(ALICE, f)).get().extracting(ApplicationDetail::id).isEqualTo(first);
        assertThat(review.claims().claimNext(ALICE, f)).isEmpty();
    }

    @Test
    void anApplicationFreedAnywhereIsClaimedInQueueOrderAgain() {
        String c = circle("桌游", "北京");
        QueueFilter f = circleFilter(c);
        long first = submitGood(c);
        long second = submitGood(c);
        long third = submitGood(c);
        long fourth = submitGood(c);

        // Released on another node: claimed again in order at the latest a refresh later.
        bobReleasesTheOldestOnAnotherNode(f, first, second);
        clock.advance(QueueFloors.REFRESH);
        assertThat(review.claims().claimNext(ALICE, f).orElseThrow().id()).isEqualTo(first);

        // Released on this node: next at once, though claim-next had moved past it.
        assertThat(review.claims().claimNext(ALICE, f).orElseThrow().id()).isEqualTo(third);
        review.claims().release(ALICE, second);
        assertThat(review.claims().claimNext(BOB, f).orElseThrow().id()).isEqualTo(second);

        // Claims that lapsed: back in the queue once their lease is over.
        clock.advance(ClaimService.LEASE.plusSeconds(1));
        assertThat(review.claims().claimNext(BOB, f).orElseThrow().id()).isEqualTo(first);

        // Submitted late by the platform (an earlier submission time): it is the oldest waiting.
        String late = prefix + "late";
        db.jdbi().useTransaction(h -> review.ingest().submit(h, new ApplicationIngest.Submission(late, c,
                new Applicant(prefix + "late-user", "迟到", "北京", clock.instant().minus(Duration.ofDays(400))), null,
                List.of(new StoredAnswer(1, "刚刚才提交上来")), null, null, null, null,
                clock.instant().minus(Duration.ofDays(3)))));
        assertThat(review.claims().claimNext(ALICE, f).orElseThrow().applicant().nickname()).isEqualTo("迟到");
        assertThat(review.claims().claimNext(ALICE, f).orElseThrow().id()).as("lapsed too").isEqualTo(second);
        assertThat(review.claims().claimNext(ALICE, f).orElseThrow().id()).isEqualTo(third);
        assertThat(review.claims().claimNext(ALICE, f).orElseThrow().id()).isEqualTo(fourth);
    }

    @Test
    void claimNextShowsTheSameApplicationAsItsDetailWithQuestionsAndViewers() {
        String c = circle("飞盘", "北京");
        long id = submitGood(c);
        review.claims().presence(BOB, id);
        ApplicationDetail claimed = review.claims().claimNext(ALICE, circleFilter(c)).orElseThrow();
        assertThat(claimed.circle().name()).isEqualTo("飞盘");
        assertThat(claimed.circle().city()).isEqualTo("北京");
        assertThat(claimed.circle().questions()).extracting(q -> q.text())
                .containsExactly("你为什么想加入？", "你有什么相关经验？");
        assertThat(claimed.answers()).extracting(a -> a.question())
                .containsExactly("你为什么想加入？", "你有什么相关经验？");
        assertThat(claimed.viewers()).containsExactly("bob");
        assertThat(claimed).usingRecursiveComparison().isEqualTo(review.queries().detail(ALICE, id));
    }

    @Test
    void presenceShowsOtherViewers() {
        String c = circle("咖啡探店", "北京");
        long id = submitGood(c);
        review.claims().presence(BOB, id);
        assertThat(review.queries().detail(ALICE, id).viewers()).containsExactly("bob");
        assertThat(review.queries().detail(BOB, id).viewers()).isEmpty();
        clock.advance(ApplicationLoader.PRESENCE_WINDOW.plusSeconds(1));
        assertThat(review.queries().detail(ALICE, id).viewers()).isEmpty();
    }

    // ---- decisions ----------------------------------------------------------------------------------------------

    @Test
    void aDecisionNeedsTheClaimAnIfMatchAndAKey() {
        String c = circle("剧本杀", "北京");
        long id = submitGood(c);
        int v = version(id);
        assertThatThrownBy(() -> review.decisions().decide(ALICE, id, "k", v, approve()))
                .satisfies(t -> assertThat(problemOf(t)).isEqualTo(ProblemType.CONFLICT));
        review.claims().claim(BOB, id);
        assertThatThrownBy(() -> review.decisions().decide(ALICE, id, "k", v, approve()))
                .satisfies(t -> assertThat(problemOf(t)).isEqualTo(ProblemType.CLAIMED_BY_OTHER));
        review.claims().release(BOB, id);
        review.claims().claim(ALICE, id);
        assertThatThrownBy(() -> review.decisions().decide(ALICE, id, "k", null, approve()))
                .satisfies(t -> assertThat(problemOf(t)).isEqualTo(ProblemType.PRECONDITION_REQUIRED));
        assertThatThrownBy(() -> review.decisions().decide(ALICE, id, null, v, approve()))
                .satisfies(t -> assertThat(problemOf(t)).isEqualTo(ProblemType.BAD_REQUEST));
        assertThatThrownBy(() -> review.decisions().decide(ALICE, id, "k", v + 1, approve()))
                .satisfies(t -> assertThat(problemOf(t)).isEqualTo(ProblemType.PRECONDITION_FAILED));
        assertThatThrownBy(() -> review.decisions().decide(ALICE, id, "k", v, new DecisionRequest(DecisionKind.REJECT, null, null, null)))
                .satisfies(t -> assertThat(problemOf(t)).isEqualTo(ProblemType.VALIDATION));

        DecisionResult r = review.decisions().decide(ALICE, id, "k", v, approve());
        assertThat(r.status()).isEqualTo(ApplicationStatus.APPROVED);
        assertThat(r.version()).isEqualTo(v + 1);
        assertThat(r.undoableUntil()).isEqualTo(clock.instant().plus(DecisionService.UNDO_WINDOW));
        assertThat(r.applicantMessage()).contains("欢迎加入剧本杀");
        assertThat(audit.entries).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("review.decision");
            assertThat(e.before()).containsEntry("status", "PENDING");
            assertThat(e.after()).containsEntry("status", "APPROVED").containsEntry("decidedBy", "alice");
        });
    }

    @Test
    void aReplayReturnsTheStoredResultAndAnotherBodyUnderTheSameKeyIsRefused() {
        String c = circle("徒步", "北京");
        long id = submitGood(c);
        review.claims().claim(ALICE, id);
        int v = version(id);
        DecisionResult first = review.decisions().decide(ALICE, id, "same-key", v, reject("OFF_TOPIC"));
        clock.advance(Duration.ofSeconds(3));
        DecisionResult replay = review.decisions().decide(ALICE, id, "same-key", v, reject("OFF_TOPIC"));
        assertThat(replay).isEqualTo(first);
        assertThat(first.applicantMessage()).contains("你的回答与徒步的问题无关");
        assertThatThrownBy(() -> review.decisions().decide(ALICE, id, "same-key", v, reject("ADS")))
                .satisfies(t -> assertThat(problemOf(t)).isEqualTo(ProblemType.IDEMPOTENCY_KEY_REUSED));
        int decisions = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM review_decision WHERE application_id = :a")
                .bind("a", id).mapTo(Integer.class).one());
        assertThat(decisions).isEqualTo(1);
        // A different key for an already decided application is a conflict with its state, not a second decision.
        assertThatThrownBy(() -> review.decisions().decide(ALICE, id, "other-key", v + 1, approve()))
                .satisfies(t -> assertThat(problemOf(t)).isEqualTo(ProblemType.CONFLICT));
    }

    @Test
    void aDecisionSeesChangesMadeBehindThisServersBack() throws Exception {
        // Another node renewed Alice's claim: the decision still goes through, and the audit shows the renewed claim.
        String c = circle("骑行", "北京");
        long renewed = submitGood(c);
        review.claims().claim(ALICE, renewed);
        Instant later = clock.instant().plus(Duration.ofMinutes(3)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        db.jdbi().useHandle(h -> h.createUpdate("UPDATE review_application SET claim_expires_at = :t WHERE id = :id")
                .bind("t", later.atOffset(java.time.ZoneOffset.UTC)).bind("id", renewed).execute());
        long quick = review.decisions().quickDecisions();
        assertThat(review.decisions().decide(ALICE, renewed, "r1", version(renewed), approve()).status())
                .isEqualTo(ApplicationStatus.APPROVED);
        assertThat(review.decisions().quickDecisions()).as("the remembered claim no longer matched").isEqualTo(quick);
        assertThat(audit.entries).filteredOn(e -> e.action().equals("review.decision")
                        && e.targetId().equals(String.valueOf(renewed))).singleElement()
                .satisfies(e -> assertThat(e.before()).containsEntry("claimExpiresAt", later.toString()));

        // Another node let the claim lapse and gave the application to Bob: Alice is told who holds it.
        long takenOver = submitGood(c);
        review.claims().claim(ALICE, takenOver);
        db.jdbi().useHandle(h -> h.createUpdate(
                        "UPDATE review_application SET claimed_by = 2, claimed_by_name = 'bob' WHERE id = :id")
                .bind("id", takenOver).execute());
        assertThatThrownBy(() -> review.decisions().decide(ALICE, takenOver, "r2", version(takenOver), approve()))
                .satisfies(t -> assertThat(problemOf(t)).isEqualTo(ProblemType.CLAIMED_BY_OTHER));

        // An admin deactivated the reason after this server last read it: the rejection is refused, nothing written.
        long rejected = submitGood(c);
        review.claims().claim(ALICE, rejected);
        long earlier = submitClaimed(c);
        review.decisions().decide(ALICE, earlier, "r3", version(earlier), reject("ADS")); // the service reads the reason code
        assertThat(review.decisions().quickDecisions()).as("one statement on PostgreSQL, none on H2")
                .isEqualTo(onPostgres() ? quick + 1 : 0);
        review.reasonCodes().deactivateReasonCode(ADMIN, "ADS");
        try {
            assertThatThrownBy(() -> review.decisions().decide(ALICE, rejected, "r4", version(rejected), reject("ADS")))
                    .satisfies(t -> assertThat(problemOf(t)).isEqualTo(ProblemType.VALIDATION));
            assertThat(version(rejected)).isEqualTo(1);
        } finally {
            db.jdbi().useHandle(h -> h.execute("UPDATE review_reason_code SET active = TRUE WHERE code = 'ADS'"));
        }
    }

    private boolean onPostgres() throws java.sql.SQLException {
        return db.jdbi().withHandle(h -> h.getConnection().getMetaData().getDatabaseProductName())
                .toLowerCase(java.util.Locale.ROOT).contains("postgres");
    }

    private long submitClaimed(String c) {
        long id = submitGood(c);
        review.claims().claim(ALICE, id);
        return id;
    }

    @Test
    void aKeyReusedForAnotherPendingApplicationIsRefusedAndDecidesNothing() {
        String c = circle("徒步", "北京");
        long first = submitGood(c);
        long second = submitGood(c);
        review.claims().claim(ALICE, first);
        review.claims().claim(ALICE, second);
        review.decisions().decide(ALICE, first, "one-key", version(first), approve());
        int v = version(second);
        assertThatThrownBy(() -> review.decisions().decide(ALICE, second, "one-key", v, approve()))
                .satisfies(t -> assertThat(problemOf(t)).isEqualTo(ProblemType.IDEMPOTENCY_KEY_REUSED));
        assertThat(version(second)).isEqualTo(v);
        BulkDecisionResult bulk = review.decisions().bulk(ALICE, new BulkDecisionRequest(approve(),
                List.of(new BulkDecisionItem(second, v, "one-key"))));
        assertThat(bulk.outcomes()).singleElement().satisfies(o -> {
            assertThat(o.result()).isNull();
            assertThat(o.problem().type()).isEqualTo(ProblemType.IDEMPOTENCY_KEY_REUSED.uri().toString());
        });
        int decisions = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM review_decision WHERE application_id = :a")
                .bind("a", second).mapTo(Integer.class).one());
        assertThat(decisions).isZero();
    }

    @Test
    void undoWithinTheWindowPutsItBackClaimedAndNothingIsPublished() {
        String c = circle("夜跑", "北京");
        long id = submitGood(c);
        review.claims().claim(ALICE, id);
        DecisionResult decided = review.decisions().decide(ALICE, id, "d1", version(id), reject("ADS"));
        clock.advance(Duration.ofSeconds(9));
        assertThat(review.publisher().publishFinalDecisions(100)).isZero();
        assertThatThrownBy(() -> review.undo().undo(BOB, id, "u0"))
                .satisfies(t -> assertThat(problemOf(t)).isEqualTo(ProblemType.CONFLICT));
        DecisionResult undone = review.undo().undo(ALICE, id, "u1");
        assertThat(undone.status()).isEqualTo(ApplicationStatus.PENDING);
        assertThat(undone.version()).isEqualTo(decided.version() + 1);
        assertThat(review.undo().undo(ALICE, id, "u1")).isEqualTo(undone);
        ApplicationDetail detail = review.queries().detail(ALICE, id);
        assertThat(detail.status()).isEqualTo(ApplicationStatus.PENDING);
        assertThat(detail.claim().staffName()).isEqualTo("alice");
        assertThat(detail.decision()).isNull();
        clock.advance(Duration.ofMinutes(1));
        assertThat(review.publisher().publishFinalDecisions(100)).isZero();
        assertThat(actions.published).isEmpty();
        assertThat(audit.actions()).contains("review.decision", "review.decision.undo");
    }

    String externalId(long id) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT external_id FROM review_application WHERE id = :id")
                .bind("id", id).mapTo(String.class).one());
    }

    /** The outcome note of an {@code application.withdrawn} event, applied as the ingest API applies it. */
    String withdrawnEvent(String externalId) {
        IngestHandler handler = ReviewIngestHandlers.all(review.ingest()).stream()
                .filter(x -> x.type().equals("application.withdrawn")).findFirst().orElseThrow();
        var event = new IngestHandler.Event("evt-" + externalId, "application.withdrawn", clock.instant(),
                JSON.createObjectNode().put("applicationId", externalId));
        IngestNote note = db.jdbi().inTransaction(h -> handler.applyNoting(h, event));
        return note == null ? null : note.text(Locale.ENGLISH);
    }

    @Test
    void aWithdrawalInsideTheUndoWindowWinsAndNothingIsPublished() {
        String c = circle("晨跑", "北京");
        long id = submitGood(c);
        review.claims().claim(ALICE, id);
        review.decisions().decide(ALICE, id, "w1", version(id), approve());
        clock.advance(Duration.ofSeconds(5));
        assertThat(withdrawnEvent(externalId(id))).as("it changed something: no note").isNull();
        assertThat(review.queries().detail(ALICE, id).status()).isEqualTo(ApplicationStatus.WITHDRAWN);
        assertThatThrownBy(() -> review.undo().undo(ALICE, id, "w-undo"))
                .satisfies(t -> assertThat(problemOf(t)).isEqualTo(ProblemType.CONFLICT));
        clock.advance(Duration.ofMinutes(1));
        assertThat(review.publisher().publishFinalDecisions(100)).isZero();
        assertThat(actions.published).isEmpty();
        assertThat(audit.entries).anySatisfy(e -> {
            assertThat(e.actor()).isEqualTo("system");
            assertThat(e.action()).isEqualTo("review.withdraw");
            assertThat(e.targetId()).isEqualTo(String.valueOf(id));
            assertThat(e.before()).containsEntry("status", "APPROVED");
            assertThat(e.after()).containsEntry("status", "WITHDRAWN");
        });
    }

    @Test
    void aWithdrawalThatOvertakesItsSubmissionIsAppliedWhenTheSubmissionArrives() {
        String c = circle("早到的撤回", "北京");
        String ext = prefix + "app-early";
        assertThat(withdrawnEvent(ext)).contains("not known yet");
        db.jdbi().useTransaction(h -> review.ingest().submit(h, new ApplicationIngest.Submission(ext, c,
                new Applicant(prefix + "early", "早", "北京", clock.instant().minus(Duration.ofDays(300))), null,
                List.of(new StoredAnswer(1, "想加入，周末有空")), null, null, null, null, clock.instant())));
        long id = db.jdbi().withHandle(h -> h.createQuery("SELECT id FROM review_application WHERE external_id = :e")
                .bind("e", ext).mapTo(Long.class).one());
        assertThat(review.queries().detail(ALICE, id).status()).isEqualTo(ApplicationStatus.WITHDRAWN);
        assertThat(review.claims().claimNext(ALICE, circleFilter(c))).isEmpty();
        assertThat(audit.entries).anySatisfy(e -> {
            assertThat(e.actor()).isEqualTo("system");
            assertThat(e.action()).isEqualTo("review.withdraw");
            assertThat(e.targetId()).isEqualTo(String.valueOf(id));
        });
    }

    @Test
    void aWithdrawalAfterPublicationChangesNothingAndSaysWhy() {
        String c = circle("晚到的撤回", "北京");
        long id = submitGood(c);
        review.claims().claim(ALICE, id);
        review.decisions().decide(ALICE, id, "late-w", version(id), approve());
        clock.advance(DecisionService.UNDO_WINDOW);
        assertThat(review.publisher().publishFinalDecisions(100)).isEqualTo(1);
        assertThat(withdrawnEvent(externalId(id))).contains("Nothing changed").contains("APPROVED")
                .contains("already published");
        assertThat(review.queries().detail(ALICE, id).status()).isEqualTo(ApplicationStatus.APPROVED);
        assertThat(actions.published).extracting(RecordingActions.Published::type).containsExactly("application.approved");
    }

    @Test
    void afterTheWindowTheDecisionIsFinalAndPublishedOnce() {
        String c = circle("飞盘", "北京");
        long id = submitGood(c);
        review.claims().claim(ALICE, id);
        review.decisions().decide(ALICE, id, "d1", version(id), reject("NOT_LOCAL"));
        clock.advance(DecisionService.UNDO_WINDOW);
        assertThatThrownBy(() -> review.undo().undo(ALICE, id, "u1"))
                .satisfies(t -> assertThat(problemOf(t)).isEqualTo(ProblemType.CONFLICT));
        assertThat(review.publisher().publishFinalDecisions(100)).isEqualTo(1);
        assertThat(review.publisher().publishFinalDecisions(100)).isZero();
        assertThat(actions.published).singleElement().satisfies(p -> {
            assertThat(p.type()).isEqualTo("application.rejected");
            @SuppressWarnings("unchecked")
            Map<String, Object> payload = (Map<String, Object>) p.payload();
            assertThat(payload).containsEntry("reasonCode", "NOT_LOCAL").containsEntry("cooldownDays", 7)
                    .containsEntry("circleId", c);
            assertThat((String) payload.get("message")).contains("仅限北京本地用户加入");
        });
        assertThat(review.queries().detail(ALICE, id).decision().undoableUntil()).isNull();
    }

    @Test
    void oneModeratorClaimingAheadTwiceAtOnceNeverGetsTheSameApplicationTwice() throws Exception {
        String c = circle("围棋", "北京");
        for (int i = 0; i < 30; i++) {
            submitGood(c);
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Optional<ApplicationDetail>>> claims = new ArrayList<>();
            CountDownLatch go = new CountDownLatch(1);
            for (int i = 0; i < 24; i++) {
                claims.add(pool.submit(() -> {
                    go.await();
                    return review.claims().claimNext(ALICE, null);
                }));
            }
            go.countDown();
            List<Long> got = new ArrayList<>();
            for (Future<Optional<ApplicationDetail>> f : claims) {
                f.get(20, TimeUnit.SECONDS).ifPresent(d -> got.add(d.id()));
            }
            assertThat(got).as("a console claiming ahead gets distinct applications").doesNotHaveDuplicates()
                    .hasSize(24);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theSameNewKeySentTwiceAtOnceIsDecidedOnceAndReplayed() throws Exception {
        String c = circle("桌游", "北京");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 12; round++) {
                long id = submitGood(c);
                review.claims().claim(ALICE, id);
                int v = version(id);
                String key = "twice-" + round;
                CountDownLatch go = new CountDownLatch(1);
                List<Future<DecisionResult>> sent = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    sent.add(pool.submit(() -> {
                        go.await();
                        return review.decisions().decide(ALICE, id, key, v, approve());
                    }));
                }
                go.countDown();
                DecisionResult first = sent.get(0).get(10, TimeUnit.SECONDS);
                DecisionResult second = sent.get(1).get(10, TimeUnit.SECONDS);
                assertThat(second).as("round %d: the retry is a replay, not a 412", round).isEqualTo(first);
                assertThat(review.queries().detail(ALICE, id).version()).isEqualTo(v + 1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void applicationsNobodyDecidedExpireOnceWithAnAuditEntryAndAnAction() {
        String c = circle("夜跑", "北京");
        long stale = submitGood(c);
        review.claims().claim(ALICE, stale);
        clock.advance(ApplicationExpiry.EXPIRE_AFTER.minusHours(1));
        long fresh = submitGood(c);
        assertThat(review.expiry().expireStale(100)).as("not yet two weeks").isZero();

        clock.advance(Duration.ofHours(2));
        assertThat(review.expiry().expireStale(100)).isEqualTo(1);
        assertThat(review.expiry().expireStale(100)).as("expired once, however often the job runs").isZero();

        ApplicationDetail expired = review.queries().detail(ALICE, stale);
        assertThat(expired.status()).isEqualTo(ApplicationStatus.EXPIRED);
        assertThat(expired.claim()).as("the claim is dropped").isNull();
        assertThat(review.queries().detail(ALICE, fresh).status()).isEqualTo(ApplicationStatus.PENDING);
        assertThat(audit.actions()).contains("review.expire");
        assertThat(actions.published).singleElement().satisfies(p -> {
            assertThat(p.type()).isEqualTo("application.expired");
            @SuppressWarnings("unchecked")
            Map<String, Object> payload = (Map<String, Object>) p.payload();
            assertThat(payload).containsEntry("circleId", c).containsEntry("previousStatus", "PENDING");
        });
        assertThatThrownBy(() -> review.decisions().decide(ALICE, stale, "late", version(stale), approve()))
                .as("an expired application cannot be decided").isInstanceOf(RuntimeException.class);
    }

    @Test
    void bulkDecidesEachItemOnItsOwn() {
        String c = circle("爬山", "北京");
        long free = submitGood(c);
        long mine = submitGood(c);
        long held = submitGood(c);
        long stale = submitGood(c);
        review.claims().claim(ALICE, mine);
        review.claims().claim(BOB, held);
        BulkDecisionResult result = review.decisions().bulk(ALICE, new BulkDecisionRequest(reject("ADS"), List.of(
                new BulkDecisionItem(free, version(free), "b1"),
                new BulkDecisionItem(mine, version(mine), "b2"),
                new BulkDecisionItem(held, version(held), "b3"),
                new BulkDecisionItem(stale, version(stale) + 5, "b4"),
                new BulkDecisionItem(999_999_999L, 1, "b5"))));
        assertThat(result.outcomes()).hasSize(5);
        assertThat(result.outcomes().get(0).result().status()).isEqualTo(ApplicationStatus.REJECTED);
        assertThat(result.outcomes().get(1).result().status()).isEqualTo(ApplicationStatus.REJECTED);
        assertThat(result.outcomes().get(2).problem().type()).isEqualTo(ProblemType.CLAIMED_BY_OTHER.uri().toString());
        assertThat(result.outcomes().get(2).problem().extensions()).containsEntry("holder", "bob");
        assertThat(result.outcomes().get(3).problem().type()).isEqualTo(ProblemType.PRECONDITION_FAILED.uri().toString());
        assertThat(result.outcomes().get(4).problem().type()).isEqualTo(ProblemType.NOT_FOUND.uri().toString());
        assertThat(review.queries().detail(ALICE, stale).status()).isEqualTo(ApplicationStatus.PENDING);
        assertThat(review.queries().detail(ALICE, stale).claim()).isNull();
        // Retrying the whole bulk replays the decided items and refuses the others again.
        BulkDecisionResult again = review.decisions().bulk(ALICE, new BulkDecisionRequest(reject("ADS"), List.of(
                new BulkDecisionItem(free, result.outcomes().get(0).result().version() - 1, "b1"))));
        assertThat(again.outcomes().getFirst().result()).isEqualTo(result.outcomes().get(0).result());
    }

    @Test
    void expirySkipsAnApplicationAModeratorIsReviewing() {
        String c = circle("正在审", "北京");
        long id = submitGood(c);
        clock.advance(ApplicationExpiry.EXPIRE_AFTER.plusHours(1));
        review.claims().claim(ALICE, id);
        assertThat(review.expiry().expireStale(100)).as("alice holds a live claim").isZero();
        DecisionResult decided = review.decisions().decide(ALICE, id, "mid-review", version(id), approve());
        assertThat(decided.status()).isEqualTo(ApplicationStatus.APPROVED);

        long abandoned = submitGood(c);
        clock.advance(ApplicationExpiry.EXPIRE_AFTER.plusHours(1));
        review.claims().claim(ALICE, abandoned);
        clock.advance(ClaimService.LEASE.plusSeconds(1));
        assertThat(review.expiry().expireStale(100)).as("the lease lapsed").isEqualTo(1);
        assertThat(review.queries().detail(ALICE, abandoned).status()).isEqualTo(ApplicationStatus.EXPIRED);
    }

    // ---- scopes -------------------------------------------------------------------------------------------------

    @Test
    void aScopedModeratorSeesAndTouchesOnlyTheirCities() {
        String beijing = circle("北京徒步", "北京");
        String shanghai = circle("上海徒步", "上海");
        long inBeijing = submitGood(beijing);
        long inShanghai = submit(shanghai, "sh", "上海", clock.instant().minus(Duration.ofDays(100)), "住在徐汇，周末爬佘山");
        assertThatThrownBy(() -> review.queries().detail(SHANGHAI_ONLY, inBeijing))
                .satisfies(t -> assertThat(problemOf(t)).isEqualTo(ProblemType.OUT_OF_SCOPE));
        assertThatThrownBy(() -> review.claims().claim(SHANGHAI_ONLY, inBeijing))
                .satisfies(t -> assertThat(problemOf(t)).isEqualTo(ProblemType.OUT_OF_SCOPE));
        assertThatThrownBy(() -> review.queries().queue(SHANGHAI_ONLY, new QueueFilter("北京", null, null, null, null, null, "age"), null, 10))
                .satisfies(t -> assertThat(problemOf(t)).isEqualTo(ProblemType.OUT_OF_SCOPE));
        assertThat(review.queries().queue(SHANGHAI_ONLY, QueueFilter.all(), null, 100).items())
                .extracting(ApplicationSummary::city).containsOnly("上海");
        assertThat(review.claims().claimNext(SHANGHAI_ONLY, QueueFilter.all())).get().extracting(ApplicationDetail::id).isEqualTo(inShanghai);
        assertThat(review.queries().circles(SHANGHAI_ONLY, null)).extracting(c -> c.city()).containsOnly("上海");
        assertThat(review.queries().health(SHANGHAI_ONLY).byCity()).extracting(QueueHealth.Count::key).containsOnly("上海");
    }

    @Test
    void aScopedModeratorSeesOtherCitiesInHistoryOnlyRedacted() {
        String beijing = circle("北京骑行", "北京");
        String shanghai = circle("上海骑行", "上海");
        long inBeijing = submit(beijing, "trail", "上海", clock.instant().minus(Duration.ofDays(100)), "加微信领福利 abc123");
        review.claims().claim(BOB, inBeijing);
        review.decisions().decide(BOB, inBeijing, "trail-k", version(inBeijing), reject("ADS"));
        submit(shanghai, "trail", "上海", clock.instant().minus(Duration.ofDays(100)), "住在静安，周末骑滨江");

        ApplicantHistory scoped = review.queries().history(SHANGHAI_ONLY, prefix + "trail");
        assertThat(scoped.applications()).hasSize(2);
        ApplicantHistory.Item local = scoped.applications().getFirst();
        assertThat(local.city()).isEqualTo("上海");
        assertThat(local.redacted()).isFalse();
        assertThat(local.circleName()).isEqualTo("上海骑行");
        // The spammer's trail stays visible, but only as city, status, reason and dates.
        ApplicantHistory.Item away = scoped.applications().get(1);
        assertThat(away.redacted()).isTrue();
        assertThat(away.city()).isEqualTo("北京");
        assertThat(away.status()).isEqualTo(ApplicationStatus.REJECTED);
        assertThat(away.reasonCode()).isEqualTo("ADS");
        assertThat(away.submittedAt()).isNotNull();
        assertThat(away.decidedAt()).isNotNull();
        assertThat(away.circleName()).isNull();
        assertThat(review.queries().history(ALICE, prefix + "trail").applications())
                .allSatisfy(item -> assertThat(item.redacted()).isFalse())
                .extracting(ApplicantHistory.Item::circleName).containsExactly("上海骑行", "北京骑行");
    }

    @Test
    void queueHealthThroughputAndMedianWaitCountOnlyTheModeratorsCities() {
        String beijing = circle("北京跑步", "北京");
        String shanghai = circle("上海跑步", "上海");
        long inBeijing = submitGood(beijing);
        clock.advance(Duration.ofHours(2));
        review.claims().claim(BOB, inBeijing);
        review.decisions().decide(BOB, inBeijing, "run-b", version(inBeijing), approve());
        QueueHealth before = review.queries().health(SHANGHAI_ONLY);
        assertThat(before.decisionsLastHour()).as("bob decided only in 北京").isEmpty();
        assertThat(before.medianSecondsToDecision()).isNull();

        long inShanghai = submit(shanghai, "run", "上海", clock.instant().minus(Duration.ofDays(100)), "住在浦东，每周跑三次");
        clock.advance(Duration.ofMinutes(10));
        review.claims().claim(SHANGHAI_ONLY, inShanghai);
        review.decisions().decide(SHANGHAI_ONLY, inShanghai, "run-s", version(inShanghai), approve());
        QueueHealth after = review.queries().health(SHANGHAI_ONLY);
        assertThat(after.decisionsLastHour()).extracting(QueueHealth.ModeratorRate::staffName).containsExactly("carol");
        long waited = Duration.ofMinutes(10).toSeconds();
        assertThat(after.medianSecondsToDecision()).as("only 上海's wait").isBetween(waited - 5, waited + 5);
        assertThat(review.queries().health(ALICE).decisionsLastHour())
                .extracting(QueueHealth.ModeratorRate::staffName).containsExactlyInAnyOrder("bob", "carol");
    }

    // ---- history, health, reason codes --------------------------------------------------------------------------

    @Test
    void historyListsEarlierApplicationsWithReasons() {
        String c = circle("篮球", "北京");
        long first = submit(c, "h1", "北京", clock.instant().minus(Duration.ofDays(100)), "打球十年，想找人约球");
        review.claims().claim(ALICE, first);
        review.decisions().decide(ALICE, first, "h-k", version(first), reject("INCOMPLETE"));
        submit(c, "h1", "北京", clock.instant().minus(Duration.ofDays(100)), "打球十年，后卫，周末有空");
        ApplicantHistory history = review.queries().history(ALICE, prefix + "h1");
        assertThat(history.applications()).hasSize(2);
        assertThat(history.applications().get(1).reasonTitle()).isEqualTo("信息不全");
        assertThat(history.applications().get(1).status()).isEqualTo(ApplicationStatus.REJECTED);
    }

    @Test
    void healthCountsDepthThroughputAndTimeToDecision() {
        String c = circle("健身", "北京");
        long a = submitGood(c);
        submitGood(c);
        clock.advance(Duration.ofMinutes(10));
        review.claims().claim(BOB, a);
        review.decisions().decide(BOB, a, "hk", version(a), approve());
        QueueHealth health = review.queries().health(ALICE);
        assertThat(health.byCircle()).anySatisfy(count -> {
            assertThat(count.label()).startsWith("健身");
            assertThat(count.pending()).isEqualTo(1);
        });
        assertThat(health.decisionsLastHour()).anySatisfy(r -> {
            assertThat(r.staffName()).isEqualTo("bob");
            assertThat(r.decisions()).isGreaterThanOrEqualTo(1);
        });
        assertThat(health.medianSecondsToDecision()).isNotNull();
    }

    @Test
    void adminsManageReasonCodesWithVersions() {
        ReasonCode draft = new ReasonCode("SPAM_RING", Map.of("zh-CN", "刷屏团伙", "en", "Spam ring"),
                Map.of("zh-CN", "{nickname}，申请未通过。", "en", "{nickname}, declined."), 30, null, 0, true, 0);
        assertThatThrownBy(() -> review.reasonCodes().createReasonCode(ALICE, draft))
                .satisfies(t -> assertThat(problemOf(t)).isEqualTo(ProblemType.FORBIDDEN));
        ReasonCode created = review.reasonCodes().createReasonCode(ADMIN, draft);
        assertThat(created.version()).isEqualTo(1);
        assertThat(review.reasonCodes().reasonCodes(null)).extracting(ReasonCode::code).endsWith("SPAM_RING").startsWith("ADS");
        ReasonCode changed = new ReasonCode("SPAM_RING", created.titles(), created.templates(), 60, null,
                created.position(), true, created.version());
        ReasonCode updated = review.reasonCodes().updateReasonCode(ADMIN, "SPAM_RING", created.version(), changed);
        assertThat(updated.cooldownDays()).isEqualTo(60);
        assertThat(updated.version()).isEqualTo(2);
        assertThatThrownBy(() -> review.reasonCodes().updateReasonCode(ADMIN, "SPAM_RING", 1, changed))
                .satisfies(t -> assertThat(problemOf(t)).isEqualTo(ProblemType.PRECONDITION_FAILED));
        review.reasonCodes().deactivateReasonCode(ADMIN, "SPAM_RING");
        assertThat(review.reasonCodes().reasonCodes(null)).extracting(ReasonCode::code).doesNotContain("SPAM_RING");
        ReasonCode inactive = review.reasonCodes().reasonCodes(null, true).stream().filter(r -> r.code().equals("SPAM_RING"))
                .findFirst().orElseThrow();
        assertThat(inactive.active()).as("the editor still sees it, marked inactive").isFalse();
        ReasonCode back = review.reasonCodes().updateReasonCode(ADMIN, "SPAM_RING", inactive.version(), new ReasonCode("SPAM_RING",
                inactive.titles(), inactive.templates(), inactive.cooldownDays(), inactive.circleId(),
                inactive.position(), true, inactive.version()));
        assertThat(back.active()).isTrue();
        assertThat(review.reasonCodes().reasonCodes(null)).extracting(ReasonCode::code).contains("SPAM_RING");
        review.reasonCodes().deactivateReasonCode(ADMIN, "SPAM_RING");
        assertThat(audit.actions()).contains("review.reason_code.create", "review.reason_code.update",
                "review.reason_code.deactivate");
        assertThat(review.reasonCodes().reasonCodes(null)).hasSizeBetween(6, 9);
    }

    // ---- concurrency --------------------------------------------------------------------------------------------

    @Test
    void thirtyTwoConcurrentModeratorsNeverShareAnApplicationAndLoseNone() throws Exception {
        String c = circle("并发", "北京");
        int total = 2_000;
        List<StoredAnswer> answers = List.of(new StoredAnswer(1, "想加入"));
        Set<Long> submitted = new HashSet<>();
        db.jdbi().useTransaction(h -> {
            for (int i = 0; i < total; i++) {
                review.ingest().submit(h, new ApplicationIngest.Submission(prefix + "bulk-" + i, c,
                        new Applicant(prefix + "bulk-user-" + i, "n" + i, "北京", Instant.parse("2020-01-01T00:00:00Z")),
                        null, answers, null, null, null, null, clock.instant().plusMillis(i)));
            }
        });
        submitted.addAll(db.jdbi().withHandle(h -> h.createQuery(
                "SELECT a.id FROM review_application a JOIN review_circle c ON c.id = a.circle_id WHERE c.external_id = :c")
                .bind("c", c).mapTo(Long.class).list()));
        assertThat(submitted).hasSize(total);

        QueueFilter f = circleFilter(c);
        int claimers = 32;
        ExecutorService pool = Executors.newFixedThreadPool(claimers);
        CountDownLatch start = new CountDownLatch(1);
        ConcurrentLinkedQueue<Long> claimed = new ConcurrentLinkedQueue<>();
        Map<Long, Long> claimedBy = new ConcurrentHashMap<>();
        List<Future<?>> futures = new ArrayList<>();
        for (int m = 0; m < claimers; m++) {
            ReviewActor moderator = new ReviewActor(100 + m, "mod" + m, Role.MODERATOR, Set.of());
            futures.add(pool.submit(() -> {
                start.await();
                while (true) {
                    var next = review.claims().claimNext(moderator, f);
                    if (next.isEmpty()) {
                        return null;
                    }
                    ApplicationDetail d = next.get();
                    claimed.add(d.id());
                    claimedBy.merge(d.id(), moderator.staffId(), (x, y) -> -1L);
                    if (d.id() % 2 == 0) {
                        review.decisions().decide(moderator, d.id(), "c-" + d.id(), d.version(), approve());
                    }
                }
            }));
        }
        start.countDown();
        for (Future<?> future : futures) {
            future.get(5, TimeUnit.MINUTES);
        }
        pool.shutdown();
        assertThat(claimed).hasSize(total).doesNotHaveDuplicates();
        assertThat(new HashSet<>(claimed)).isEqualTo(submitted);
        assertThat(claimedBy.values()).doesNotContain(-1L);
        int decided = db.jdbi().withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM review_decision d JOIN review_application a ON a.id = d.application_id"
                        + " JOIN review_circle c ON c.id = a.circle_id WHERE c.external_id = :c")
                .bind("c", c).mapTo(Integer.class).one());
        assertThat(decided).isEqualTo(submitted.stream().filter(id -> id % 2 == 0).count());
    }
}
