package dev.moddesk.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.moddesk.app.api.ApiClient;
import dev.moddesk.app.api.ApiException;
import dev.moddesk.app.api.ReviewApi;
import dev.moddesk.app.review.DecisionOutbox;
import dev.moddesk.app.review.OutboxEntry;
import dev.moddesk.contract.ProblemType;
import dev.moddesk.contract.Role;
import dev.moddesk.contract.review.ApplicationDetail;
import dev.moddesk.contract.review.ApplicationStatus;
import dev.moddesk.contract.review.DecisionKind;
import dev.moddesk.contract.review.DecisionRequest;
import dev.moddesk.contract.review.QueueFilter;
import dev.moddesk.contract.review.ReasonCode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The review console's client code (ReviewApi, DecisionOutbox) against the real server process. */
class ReviewAgainstRealServerTest {
    @TempDir
    static Path dataDir;
    @TempDir
    static Path outboxDir;

    static RealServer server;

    @BeforeAll
    static void startServer() throws Exception {
        // No simulator: it would submit and withdraw applications at random (it once withdrew this test's one).
        server = RealServer.start(dataDir, List.of("--no-sim"));
        TestPlatform platform = TestPlatform.connect(server);
        platform.ingest(List.of(
                platform.circle("e2e-circle-cd", "成都", List.of("你打羽毛球多久了？", "大概什么水平？")),
                platform.application("e2e-app-1", "e2e-circle-cd", "e2e-user-1", "阿杰", "成都",
                        List.of("打了五年，每周两次", "业余中等水平，双打为主")),
                platform.application("e2e-app-2", "e2e-circle-cd", "e2e-user-2", "小鹿", "成都",
                        List.of("大学开始打的", "单打一般，双打还可以"))));
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
        }
    }

    @Test
    void claimDecideUndoAndConflictsAgainstTheRealServer() throws Exception {
        ReviewApi moderator = new ReviewApi(server.signedIn(Role.MODERATOR));
        ReviewApi admin = new ReviewApi(server.signedIn(Role.ADMIN));
        assertThat(moderator.queue(QueueFilter.all(), null, 10).get(20, TimeUnit.SECONDS).items())
                .extracting(a -> a.applicantNickname()).containsExactlyInAnyOrder("阿杰", "小鹿");

        Optional<ApplicationDetail> claimed = moderator.claimNext(QueueFilter.all()).get(20, TimeUnit.SECONDS);
        assertThat(claimed).isPresent();
        ApplicationDetail d = moderator.application(claimed.get().id()).get(20, TimeUnit.SECONDS);
        assertThat(d.status()).isEqualTo(ApplicationStatus.PENDING);
        assertThat(d.claim().staffName()).isNotBlank();

        assertThatThrownBy(() -> admin.claim(d.id()).join()).satisfies(e -> {
            ApiException api = ApiException.find(e).orElseThrow();
            assertThat(api.is(ProblemType.CLAIMED_BY_OTHER)).isTrue();
            assertThat(api.problem().orElseThrow().extensions()).containsKeys("holder", "until");
        });

        List<ReasonCode> reasons = moderator.reasonCodes(d.circle().id()).get(20, TimeUnit.SECONDS);
        assertThat(reasons).isNotEmpty();
        try (DecisionOutbox outbox = new DecisionOutbox(outboxDir, moderator, Runnable::run, Clock.systemUTC(),
                Duration.ofMillis(200), Duration.ofSeconds(2))) {
            outbox.start();
            DecisionOutbox.Submission entry = outbox.submitDecision(d.id(), d.version(),
                    new DecisionRequest(DecisionKind.REJECT, reasons.get(0).code(), null, null));
            await("decision confirmed", () -> outbox.entry(entry.idempotencyKey())
                    .map(e -> e.state() == OutboxEntry.SyncState.CONFIRMED).orElse(false));
            assertThat(outbox.entry(entry.idempotencyKey()).orElseThrow().result().status())
                    .isEqualTo(ApplicationStatus.REJECTED);

            DecisionOutbox.Submission undo = outbox.submitUndo(entry.idempotencyKey());
            await("undo confirmed", () -> outbox.entry(undo.idempotencyKey())
                    .map(e -> e.state() == OutboxEntry.SyncState.CONFIRMED).orElse(false));
            assertThat(moderator.application(d.id()).get(20, TimeUnit.SECONDS).status())
                    .isEqualTo(ApplicationStatus.PENDING);

            ApplicationDetail stale = d;
            DecisionOutbox.Submission staleDecision = outbox.submitDecision(stale.id(), stale.version(),
                    new DecisionRequest(DecisionKind.APPROVE, null, null, null));
            await("stale decision failed visibly", () -> outbox.entry(staleDecision.idempotencyKey())
                    .map(e -> e.state() == OutboxEntry.SyncState.FAILED).orElse(false));
            assertThat(outbox.entry(staleDecision.idempotencyKey()).orElseThrow().failureType())
                    .isEqualTo("precondition-failed");
        }
        assertThat(moderator.history(d.applicant().userId()).get(20, TimeUnit.SECONDS).applications())
                .isNotEmpty();
        moderator.release(d.id()).get(20, TimeUnit.SECONDS);
    }

    private static long idOf(ReviewApi api, String nickname) throws Exception {
        return api.queue(new QueueFilter(null, null, null, null, null, nickname, "age"), null, 10)
                .get(20, TimeUnit.SECONDS).items().getFirst().id();
    }

    /** The two rules FakeReviewServerTest holds the console's stand-in to, checked here against the server itself. */
    @Test
    void theHolderIsCheckedBeforeTheVersionAndKeysBelongToOneStaffMember() throws Exception {
        TestPlatform platform = TestPlatform.connect(server);
        platform.ingest(List.of(
                platform.application("e2e-app-3", "e2e-circle-cd", "e2e-user-3", "阿伟", "成都",
                        List.of("打了三年", "双打还行")),
                platform.application("e2e-app-4", "e2e-circle-cd", "e2e-user-4", "小雨", "成都",
                        List.of("刚开始学", "新手"))));
        ReviewApi moderator = new ReviewApi(server.signedIn(Role.MODERATOR));
        ReviewApi admin = new ReviewApi(server.signedIn(Role.ADMIN));
        long mineId = idOf(moderator, "阿伟");
        long theirsId = idOf(moderator, "小雨");
        moderator.claim(mineId).get(20, TimeUnit.SECONDS);
        admin.claim(theirsId).get(20, TimeUnit.SECONDS);
        ApplicationDetail mine = moderator.application(mineId).get(20, TimeUnit.SECONDS);
        ApplicationDetail theirs = admin.application(theirsId).get(20, TimeUnit.SECONDS);
        DecisionRequest approve = new DecisionRequest(DecisionKind.APPROVE, null, null, null);

        assertThatThrownBy(() -> moderator.decide(theirsId, theirs.version() + 1, "stale-" + theirsId, approve).join())
                .as("held by another and stale: the holder is reported")
                .satisfies(e -> assertThat(ApiException.find(e).orElseThrow().is(ProblemType.CLAIMED_BY_OTHER))
                        .isTrue());

        String shared = "shared-" + mineId + "-" + theirsId;
        assertThat(moderator.decide(mineId, mine.version(), shared, approve).get(20, TimeUnit.SECONDS)
                .applicationId()).isEqualTo(mineId);
        assertThat(admin.decide(theirsId, theirs.version(), shared, approve).get(20, TimeUnit.SECONDS)
                .applicationId()).as("another staff member's key is theirs alone").isEqualTo(theirsId);
    }
}
