package dev.moddesk.app.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moddesk.app.api.ReviewApi;
import dev.moddesk.app.api.ApiClient;
import dev.moddesk.app.api.Json;
import dev.moddesk.contract.review.ApplicationStatus;
import dev.moddesk.contract.review.DecisionKind;
import dev.moddesk.contract.review.DecisionRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecisionOutboxTest {

    private static final DecisionRequest APPROVE = new DecisionRequest(DecisionKind.APPROVE, null, null, null);
    private static final DecisionRequest REJECT_AD = new DecisionRequest(DecisionKind.REJECT, "AD", null, null);

    @TempDir
    Path dir;

    private final FakeReviewServer fake = new FakeReviewServer();
    private MockWebServer http;
    private ReviewApi api;
    private final Map<String, OutboxEntry> seen = new ConcurrentHashMap<>();

    @BeforeEach
    void start() throws IOException {
        http = new MockWebServer();
        http.setDispatcher(fake.dispatcher());
        http.start();
        ApiClient client = new ApiClient(http.url("/"), new OkHttpClient(), Json.mapper());
        client.useToken("mod1");
        api = new ReviewApi(client);
    }

    @AfterEach
    void stop() {
        http.close();
    }

    private DecisionOutbox outbox() {
        DecisionOutbox outbox = new DecisionOutbox(dir, api, Runnable::run, Clock.systemUTC(),
                Duration.ofMillis(20), Duration.ofMillis(200),
                DecisionOutbox.Options.defaults().withStaffId(FakeReviewServer.staffId("mod1")));
        outbox.addListener(e -> seen.put(e.idempotencyKey(), e));
        return outbox;
    }

    private long claimedApplication(String nickname) {
        long id = fake.addApplication(nickname, "喜欢爬山");
        fake.claimAs("mod1", id);
        return id;
    }

    private int attempts(String key) {
        OutboxEntry e = seen.get(key);
        return e == null ? 0 : e.attempts();
    }

    private OutboxEntry.SyncState stateOf(String key) {
        OutboxEntry e = seen.get(key);
        return e == null ? null : e.state();
    }

    /** Outbox entries on disk; a temp file of a rewrite in flight (the sender updating an attempt count) is not one. */
    private long filesOnDisk() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> !f.getFileName().toString().startsWith(AtomicFiles.TEMP_PREFIX)).count();
        }
    }

    @Test
    void decisionsMadeWhileTheServerIsDownAreDeliveredExactlyOnceWhenItReturns() throws IOException {
        long a = claimedApplication("小李");
        long b = claimedApplication("小张");
        fake.setDown(true);
        try (DecisionOutbox outbox = outbox()) {
            outbox.start();
            DecisionOutbox.Submission first = outbox.submitDecision(a, 1, APPROVE);
            DecisionOutbox.Submission second = outbox.submitDecision(b, 1, REJECT_AD);
            first.awaitDurable();
            second.awaitDurable();

            assertThat(filesOnDisk()).as("both decisions are on disk before anything was sent").isEqualTo(2);
            Eventually.await("a send was attempted and failed", () -> attempts(first.idempotencyKey()) >= 2);
            assertThat(stateOf(first.idempotencyKey())).isEqualTo(OutboxEntry.SyncState.PENDING_SYNC);
            assertThat(stateOf(second.idempotencyKey())).isEqualTo(OutboxEntry.SyncState.PENDING_SYNC);

            fake.setDown(false);
            outbox.retryNow();

            Eventually.await("both confirmed", () -> stateOf(second.idempotencyKey()) == OutboxEntry.SyncState.CONFIRMED
                    && stateOf(first.idempotencyKey()) == OutboxEntry.SyncState.CONFIRMED);
            assertThat(fake.status(a)).isEqualTo(ApplicationStatus.APPROVED);
            assertThat(fake.status(b)).isEqualTo(ApplicationStatus.REJECTED);
            assertThat(fake.decisionsApplied(a)).isEqualTo(1);
            assertThat(fake.decisionsApplied(b)).isEqualTo(1);
            assertThat(filesOnDisk()).isZero();
            assertThat(seen.get(second.idempotencyKey()).result().applicantMessage()).isEqualTo("抱歉 小张");
        }
    }

    @Test
    void pendingDecisionsSurviveAConsoleRestart() throws IOException {
        long a = claimedApplication("小李");
        long b = claimedApplication("小张");
        fake.setDown(true);
        String keyA;
        String keyB;
        try (DecisionOutbox before = outbox()) {
            before.start();
            keyA = before.submitDecision(a, 1, APPROVE).idempotencyKey();
            keyB = before.submitDecision(b, 1, REJECT_AD).idempotencyKey();
            Eventually.await("a failed attempt", () -> attempts(keyA) >= 1);
        }
        seen.clear();
        fake.setDown(false);

        try (DecisionOutbox after = outbox()) {
            List<OutboxEntry> restored = after.start();

            assertThat(restored).extracting(OutboxEntry::idempotencyKey).containsExactly(keyA, keyB);
            Eventually.await("both confirmed after restart",
                    () -> stateOf(keyA) == OutboxEntry.SyncState.CONFIRMED
                            && stateOf(keyB) == OutboxEntry.SyncState.CONFIRMED);
        }
        assertThat(fake.decisionsApplied(a)).isEqualTo(1);
        assertThat(fake.decisionsApplied(b)).isEqualTo(1);
        assertThat(filesOnDisk()).isZero();
    }

    @Test
    void anAnswerLostAfterTheServerAppliedItIsRetriedWithTheSameKeyAndNotAppliedTwice() {
        long a = claimedApplication("小李");
        fake.loseResponseOnce(a);
        try (DecisionOutbox outbox = outbox()) {
            outbox.start();
            String key = outbox.submitDecision(a, 1, APPROVE).idempotencyKey();

            Eventually.await("confirmed", () -> stateOf(key) == OutboxEntry.SyncState.CONFIRMED);
            assertThat(attempts(key)).isGreaterThanOrEqualTo(2);
        }
        assertThat(fake.decisionsApplied(a)).isEqualTo(1);
        assertThat(fake.requestLog()).filteredOn(l -> l.endsWith("/decision")).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void aRefusedDecisionBecomesAVisibleFailureThatSurvivesRestartUntilDismissed() throws IOException {
        long a = claimedApplication("小李");
        fake.touch(a); // someone changed it: version 2 now, we saw 1
        String key;
        try (DecisionOutbox outbox = outbox()) {
            outbox.start();
            key = outbox.submitDecision(a, 1, APPROVE).idempotencyKey();
            Eventually.await("failed", () -> stateOf(key) == OutboxEntry.SyncState.FAILED);
            assertThat(seen.get(key).failureType()).isEqualTo("precondition-failed");
        }
        try (DecisionOutbox restarted = outbox()) {
            assertThat(restarted.start()).singleElement()
                    .satisfies(e -> assertThat(e.state()).isEqualTo(OutboxEntry.SyncState.FAILED));
            restarted.dismiss(key);
            assertThat(restarted.entries()).isEmpty();
        }
        Eventually.await("the dismissed entry's file is gone", () -> {
            try {
                return filesOnDisk() == 0;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertThat(fake.status(a)).isEqualTo(ApplicationStatus.PENDING);
    }

    @Test
    void anUndoAfterAnAttemptThatMayHaveLandedIsSentToTheServerNotCancelledHere() {
        long a = claimedApplication("小李");
        long b = claimedApplication("小张");
        fake.loseResponseOnce(a); // the server applies it; the answer is cut off, as in a timeout or a reset
        // A long backoff: after the first attempt the decision sits waiting, not in flight.
        try (DecisionOutbox outbox = new DecisionOutbox(dir, api, Runnable::run, Clock.systemUTC(),
                Duration.ofMinutes(10), Duration.ofMinutes(10))) {
            outbox.addListener(e -> seen.put(e.idempotencyKey(), e));
            outbox.start();
            String decision = outbox.submitDecision(a, 1, APPROVE).idempotencyKey();
            Eventually.await("attempted", () -> seen.containsKey(decision) && attempts(decision) >= 1);
            assertThat(fake.status(a)).as("it did land").isEqualTo(ApplicationStatus.APPROVED);

            DecisionOutbox.Submission undo = outbox.submitUndo(decision);

            assertThat(undo.entry().kind()).as("an undo for the server, not a local cancel")
                    .isEqualTo(OutboxEntry.Kind.UNDO);
            assertThat(undo.entry().state()).isNotEqualTo(OutboxEntry.SyncState.CANCELLED);
            outbox.retryNow();
            Eventually.await("undo confirmed", () -> stateOf(undo.idempotencyKey()) == OutboxEntry.SyncState.CONFIRMED);
            assertThat(stateOf(decision)).isEqualTo(OutboxEntry.SyncState.CONFIRMED);
            assertThat(fake.status(a)).as("the decision that landed is undone on the server")
                    .isEqualTo(ApplicationStatus.PENDING);

            String confirmed = outbox.submitDecision(b, 1, REJECT_AD).idempotencyKey();
            Eventually.await("confirmed", () -> stateOf(confirmed) == OutboxEntry.SyncState.CONFIRMED);
            String undoB = outbox.submitUndo(confirmed).idempotencyKey();
            Eventually.await("undo confirmed", () -> stateOf(undoB) == OutboxEntry.SyncState.CONFIRMED);
        }
        assertThat(fake.decisionsApplied(a)).isZero();
        assertThat(fake.status(b)).isEqualTo(ApplicationStatus.PENDING);
    }

    @Test
    void aLeaseThatRanOutWhileOfflineIsReclaimedThroughBulk() {
        long a = claimedApplication("小李");
        fake.advance(Duration.ofMinutes(6));
        try (DecisionOutbox outbox = outbox()) {
            outbox.start();
            String key = outbox.submitDecision(a, 1, APPROVE).idempotencyKey();
            Eventually.await("confirmed", () -> stateOf(key) == OutboxEntry.SyncState.CONFIRMED);
        }
        assertThat(fake.status(a)).isEqualTo(ApplicationStatus.APPROVED);
        assertThat(fake.requestLog()).contains("POST /api/v1/review/decisions/bulk");
    }

    @Test
    void aLeaseTakenByAnotherModeratorFailsVisibly() {
        long a = claimedApplication("小李");
        fake.advance(Duration.ofMinutes(6));
        fake.claimAs("mod2", a);
        try (DecisionOutbox outbox = outbox()) {
            outbox.start();
            String key = outbox.submitDecision(a, 1, APPROVE).idempotencyKey();
            Eventually.await("failed", () -> stateOf(key) == OutboxEntry.SyncState.FAILED);
            assertThat(seen.get(key).failureType()).isEqualTo("claimed-by-other");
        }
    }

    @Test
    void bulkDecisionsReportEveryItem() {
        long a = claimedApplication("小李");
        long b = fake.addApplication("小王", "加微信");
        long c = fake.addApplication("小赵", "兼职");
        fake.claimAs("mod2", c);
        try (DecisionOutbox outbox = outbox()) {
            outbox.start();
            String key = outbox.submitBulk(REJECT_AD, List.of(new DecisionOutbox.BulkTarget(a, 1),
                    new DecisionOutbox.BulkTarget(b, 1), new DecisionOutbox.BulkTarget(c, 1))).idempotencyKey();
            Eventually.await("confirmed", () -> stateOf(key) == OutboxEntry.SyncState.CONFIRMED);
            assertThat(seen.get(key).bulkResult().outcomes()).hasSize(3)
                    .filteredOn(o -> o.problem() != null).singleElement()
                    .satisfies(o -> {
                        assertThat(o.applicationId()).isEqualTo(c);
                        assertThat(o.problem().type()).endsWith("claimed-by-other");
                    });
        }
        assertThat(fake.status(a)).isEqualTo(ApplicationStatus.REJECTED);
        assertThat(fake.status(b)).isEqualTo(ApplicationStatus.REJECTED);
        assertThat(fake.status(c)).isEqualTo(ApplicationStatus.PENDING);
    }
}
