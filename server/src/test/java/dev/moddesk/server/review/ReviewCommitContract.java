package dev.moddesk.server.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moddesk.contract.review.Applicant;
import dev.moddesk.contract.review.ApplicationDetail;
import dev.moddesk.contract.review.JoinMode;
import dev.moddesk.contract.review.QueueFilter;
import dev.moddesk.server.testing.MutableClock;
import dev.moddesk.server.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What review does at its transactions' edges, on H2 and PostgreSQL (the two subclasses): queue floors move only
 * after the ingest transaction commits.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ReviewCommitContract {

    static final Instant T0 = Instant.parse("2026-06-01T08:00:00Z");

    TestDatabase db;
    MutableClock clock;
    ReviewModule review;
    private ExecutorService other;
    private int sequence;

    abstract TestDatabase open();

    @BeforeAll
    void openDatabase() {
        db = open();
        other = Executors.newSingleThreadExecutor();
    }

    @AfterAll
    void closeDatabase() {
        other.shutdownNow();
        db.close();
    }

    @BeforeEach
    void freshNode() {
        sequence++;
        clock = new MutableClock(T0.plus(Duration.ofDays(sequence)));
        review = node(ReviewAudit.NONE);
        db.jdbi().useHandle(h -> h.execute("UPDATE review_application SET status = 'EXPIRED' WHERE status = 'PENDING'"));
    }

    ReviewModule node(ReviewAudit audit) {
        return new ReviewModule(db.jdbi(), db.dataSource(), clock, ReviewScreen.bundled(), audit, new RecordingActions(),
                new MediaLinks("0123456789abcdef0123".getBytes(StandardCharsets.UTF_8), Duration.ofHours(1)),
                ReviewServiceContract.JSON);
    }

    String circle(String name) {
        String ext = "c" + sequence + "-" + name;
        db.jdbi().useTransaction(h -> review.ingest().upsertCircle(h, ext, name, "北京", "徒步", JoinMode.EITHER,
                List.of("你为什么想加入？"), 10, "owner"));
        return ext;
    }

    ApplicationIngest.Submission submission(String circle, String name, Instant submittedAt) {
        return new ApplicationIngest.Submission("a" + sequence + "-" + name, circle,
                new Applicant("u" + sequence + "-" + name, name, "北京", submittedAt.minus(Duration.ofDays(400))), null,
                List.of(new StoredAnswer(1, "周末想一起走走，认识同城朋友 " + name)), null, null, null, null, submittedAt);
    }

    long submit(String circle, String name, Instant submittedAt) {
        ApplicationIngest.Submission s = submission(circle, name, submittedAt);
        db.jdbi().useTransaction(h -> review.ingest().submit(h, s));
        return idOf(s.applicationId());
    }

    long idOf(String external) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT id FROM review_application WHERE external_id = :e")
                .bind("e", external).mapTo(Long.class).one());
    }

    QueueFilter ageOrder(String circle) {
        long id = db.jdbi().withHandle(h -> h.createQuery("SELECT id FROM review_circle WHERE external_id = :e")
                .bind("e", circle).mapTo(Long.class).one());
        return new QueueFilter(null, id, null, null, null, null, "age");
    }

    /**
     * A submission the platform sends late (older than what claim-next already passed) whose ingest transaction is
     * still open while another moderator's claim-next runs: that claim-next cannot see it and takes a younger one.
     * Once it commits, it is the oldest free application and the next claim-next gets it (before the fix the floors
     * were lowered inside the open transaction, the racing claim-next then set a floor above it, and the next
     * claim-next skipped it). The race is staged, not timed: the claim-next runs to completion inside the open
     * transaction.
     */
    @Test
    void aLateSubmissionIsClaimedNextOnceItsIngestHasCommittedThoughAClaimRanMeanwhile() throws Exception {
        String c = circle("飞盘");
        QueueFilter f = ageOrder(c);
        long oldest = submit(c, "oldest", clock.instant().minus(Duration.ofMinutes(50)));
        long middle = submit(c, "middle", clock.instant().minus(Duration.ofMinutes(30)));
        long youngest = submit(c, "youngest", clock.instant().minus(Duration.ofMinutes(20)));
        assertThat(review.claims().claimNext(ReviewServiceContract.ALICE, f).orElseThrow().id()).isEqualTo(oldest);

        ApplicationIngest.Submission late = submission(c, "late", clock.instant().minus(Duration.ofMinutes(40)));
        db.jdbi().useTransaction(h -> {
            review.ingest().submit(h, late);
            ApplicationDetail meanwhile = other.submit(() -> review.claims().claimNext(ReviewServiceContract.BOB, f)
                    .orElseThrow()).get(30, TimeUnit.SECONDS);
            assertThat(meanwhile.id()).as("the late row is not committed yet").isEqualTo(middle);
        });

        assertThat(review.claims().claimNext(ReviewServiceContract.ADMIN, f).orElseThrow().id())
                .as("committed now, and older than everything free").isEqualTo(idOf(late.applicationId()));
        assertThat(review.claims().claimNext(ReviewServiceContract.ADMIN, f).orElseThrow().id()).isEqualTo(youngest);
    }
}
