package dev.moddesk.app.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moddesk.app.core.ErrorMessages;
import dev.moddesk.app.core.I18n;
import dev.moddesk.app.testing.MutableClock;
import dev.moddesk.contract.review.ApplicationStatus;
import dev.moddesk.contract.review.QueueFilter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FocusModeModelTest {

    @TempDir
    Path dir;

    private final FakeReviewServer server = new FakeReviewServer();
    private final FakeReviewApi api = new FakeReviewApi(server, "mod1");
    private final ManualTimers timers = new ManualTimers();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T12:00:00Z"));
    private final DrainableExecutor outboxEvents = new DrainableExecutor();
    private DecisionOutbox outbox;
    private FocusModeModel focus;
    private long first;
    private long second;
    private long third;

    @BeforeEach
    void setUp() {
        first = server.addApplication("小李", "喜欢爬山，周末常去青城山");
        second = server.addApplication("小王", "加微信 领福利");
        third = server.addApplication("小赵", "想认识同城山友");
        // Writes on the caller's thread: a decision is on disk when the key press returns (the async path has its own test).
        outbox = new DecisionOutbox(dir, api, outboxEvents, clock, Duration.ofMillis(10), Duration.ofMillis(50),
                DecisionOutbox.Options.defaults().writingOn(Runnable::run));
        outbox.start();
        focus = new FocusModeModel(api, outbox, Runnable::run, timers, clock,
                new ErrorMessages(new I18n(Locale.ENGLISH)));
    }

    @AfterEach
    void tearDown() {
        focus.close();
        outbox.close();
    }

    private final ReviewKeymap keymap = new ReviewKeymap();

    private void press(KeyCode code) {
        keymap.map(code, code == KeyCode.SLASH ? "?" : code.getChar().toLowerCase(), false).ifPresent(focus::execute);
    }

    /** Lets the outbox deliver everything, then hands its notifications to the model as the FX thread would. */
    private void syncOutbox() {
        Eventually.await("outbox empty", () -> outbox.pendingCount() == 0);
        outboxEvents.drain();
    }

    private long shown() {
        return focus.current().applicationId();
    }

    @Test
    void aModeratorClearsTheQueueWithTheKeyboardOnly() {
        focus.start(List.of(first, second, third), null);
        assertThat(shown()).isEqualTo(first);
        assertThat(server.holder(second)).as("the next one is claimed ahead").contains("mod1");

        press(KeyCode.A);
        assertThat(shown()).as("the prefetched application appears at once").isEqualTo(second);
        assertThat(focus.syncStates()).containsEntry(first, OutboxEntry.SyncState.PENDING_SYNC);

        press(KeyCode.DIGIT3);
        assertThat(shown()).isEqualTo(third);
        assertThat(focus.undoOfferProperty().get().applicationId()).isEqualTo(second);
        assertThat(focus.undoOfferProperty().get().reasonCode()).isEqualTo("AD");

        press(KeyCode.U);
        assertThat(shown()).as("undo brings the application back").isEqualTo(second);
        syncOutbox();
        assertThat(server.status(second)).isEqualTo(ApplicationStatus.PENDING);

        press(KeyCode.R);
        assertThat(keymap.rejectArmedProperty().get()).isTrue();
        press(KeyCode.DIGIT3);
        assertThat(shown()).as("after the redo, the application that was next comes back").isEqualTo(third);

        press(KeyCode.N);
        assertThat(focus.needsInfoRequestedProperty().get()).isTrue();
        focus.submitNeedsInfo("请补充一张徒步照片");
        assertThat(focus.finishedProperty().get()).isTrue();

        syncOutbox();
        assertThat(server.status(first)).isEqualTo(ApplicationStatus.APPROVED);
        assertThat(server.status(second)).isEqualTo(ApplicationStatus.REJECTED);
        assertThat(server.status(third)).isEqualTo(ApplicationStatus.NEEDS_INFO);
        assertThat(server.decisionsApplied(first)).isEqualTo(1);
        assertThat(server.decisionsApplied(second)).isEqualTo(1);
        assertThat(server.decisionsApplied(third)).isEqualTo(1);
        assertThat(focus.pendingSyncProperty().get()).isZero();
        assertThat(focus.decidedCountProperty().get()).isEqualTo(3);
    }

    @Test
    void anApplicationAnotherModeratorHoldsIsReportedAndPassedOver() {
        server.claimAs("mod2", second);

        focus.start(List.of(first, second, third), null);
        press(KeyCode.A);

        assertThat(shown()).isEqualTo(third);
        assertThat(focus.conflictProperty().get().holder()).isEqualTo("mod2");
        assertThat(focus.conflictProperty().get().until()).isEqualTo(server.now().plus(FakeReviewServer.LEASE));
        assertThat(focus.noticeProperty().get().key()).isEqualTo("review.notice.claimedByOther");
    }

    @Test
    void aDecisionOnAnApplicationThatChangedFailsVisiblyWithFreshState() {
        focus.start(List.of(first, second), null);
        server.touch(first); // edited on the server after we loaded it

        press(KeyCode.A);
        assertThat(focus.undoOfferProperty().get()).as("the toast offers undo while the decision is on its way")
                .isNotNull();
        syncOutbox();

        assertThat(focus.failedDecisions()).singleElement()
                .satisfies(e -> assertThat(e.failureType()).isEqualTo("precondition-failed"));
        assertThat(focus.noticeProperty().get().key()).isEqualTo("review.notice.decisionFailed");
        assertThat(focus.undoOfferProperty().get()).as("nothing was decided, so nothing to undo").isNull();
        assertThat(focus.syncStates()).containsEntry(first, OutboxEntry.SyncState.FAILED);

        focus.reopenFailure(focus.failedDecisions().get(0));
        assertThat(shown()).isEqualTo(first);
        assertThat(focus.current().detail().version()).as("fresh state").isEqualTo(2);
        press(KeyCode.A);
        syncOutbox();
        assertThat(server.status(first)).isEqualTo(ApplicationStatus.APPROVED);
    }

    @Test
    void theClaimIsRenewedWhileOpenAndReleasedOnSkip() {
        focus.start(List.of(first, second), null);
        server.advance(Duration.ofMinutes(4));
        timers.fire(ApplicationModel.LEASE_RENEWAL);
        server.advance(Duration.ofMinutes(4));

        assertThat(server.holder(first)).as("renewed before the 5-minute lease ran out").contains("mod1");

        press(KeyCode.S);

        assertThat(shown()).isEqualTo(second);
        assertThat(server.holder(first)).as("released on leave").isEmpty();
        press(KeyCode.K);
        assertThat(shown()).as("previous goes back to the skipped one").isEqualTo(first);
    }

    @Test
    void presenceHeartbeatShowsOtherViewers() {
        server.presence("mod2", first);
        focus.start(List.of(first), null);

        assertThat(focus.current().viewers()).containsExactly("mod2");
        timers.fire(ApplicationModel.PRESENCE_HEARTBEAT);
        assertThat(server.detail("mod2", first).viewers()).contains("mod1");
    }

    @Test
    void undoIsOfferedForTenSecondsOnly() {
        focus.start(List.of(first, second), null);
        press(KeyCode.A);
        assertThat(focus.undoSecondsLeftProperty().get()).isEqualTo(10);

        clock.advance(Duration.ofSeconds(4));
        timers.fire(Duration.ofSeconds(1));
        assertThat(focus.undoSecondsLeftProperty().get()).isEqualTo(6);

        clock.advance(Duration.ofSeconds(7));
        timers.fire(Duration.ofSeconds(1));
        assertThat(focus.undoOfferProperty().get()).isNull();
        press(KeyCode.U);
        assertThat(focus.noticeProperty().get().key()).isEqualTo("review.notice.nothingToUndo");
        assertThat(shown()).isEqualTo(second);
    }

    @Test
    void decisionsWhileOfflineShowPendingSyncUntilTheServerConfirms() {
        focus.start(List.of(first, second, third), null);
        api.setOffline(true);

        press(KeyCode.A);
        press(KeyCode.DIGIT1);

        assertThat(focus.pendingSyncProperty().get()).isEqualTo(2);
        assertThat(focus.syncStates()).containsEntry(first, OutboxEntry.SyncState.PENDING_SYNC)
                .containsEntry(second, OutboxEntry.SyncState.PENDING_SYNC);
        api.setOffline(false);
        outbox.retryNow();
        syncOutbox();
        assertThat(focus.pendingSyncProperty().get()).isZero();
        assertThat(focus.syncStates()).containsEntry(first, OutboxEntry.SyncState.CONFIRMED);
        assertThat(server.status(second)).isEqualTo(ApplicationStatus.REJECTED);
    }

    @Test
    void claimNextTakesOverWhenTheListRunsOut() {
        focus.start(List.of(), QueueFilter.all());
        assertThat(shown()).isEqualTo(first);
        press(KeyCode.A);
        assertThat(shown()).isEqualTo(second);
    }

    @Test
    void whenTheServerCannotBeReachedFocusModeTriesAgainByItselfAndOnJ() {
        api.setOffline(true);
        focus.start(List.of(), QueueFilter.all());
        assertThat(focus.current()).isNull();
        assertThat(focus.noticeProperty().get().key()).isEqualTo("review.notice.loadFailedRetrying");

        timers.fire(FocusLineUp.RETRY_AFTER);
        assertThat(focus.current()).as("still offline: nothing yet").isNull();
        assertThat(timers.count(FocusLineUp.RETRY_AFTER)).as("and it keeps trying").isEqualTo(1);

        api.setOffline(false);
        timers.fire(FocusLineUp.RETRY_AFTER);
        assertThat(shown()).as("back online, the next application appears without a key").isEqualTo(first);
        assertThat(timers.count(FocusLineUp.RETRY_AFTER)).isZero();

        long fourth = server.addApplication("小刘", "刚搬来，想找人一起爬山");
        api.setOffline(true);
        press(KeyCode.A);
        assertThat(shown()).as("claimed ahead before the drop").isEqualTo(second);
        press(KeyCode.A);
        assertThat(shown()).as("two ahead").isEqualTo(third);
        press(KeyCode.A); // nothing more could be claimed while offline
        assertThat(focus.current()).isNull();
        api.setOffline(false);
        press(KeyCode.J);
        assertThat(shown()).as("J tries again at once").isEqualTo(fourth);
    }

    @Test
    void aClearedClaimNextQueuePicksUpNewArrivals() {
        focus.start(List.of(), QueueFilter.all());
        press(KeyCode.A);
        press(KeyCode.A);
        press(KeyCode.A);
        assertThat(focus.finishedProperty().get()).isTrue();

        long late = server.addApplication("小刘", "刚搬来成都，想找人一起爬山");
        timers.fire(FocusLineUp.LOOK_AGAIN_AFTER);
        assertThat(shown()).isEqualTo(late);
        assertThat(focus.finishedProperty().get()).isFalse();
    }

    @Test
    void videoKeysDriveThePlayer() {
        focus.start(List.of(first), null);
        press(KeyCode.SPACE);
        assertThat(focus.video().playingProperty().get()).isTrue();
        press(KeyCode.RIGHT);
        assertThat(focus.video().seekRequestProperty().get().seconds()).isEqualTo(5);
        press(KeyCode.LEFT);
        assertThat(focus.video().seekRequestProperty().get().seconds()).isEqualTo(-5);
        press(KeyCode.CLOSE_BRACKET);
        press(KeyCode.CLOSE_BRACKET);
        assertThat(focus.video().rateProperty().get()).isEqualTo(1.5);
        press(KeyCode.OPEN_BRACKET);
        assertThat(focus.video().rateProperty().get()).isEqualTo(1.25);
        press(KeyCode.SLASH);
        assertThat(focus.helpVisibleProperty().get()).isTrue();
        press(KeyCode.ESCAPE);
        assertThat(focus.helpVisibleProperty().get()).isFalse();
    }

    @Test
    void aReasonNumberWithNoReasonSaysSo() {
        focus.start(List.of(first), null);
        press(KeyCode.DIGIT9);
        assertThat(focus.noticeProperty().get().key()).isEqualTo("review.notice.noReason");
        assertThat(shown()).isEqualTo(first);
    }

    @Test
    void closingHandsBackEveryClaim() {
        focus.start(List.of(first, second), null);
        assertThat(server.holder(second)).contains("mod1");

        focus.close();

        assertThat(server.holder(first)).isEmpty();
        assertThat(server.holder(second)).isEmpty();
    }
}
