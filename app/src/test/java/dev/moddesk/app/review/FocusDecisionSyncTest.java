package dev.moddesk.app.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moddesk.app.core.ErrorMessages;
import dev.moddesk.app.core.I18n;
import dev.moddesk.app.testing.MutableClock;
import dev.moddesk.contract.review.ApplicationStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What focus mode tells the moderator about a decision on its way: saving, undoing, undone, each only when true. */
class FocusDecisionSyncTest {

    @TempDir
    Path dir;

    private final FakeReviewServer server = new FakeReviewServer();
    private final FakeReviewApi api = new FakeReviewApi(server, "mod1");
    private final ManualTimers timers = new ManualTimers();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T12:00:00Z"));
    /** The FX thread's queue: the test runs it, as the FX thread would, when it chooses. */
    private final DrainableExecutor fx = new DrainableExecutor();
    private final BlockingFileSync disk = new BlockingFileSync();
    private final List<String> notices = new ArrayList<>();
    private DecisionOutbox outbox;
    private FocusModeModel focus;
    private long first;
    private long second;

    @BeforeEach
    void setUp() {
        first = server.addApplication("小李", "喜欢爬山，周末常去青城山");
        second = server.addApplication("小王", "想认识同城山友");
    }

    @AfterEach
    void tearDown() {
        disk.release();
        if (focus != null) {
            focus.close();
        }
        outbox.close();
    }

    private void open(DecisionOutbox.Options options) {
        outbox = new DecisionOutbox(dir, api, fx, clock, Duration.ofMillis(10), Duration.ofMillis(50), options);
        outbox.start();
        focus = new FocusModeModel(api, outbox, fx, timers, clock, new ErrorMessages(new I18n(Locale.ENGLISH)));
        focus.noticeProperty().subscribe(n -> {
            if (n != null) {
                notices.add(n.key());
            }
        });
        focus.start(List.of(first, second), null);
        fx.drain();
    }

    @Test
    void aDecisionIsSavingUntilOnDiskAndOnlyThenCountsAndOffersUndo() throws InterruptedException {
        open(DecisionOutbox.Options.defaults().withFileSync(disk));
        assertThat(focus.current().applicationId()).isEqualTo(first);
        disk.arm();

        focus.approve(); // on the "FX thread" (this one): returns with the file sync held
        disk.awaitBlocked();
        fx.drain();

        assertThat(focus.current().applicationId()).as("the window moves on at once").isEqualTo(second);
        assertThat(focus.savingProperty().get().applicationId()).isEqualTo(first);
        assertThat(focus.undoOfferProperty().get()).as("no undo before the decision exists").isNull();
        assertThat(focus.decidedCountProperty().get()).as("not made until durable").isZero();
        assertThat(focus.syncStates()).containsEntry(first, OutboxEntry.SyncState.SAVING);

        disk.release();
        Eventually.await("on disk", () -> {
            fx.drain();
            return focus.undoOfferProperty().get() != null;
        });
        assertThat(focus.undoOfferProperty().get().applicationId()).isEqualTo(first);
        assertThat(focus.savingProperty().get()).isNull();
        assertThat(focus.decidedCountProperty().get()).isEqualTo(1);
    }

    @Test
    void anUndoOfADecisionWhoseSendFailedIsNotCalledUndoneBeforeTheServerConfirms() {
        open(DecisionOutbox.Options.defaults().writingOn(Runnable::run));
        api.setOffline(true); // the attempt fails; for all the console knows it may have landed
        focus.approve();
        Eventually.await("attempted", () -> outbox.entries().stream().anyMatch(e -> e.attempts() >= 1));
        fx.drain();

        focus.undo();
        fx.drain();

        assertThat(notices).as("undoing, not undone").contains("review.notice.undoing")
                .doesNotContain("review.notice.undone");
        assertThat(outbox.entries()).anySatisfy(e -> assertThat(e.kind()).isEqualTo(OutboxEntry.Kind.UNDO));

        api.setOffline(false);
        outbox.retryNow();
        Eventually.await("all sent", () -> outbox.pendingCount() == 0);
        fx.drain();
        assertThat(notices).contains("review.notice.undone");
        assertThat(server.status(first)).isEqualTo(ApplicationStatus.PENDING);
    }

    @Test
    void aReviewViewOpenedAgainStillCountsTheDecisionsNotYetSent() {
        open(DecisionOutbox.Options.defaults().writingOn(Runnable::run));
        api.setOffline(true);
        focus.approve();
        Eventually.await("attempted", () -> outbox.entries().stream().anyMatch(e -> e.attempts() >= 1));
        fx.drain();
        assertThat(focus.pendingSyncProperty().get()).isEqualTo(1);

        focus.close(); // the moderator opens another view; coming back builds a new focus model
        focus = new FocusModeModel(api, outbox, fx, timers, clock, new ErrorMessages(new I18n(Locale.ENGLISH)));
        assertThat(focus.pendingSyncProperty().get()).as("still 1 pending sync").isEqualTo(1);
        assertThat(focus.syncStates()).containsEntry(first, OutboxEntry.SyncState.PENDING_SYNC);

        api.setOffline(false);
        outbox.retryNow();
        Eventually.await("sent", () -> outbox.pendingCount() == 0);
        fx.drain();
        assertThat(focus.pendingSyncProperty().get()).isZero();
    }
}
