package dev.moddesk.server.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.moddesk.contract.review.Applicant;
import dev.moddesk.contract.review.ApplicationDetail;
import dev.moddesk.contract.review.ApplicationStatus;
import dev.moddesk.contract.review.DecisionKind;
import dev.moddesk.contract.review.DecisionRequest;
import dev.moddesk.contract.review.JoinMode;
import dev.moddesk.server.core.AuditLog;
import dev.moddesk.server.core.Json;
import dev.moddesk.server.platform.ActionFeed;
import dev.moddesk.server.testing.MutableClock;
import dev.moddesk.server.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Review's audit entries are written in the same transaction as the change they describe, checked against the real
 * {@code audit_log}, {@code review_decision} and {@code action_feed} tables on H2 and PostgreSQL (the subclasses),
 * with the audit log and action feed a server wires. A failure is forced after the audit insert by a check
 * constraint this class adds: on a decision's idempotency record (H2 writes it after the audit entry; PostgreSQL
 * writes all four in one statement) and on the action feed (expiry appends the action after its audit entry).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AuditInTransactionContract {

    private static final String POISON = "poison-";

    TestDatabase db;
    MutableClock clock;
    private int sequence;

    abstract TestDatabase open();

    @BeforeAll
    void openDatabase() {
        db = open();
        db.jdbi().useHandle(h -> {
            h.execute("ALTER TABLE review_idempotency ADD CONSTRAINT test_poison_key CHECK (idem_key NOT LIKE '"
                    + POISON + "%')");
            h.execute("ALTER TABLE action_feed ADD CONSTRAINT test_poison_action CHECK (target_id NOT LIKE '"
                    + POISON + "%')");
        });
    }

    @AfterAll
    void closeDatabase() {
        db.close();
    }

    @BeforeEach
    void freshClock() {
        sequence++;
        clock = new MutableClock(Instant.parse("2026-07-01T08:00:00Z").plus(Duration.ofDays(sequence)));
        db.jdbi().useHandle(h -> h.execute("UPDATE review_application SET status = 'EXPIRED' WHERE status = 'PENDING'"));
    }

    /** A node as a server wires it: the core's audit log and the platform's action feed, on the real tables. */
    ReviewModule node() {
        return new ReviewModule(db.jdbi(), db.dataSource(), clock, ReviewScreen.bundled(),
                ReviewModule.auditTo(new AuditLog(clock)), new ActionFeed(db.jdbi(), Json.mapper(), clock),
                new MediaLinks("0123456789abcdef0123".getBytes(StandardCharsets.UTF_8), Duration.ofHours(1)),
                ReviewServiceContract.JSON);
    }

    /** A pending application in a new circle, submitted {@code age} ago. */
    long submit(ReviewModule review, String external, Duration age) {
        String circle = "circle-" + sequence + "-" + external;
        Instant submitted = clock.instant().minus(age);
        db.jdbi().useTransaction(h -> {
            review.ingest().upsertCircle(h, circle, "徒步" + sequence, "北京", "徒步", JoinMode.EITHER,
                    List.of("你为什么想加入？"), 10, "owner");
            review.ingest().submit(h, new ApplicationIngest.Submission(external, circle,
                    new Applicant("user-" + external, "昵称", "北京", submitted.minus(Duration.ofDays(400))), null,
                    List.of(new StoredAnswer(1, "周末想一起走走，认识同城朋友")), null, null, null, null, submitted));
        });
        return db.jdbi().withHandle(h -> h.createQuery("SELECT id FROM review_application WHERE external_id = :e")
                .bind("e", external).mapTo(Long.class).one());
    }

    int auditRows(long id, String action) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM audit_log WHERE target_type = 'application'"
                + " AND target_id = :id AND action = :action").bind("id", String.valueOf(id)).bind("action", action)
                .mapTo(Integer.class).one());
    }

    int decisionRows(long id) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM review_decision WHERE application_id = :id")
                .bind("id", id).mapTo(Integer.class).one());
    }

    int actionRows(String external) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM action_feed WHERE target_id = :t")
                .bind("t", external).mapTo(Integer.class).one());
    }

    ApplicationStatus status(long id) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT status FROM review_application WHERE id = :id")
                .bind("id", id).mapTo(String.class).map(ApplicationStatus::valueOf).one());
    }

    /** Alice claims it on {@code review}'s node (which remembers the claim); its detail as claimed. */
    static ApplicationDetail claim(ReviewModule review, long id) {
        review.claims().claim(ReviewServiceContract.ALICE, id);
        return review.queries().detail(ReviewServiceContract.ALICE, id);
    }

    static DecisionRequest approve() {
        return new DecisionRequest(DecisionKind.APPROVE, null, null, null);
    }

    /**
     * A decision on the node that claimed the application (PostgreSQL: the one-statement path) and one on another
     * node (the locking path): each leaves exactly one audit row and one decision row, and once its undo window has
     * closed exactly one action.
     */
    @Test
    void aCommittedDecisionLeavesOneAuditRowOneDecisionRowAndLaterOneAction() {
        ReviewModule here = node();
        ReviewModule elsewhere = node();
        String sameNode = "same-" + sequence;
        String otherNode = "other-" + sequence;
        long first = submit(here, sameNode, Duration.ofMinutes(5));
        long second = submit(here, otherNode, Duration.ofMinutes(4));
        ApplicationDetail a = claim(here, first);
        ApplicationDetail b = claim(here, second);

        here.decisions().decide(ReviewServiceContract.ALICE, first, "key-a-" + sequence, a.version(), approve());
        elsewhere.decisions().decide(ReviewServiceContract.ALICE, second, "key-b-" + sequence, b.version(), approve());

        for (long id : List.of(first, second)) {
            assertThat(auditRows(id, "review.decision")).as("audit of %d", id).isEqualTo(1);
            assertThat(decisionRows(id)).as("decision log of %d", id).isEqualTo(1);
            assertThat(status(id)).isEqualTo(ApplicationStatus.APPROVED);
        }
        assertThat(actionRows(sameNode) + actionRows(otherNode)).as("not before the undo window closes").isZero();

        clock.advance(DecisionService.UNDO_WINDOW.plusSeconds(1));
        assertThat(here.publisher().publishFinalDecisions(100)).isEqualTo(2);
        assertThat(here.publisher().publishFinalDecisions(100)).isZero();
        assertThat(actionRows(sameNode)).isEqualTo(1);
        assertThat(actionRows(otherNode)).isEqualTo(1);
    }

    /**
     * The same two paths, failing after the audit insert: nothing of the decision is left, not its audit row, not
     * its decision row, nor later an action; the application is still pending, and a decision with a good key then
     * leaves exactly one of each.
     */
    @Test
    void aDecisionThatFailsAfterItsAuditInsertLeavesNoAuditRowNoDecisionRowAndNoAction() {
        ReviewModule here = node();
        ReviewModule elsewhere = node();
        String sameNode = "same-" + sequence;
        String otherNode = "other-" + sequence;
        long first = submit(here, sameNode, Duration.ofMinutes(5));
        long second = submit(here, otherNode, Duration.ofMinutes(4));
        ApplicationDetail a = claim(here, first);
        ApplicationDetail b = claim(here, second);

        assertThatThrownBy(() -> here.decisions().decide(ReviewServiceContract.ALICE, first, POISON + "a", a.version(),
                approve())).isInstanceOf(RuntimeException.class).isNotInstanceOf(ReviewFailure.class);
        assertThatThrownBy(() -> elsewhere.decisions().decide(ReviewServiceContract.ALICE, second, POISON + "b",
                b.version(), approve())).isInstanceOf(RuntimeException.class).isNotInstanceOf(ReviewFailure.class);

        for (long id : List.of(first, second)) {
            assertThat(auditRows(id, "review.decision")).as("audit of %d", id).isZero();
            assertThat(decisionRows(id)).as("decision log of %d", id).isZero();
            assertThat(status(id)).isEqualTo(ApplicationStatus.PENDING);
        }
        clock.advance(DecisionService.UNDO_WINDOW.plusSeconds(1));
        assertThat(here.publisher().publishFinalDecisions(100)).isZero();
        assertThat(actionRows(sameNode) + actionRows(otherNode)).isZero();

        here.decisions().decide(ReviewServiceContract.ALICE, first, "key-a-" + sequence, a.version(), approve());
        elsewhere.decisions().decide(ReviewServiceContract.ALICE, second, "key-b-" + sequence, b.version(), approve());
        clock.advance(DecisionService.UNDO_WINDOW.plusSeconds(1));
        assertThat(here.publisher().publishFinalDecisions(100)).isEqualTo(2);
        for (long id : List.of(first, second)) {
            assertThat(auditRows(id, "review.decision")).isEqualTo(1);
            assertThat(decisionRows(id)).isEqualTo(1);
        }
        assertThat(actionRows(sameNode)).isEqualTo(1);
        assertThat(actionRows(otherNode)).isEqualTo(1);
    }

    /**
     * Expiry writes its audit entry and then its action in one transaction: committed, one of each; failing at the
     * action (after the audit insert), neither, and the application is still pending.
     */
    @Test
    void anExpiryLeavesItsAuditRowAndItsActionTogetherOrNeither() {
        ReviewModule review = node();
        String good = "stale-" + sequence;
        long kept = submit(review, good, ApplicationExpiry.EXPIRE_AFTER.plusDays(1));
        assertThat(review.expiry().expireStale(100)).isEqualTo(1);
        assertThat(auditRows(kept, "review.expire")).isEqualTo(1);
        assertThat(actionRows(good)).isEqualTo(1);
        assertThat(status(kept)).isEqualTo(ApplicationStatus.EXPIRED);

        String poisoned = POISON + "stale-" + sequence;
        long failing = submit(review, poisoned, ApplicationExpiry.EXPIRE_AFTER.plusDays(1));
        assertThatThrownBy(() -> review.expiry().expireStale(100)).isInstanceOf(RuntimeException.class);
        assertThat(auditRows(failing, "review.expire")).isZero();
        assertThat(actionRows(poisoned)).isZero();
        assertThat(status(failing)).isEqualTo(ApplicationStatus.PENDING);
    }
}
