package dev.moddesk.app.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moddesk.app.core.ErrorMessages;
import dev.moddesk.app.core.I18n;
import dev.moddesk.app.testing.MutableClock;
import dev.moddesk.contract.review.ApplicationStatus;
import dev.moddesk.contract.review.ApplicationSummary;
import dev.moddesk.contract.review.DecisionKind;
import dev.moddesk.contract.review.DecisionRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReviewQueueModelTest {

    @TempDir
    Path dir;

    private final FakeReviewServer server = new FakeReviewServer();
    private final FakeReviewApi api = new FakeReviewApi(server, "mod1");
    private final ManualTimers timers = new ManualTimers();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T12:00:00Z"));
    private final DrainableExecutor outboxEvents = new DrainableExecutor();
    private DecisionOutbox outbox;
    private ReviewQueueModel queue;

    @BeforeEach
    void setUp() {
        // Writes on the caller's thread: a decision is on disk when the key press returns (the async path has its own test).
        outbox = new DecisionOutbox(dir, api, outboxEvents, clock, Duration.ofMillis(10), Duration.ofMillis(50),
                DecisionOutbox.Options.defaults().writingOn(Runnable::run));
        outbox.start();
        queue = new ReviewQueueModel(api, outbox, Runnable::run, timers, clock,
                new ErrorMessages(new I18n(Locale.ENGLISH)));
        queue.activate();
    }

    @AfterEach
    void tearDown() {
        queue.deactivate();
        outbox.close();
    }

    @Test
    void filtersSortAndSearchReachTheServerAndAgesTick() {
        server.addApplication("小李", "喜欢爬山");
        server.addApplication("小王", "加微信 领福利");
        server.addApplication("小赵", "想认识山友");

        queue.refresh();
        assertThat(queue.rows()).extracting(ApplicationSummary::applicantNickname).containsExactly("小李", "小王", "小赵");
        assertThat(queue.healthProperty().get().depth()).isEqualTo(3);

        queue.sortProperty().set("risk");
        queue.refresh();
        assertThat(queue.rows().get(0).applicantNickname()).isEqualTo("小王");

        queue.queryProperty().set("  爬山 ");
        queue.refresh();
        assertThat(queue.rows()).extracting(ApplicationSummary::applicantNickname).containsExactly("小李");

        Duration before = queue.ageOf(queue.rows().get(0));
        clock.advance(Duration.ofSeconds(30));
        timers.fire(Duration.ofSeconds(1));
        assertThat(queue.ageOf(queue.rows().get(0))).isEqualTo(before.plusSeconds(30));
    }

    @Test
    void everyFilterAppliesWhenItChangesWithoutARefresh() {
        server.addApplication("小李", "喜欢爬山");
        long wang = server.addApplication("小王", "加微信 领福利");
        server.setVideo(wang, new dev.moddesk.contract.review.VideoSubmission("http://127.0.0.1:9/v.mp4", null, 4, "视频"));
        queue.refresh();
        assertThat(queue.rows()).hasSize(2);

        queue.modeProperty().set(dev.moddesk.contract.review.JoinMode.VIDEO);
        assertThat(queue.rows()).as("join mode").extracting(ApplicationSummary::applicantNickname).containsExactly("小王");

        queue.modeProperty().set(null);
        queue.minRiskProperty().set(101);
        assertThat(queue.rows()).as("minimum risk").isEmpty();

        queue.minRiskProperty().set(null);
        queue.queryProperty().set("爬山");
        assertThat(queue.rows()).as("search, as typed").extracting(ApplicationSummary::applicantNickname)
                .containsExactly("小李");
    }

    @Test
    void newArrivalsAppearWhileNothingIsSelected() {
        server.addApplication("小李", "喜欢爬山");
        queue.refresh();
        server.addApplication("小王", "想认识山友");

        queue.autoRefreshProperty().set(false);
        timers.fire(ReviewQueueModel.LIVE_REFRESH);
        assertThat(queue.rows()).hasSize(1);
        assertThat(queue.healthProperty().get().depth()).isEqualTo(2);

        queue.autoRefreshProperty().set(true);
        timers.fire(ReviewQueueModel.LIVE_REFRESH);
        assertThat(queue.rows()).extracting(ApplicationSummary::applicantNickname).containsExactly("小李", "小王");
    }

    @Test
    void bulkRejectReportsEveryItemAndDropsTheDecidedRows() {
        long a = server.addApplication("小李", "加微信");
        long b = server.addApplication("小王", "兼职刷单");
        long c = server.addApplication("小赵", "日结");
        server.claimAs("mod2", c);
        queue.refresh();

        queue.bulkDecide(new DecisionRequest(DecisionKind.REJECT, "AD", null, null), queue.rows());
        assertThat(queue.bulkPendingProperty().get()).isTrue();
        Eventually.await("bulk sent", () -> outbox.pendingCount() == 0);
        outboxEvents.drain();

        assertThat(queue.bulkPendingProperty().get()).isFalse();
        assertThat(queue.bulkOutcomes()).hasSize(3);
        assertThat(queue.bulkOutcomes()).filteredOn(BulkOutcomeRow::succeeded)
                .extracting(BulkOutcomeRow::applicationId).containsExactlyInAnyOrder(a, b);
        assertThat(queue.bulkOutcomes()).filteredOn(r -> !r.succeeded()).singleElement().satisfies(r -> {
            assertThat(r.applicationId()).isEqualTo(c);
            assertThat(r.nickname()).isEqualTo("小赵");
            assertThat(r.problemType()).isEqualTo("claimed-by-other");
        });
        assertThat(queue.bulkSucceededProperty().get()).isEqualTo(2);
        assertThat(queue.bulkFailedProperty().get()).isEqualTo(1);
        assertThat(queue.rows()).extracting(ApplicationSummary::id).containsExactly(c);
        assertThat(server.status(a)).isEqualTo(ApplicationStatus.REJECTED);
    }

    @Test
    void aBulkDecisionMadeOfflineWaitsOnDiskAndIsDeliveredOnceTheServerAnswers() {
        long a = server.addApplication("小李", "加微信");
        long b = server.addApplication("小王", "兼职刷单");
        queue.refresh();
        api.setOffline(true);

        queue.bulkDecide(new DecisionRequest(DecisionKind.REJECT, "AD", null, null), queue.rows());
        assertThat(queue.noticeProperty().get()).as("no 'cannot reach' refusal: it is queued").isNull();
        assertThat(outbox.pendingCount()).isEqualTo(1);
        assertThat(queue.bulkPendingProperty().get()).isTrue();
        assertThat(server.status(a)).isEqualTo(ApplicationStatus.PENDING);

        api.setOffline(false);
        outbox.retryNow();
        Eventually.await("bulk sent", () -> outbox.pendingCount() == 0);
        outboxEvents.drain();
        assertThat(queue.bulkOutcomes()).allMatch(BulkOutcomeRow::succeeded).hasSize(2);
        assertThat(server.status(a)).isEqualTo(ApplicationStatus.REJECTED);
        assertThat(server.status(b)).isEqualTo(ApplicationStatus.REJECTED);
        assertThat(server.decisionsApplied(a)).isEqualTo(1);
    }
}
