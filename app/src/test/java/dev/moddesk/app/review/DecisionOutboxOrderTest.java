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

/** Order is kept per application: one entry retrying holds up only the entries on its own applications. */
class DecisionOutboxOrderTest {

    private static final DecisionRequest APPROVE = new DecisionRequest(DecisionKind.APPROVE, null, null, null);
    private static final DecisionRequest REJECT_AD = new DecisionRequest(DecisionKind.REJECT, "AD", null, null);

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

    @Test
    void aRetryingEntryDoesNotHoldUpDecisionsAndUndosOfOtherApplications() {
        long a = f.claimed("小李");
        long b = f.claimed("小张");
        f.fake.setUnavailable(a, true); // every request about a gets 503: its entry keeps retrying
        try (DecisionOutbox outbox = f.outbox(Duration.ofMillis(20))) {
            outbox.start();
            String stuck = outbox.submitDecision(a, 1, APPROVE).idempotencyKey();
            Eventually.await("a retried", () -> f.attemptsOf(stuck) >= 2);

            String decided = outbox.submitDecision(b, 1, REJECT_AD).idempotencyKey();
            Eventually.await("b confirmed while a retries", () -> f.stateOf(decided) == OutboxEntry.SyncState.CONFIRMED);
            String undo = outbox.submitUndo(decided).idempotencyKey();
            Eventually.await("b's undo confirmed", () -> f.stateOf(undo) == OutboxEntry.SyncState.CONFIRMED);
            assertThat(f.stateOf(stuck)).isEqualTo(OutboxEntry.SyncState.PENDING_SYNC);

            f.fake.setUnavailable(a, false);
            outbox.retryNow();
            Eventually.await("a confirmed", () -> f.stateOf(stuck) == OutboxEntry.SyncState.CONFIRMED);
        }
        assertThat(f.fake.status(a)).isEqualTo(ApplicationStatus.APPROVED);
        assertThat(f.fake.status(b)).isEqualTo(ApplicationStatus.PENDING);
    }

    @Test
    void aBulkEntryGoesBeforeAnyLaterEntryOnAnyOfItsApplications() {
        long a = f.claimed("小李");
        long b = f.claimed("小张");
        long c = f.claimed("小赵");
        f.fake.setUnavailable(a, true); // the bulk request names a, so it keeps retrying
        try (DecisionOutbox outbox = f.outbox(Duration.ofMillis(20))) {
            outbox.start();
            String bulk = outbox.submitBulk(REJECT_AD, List.of(new DecisionOutbox.BulkTarget(a, 1),
                    new DecisionOutbox.BulkTarget(b, 1))).idempotencyKey();
            Eventually.await("bulk retried", () -> f.attemptsOf(bulk) >= 2);
            String onB = outbox.submitDecision(b, 1, APPROVE).idempotencyKey();
            String onC = outbox.submitDecision(c, 1, APPROVE).idempotencyKey();

            Eventually.await("c, on none of the bulk's applications, goes", () ->
                    f.stateOf(onC) == OutboxEntry.SyncState.CONFIRMED);
            assertThat(f.fake.requestLog()).as("b waits for the bulk entry that names it")
                    .doesNotContain("POST /api/v1/review/applications/" + b + "/decision");
            assertThat(f.stateOf(onB)).isEqualTo(OutboxEntry.SyncState.PENDING_SYNC);

            f.fake.setUnavailable(a, false);
            outbox.retryNow();
            Eventually.await("bulk confirmed", () -> f.stateOf(bulk) == OutboxEntry.SyncState.CONFIRMED);
            Eventually.await("b's decision settled", () -> f.seen.containsKey(onB) && !f.seen.get(onB).unsettled());
        }
        List<String> log = f.fake.requestLog();
        assertThat(log.indexOf("POST /api/v1/review/applications/" + b + "/decision"))
                .as("b's own decision went out after the bulk decision that named b")
                .isGreaterThan(log.lastIndexOf("POST /api/v1/review/decisions/bulk"));
        assertThat(f.fake.status(b)).as("the bulk decision came first").isEqualTo(ApplicationStatus.REJECTED);
    }
}
