package dev.moddesk.app.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moddesk.contract.review.ApplicationStatus;
import dev.moddesk.contract.review.DecisionKind;
import dev.moddesk.contract.review.DecisionRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Answers lost at the worst moment, and retries that outlive the server's memory of their key. */
class DecisionOutboxRecoveryTest {

    private static final DecisionRequest APPROVE = new DecisionRequest(DecisionKind.APPROVE, null, null, null);
    private static final DecisionRequest REJECT_AD = new DecisionRequest(DecisionKind.REJECT, "AD", null, null);
    /** Long enough that nothing is retried before the test says so (retryNow). */
    private static final Duration WAIT = Duration.ofMinutes(10);

    @TempDir
    Path dir;
    private OutboxFixture f;

    @BeforeEach
    void start() {
        f = new OutboxFixture(dir);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private List<String> decisionRequests(long id) {
        return f.fake.requestLog().stream()
                .filter(l -> l.endsWith("/applications/" + id + "/decision") || l.endsWith("/decisions/bulk"))
                .toList();
    }

    @Test
    void aLostAnswerToTheBulkRetryIsRetriedWithTheBulkKeyEvenAfterARestart() {
        long a = f.claimed("小李");
        f.fake.advance(Duration.ofMinutes(6)); // the lease ran out while offline: the decision meets 409
        f.fake.loseBulkResponses(1);
        String key;
        try (DecisionOutbox outbox = f.outbox(WAIT)) {
            outbox.start();
            key = outbox.submitDecision(a, 1, APPROVE).idempotencyKey();
            Eventually.await("the bulk retry went out and its answer was lost", () -> f.attemptsOf(key) >= 1
                    && f.stateOf(key) == OutboxEntry.SyncState.PENDING_SYNC && f.seen.get(key).sentKey() != null
                    && f.seen.get(key).sentKey().endsWith(":bulk"));
            assertThat(f.fake.status(a)).as("the bulk retry landed; its answer was lost").isEqualTo(ApplicationStatus.APPROVED);
        }
        f.fake.loseBulkResponses(0);
        try (DecisionOutbox restarted = f.outbox(WAIT)) {
            assertThat(restarted.start()).singleElement()
                    .satisfies(e -> assertThat(e.sentKey()).as("persisted").isEqualTo(key + ":bulk"));
            Eventually.await("confirmed", () -> f.stateOf(key) == OutboxEntry.SyncState.CONFIRMED);
        }
        List<String> sent = decisionRequests(a);
        assertThat(sent.getFirst()).isEqualTo("POST /api/v1/review/applications/" + a + "/decision");
        assertThat(sent.subList(1, sent.size())).as("after the bulk key went out, only it is used")
                .hasSizeGreaterThanOrEqualTo(2).containsOnly("POST /api/v1/review/decisions/bulk");
        assertThat(f.fake.decisionsApplied(a)).isEqualTo(1);
        assertThat(f.filesOnDisk()).isZero();
    }

    @Test
    void a412ThatWasTheEntrysOwnEarlierSuccessIsConfirmedNotFailed() {
        long a = f.claimed("小李");
        f.fake.loseResponseOnce(a);
        try (DecisionOutbox outbox = f.outbox(WAIT)) {
            outbox.start();
            String key = outbox.submitDecision(a, 1, REJECT_AD).idempotencyKey();
            Eventually.await("attempted", () -> f.attemptsOf(key) >= 1);
            f.fake.forgetIdempotencyKeys(); // the stored answer is gone: a resend meets 412 (version moved on)

            outbox.retryNow();

            Eventually.await("settled", () -> f.stateOf(key) != null && !f.seen.get(key).unsettled());
            assertThat(f.stateOf(key)).isEqualTo(OutboxEntry.SyncState.CONFIRMED);
            assertThat(f.seen.get(key).result().status()).isEqualTo(ApplicationStatus.REJECTED);
        }
        assertThat(f.fake.decisionsApplied(a)).isEqualTo(1);
        assertThat(f.filesOnDisk()).isZero();
    }

    @Test
    void anEntryOlderThanTheRetentionThatLandedIsConfirmedFromTheServersRecord() {
        long a = f.claimed("小李");
        f.fake.loseResponseOnce(a);
        try (DecisionOutbox outbox = f.outbox(WAIT)) {
            outbox.start();
            String key = outbox.submitDecision(a, 1, APPROVE).idempotencyKey();
            Eventually.await("attempted", () -> f.attemptsOf(key) >= 1);
            f.clock.advance(Duration.ofDays(8));
            f.fake.forgetIdempotencyKeys();

            outbox.retryNow();

            Eventually.await("confirmed", () -> f.stateOf(key) == OutboxEntry.SyncState.CONFIRMED);
        }
        assertThat(decisionRequests(a)).as("not sent again blindly").hasSize(1);
    }

    @Test
    void anEntryOlderThanTheRetentionNeedsAttentionWithTheServersStateAndIsNotSent() {
        long a = f.claimed("小李");
        f.fake.setDown(true);
        String key;
        try (DecisionOutbox outbox = f.outbox(WAIT)) {
            outbox.start();
            key = outbox.submitDecision(a, 1, APPROVE).idempotencyKey();
            Eventually.await("attempted", () -> f.attemptsOf(key) >= 1);
            // Eight days offline; meanwhile another moderator rejected it.
            f.clock.advance(Duration.ofDays(8));
            f.fake.advance(Duration.ofDays(8));
            f.fake.claimAs("mod2", a);
            f.fake.decide("mod2", a, 1, "their-key", REJECT_AD);
            f.fake.setDown(false);

            outbox.retryNow();

            Eventually.await("needs attention", () -> f.stateOf(key) == OutboxEntry.SyncState.NEEDS_ATTENTION);
            OutboxEntry e = f.seen.get(key);
            assertThat(e.remoteStatus()).isEqualTo(ApplicationStatus.REJECTED);
            assertThat(e.remoteDecision().decidedBy()).isEqualTo("mod2");
        }
        assertThat(decisionRequests(a)).as("nothing is sent for an entry the server may have forgotten").isEmpty();
        try (DecisionOutbox restarted = f.outbox(WAIT)) {
            assertThat(restarted.start()).as("kept until the moderator has seen it").singleElement()
                    .satisfies(e -> assertThat(e.state()).isEqualTo(OutboxEntry.SyncState.NEEDS_ATTENTION));
            restarted.dismiss(key);
            assertThat(restarted.entries()).isEmpty();
        }
        Eventually.await("file gone", () -> f.filesOnDisk() == 0);
        assertThat(f.fake.status(a)).isEqualTo(ApplicationStatus.REJECTED);
    }

    @Test
    void aBulkEntryOlderThanTheRetentionThatLandedIsConfirmedFromEachApplicationsRecord() {
        long a = f.claimed("小李");
        long b = f.claimed("小王");
        f.fake.loseBulkResponses(1);
        try (DecisionOutbox outbox = f.outbox(WAIT)) {
            outbox.start();
            String key = outbox.submitBulk(REJECT_AD, List.of(new DecisionOutbox.BulkTarget(a, 1),
                    new DecisionOutbox.BulkTarget(b, 1))).idempotencyKey();
            Eventually.await("attempted", () -> f.attemptsOf(key) >= 1);
            f.clock.advance(Duration.ofDays(8));
            f.fake.forgetIdempotencyKeys();

            outbox.retryNow();

            Eventually.await("confirmed", () -> f.stateOf(key) == OutboxEntry.SyncState.CONFIRMED);
            assertThat(f.seen.get(key).bulkResult().outcomes()).extracting(o -> o.result().status())
                    .containsExactly(ApplicationStatus.REJECTED, ApplicationStatus.REJECTED);
        }
        assertThat(decisionRequests(a)).as("not sent again blindly").hasSize(1);
        assertThat(f.fake.decisionsApplied(a)).isEqualTo(1);
        assertThat(f.fake.decisionsApplied(b)).isEqualTo(1);
    }

    @Test
    void aBulkEntryOlderThanTheRetentionNotOnRecordNeedsAttentionWithEachApplicationsStateAndIsNotSent() {
        long a = f.claimed("小李");
        long b = f.claimed("小王");
        f.fake.setDown(true);
        String key;
        try (DecisionOutbox outbox = f.outbox(WAIT)) {
            outbox.start();
            key = outbox.submitBulk(APPROVE, List.of(new DecisionOutbox.BulkTarget(a, 1),
                    new DecisionOutbox.BulkTarget(b, 1))).idempotencyKey();
            Eventually.await("attempted", () -> f.attemptsOf(key) >= 1);
            // Eight days offline; meanwhile another moderator rejected one of the two.
            f.clock.advance(Duration.ofDays(8));
            f.fake.advance(Duration.ofDays(8));
            f.fake.claimAs("mod2", b);
            f.fake.decide("mod2", b, 1, "their-key", REJECT_AD);
            f.fake.setDown(false);

            outbox.retryNow();

            Eventually.await("needs attention", () -> f.stateOf(key) == OutboxEntry.SyncState.NEEDS_ATTENTION);
            assertThat(f.seen.get(key).bulkResult().outcomes()).allSatisfy(o ->
                    assertThat(o.problem().type()).isEqualTo(OutboxEntry.NOT_ON_RECORD));
            assertThat(f.seen.get(key).bulkResult().outcomes()).extracting(o -> o.result().status())
                    .containsExactly(ApplicationStatus.PENDING, ApplicationStatus.REJECTED);
        }
        assertThat(decisionRequests(a)).as("nothing is sent for an entry the server may have forgotten").isEmpty();
        assertThat(f.fake.status(a)).isEqualTo(ApplicationStatus.PENDING);
        assertThat(f.fake.status(b)).isEqualTo(ApplicationStatus.REJECTED);
    }

    @Test
    void theRetentionTheServerAnnouncesIsUsed() {
        long a = f.claimed("小李");
        f.fake.setDown(true);
        try (DecisionOutbox outbox = f.outbox(WAIT)) {
            outbox.start();
            outbox.useRetention(Duration.ofDays(30));
            String key = outbox.submitDecision(a, 1, APPROVE).idempotencyKey();
            Eventually.await("attempted", () -> f.attemptsOf(key) >= 1);
            f.clock.advance(Duration.ofDays(8));
            f.fake.setDown(false);

            outbox.retryNow();

            Eventually.await("confirmed", () -> f.stateOf(key) == OutboxEntry.SyncState.CONFIRMED);
        }
        assertThat(f.fake.status(a)).isEqualTo(ApplicationStatus.APPROVED);
    }
}
