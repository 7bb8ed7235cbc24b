package dev.moddesk.app.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moddesk.contract.review.DecisionKind;
import dev.moddesk.contract.review.DecisionRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The FX thread never waits on the disk: submitting returns while the file sync is held, and nothing the FX thread
 * calls needs a lock the outbox holds while it syncs. A decision is durable (and only then counts) once its future
 * completes. The calls run on a thread of their own standing in for the FX thread; a call that does not return is
 * caught by a generous deadline, never by measuring time.
 */
class DecisionOutboxDurabilityTest {

    private static final DecisionRequest APPROVE = new DecisionRequest(DecisionKind.APPROVE, null, null, null);

    @TempDir
    Path dir;
    private OutboxFixture f;
    private final BlockingFileSync disk = new BlockingFileSync();
    private final ExecutorService fxStandIn = Executors.newSingleThreadExecutor();

    @BeforeEach
    void start() {
        f = new OutboxFixture(dir);
    }

    @AfterEach
    void stop() {
        disk.release();
        fxStandIn.shutdownNow();
        f.close();
    }

    private <T> T onFx(java.util.concurrent.Callable<T> call) throws Exception {
        return fxStandIn.submit(call).get(15, TimeUnit.SECONDS); // a TimeoutException here: it blocked on the disk
    }

    @Test
    void submitDecisionReturnsWhileItsFileSyncIsHeldAndCountsOnlyOnceOnDisk() throws Exception {
        long a = f.claimed("小李");
        try (DecisionOutbox outbox = f.outbox(Duration.ofMillis(20), DecisionOutbox.Options.defaults()
                .withFileSync(disk))) {
            outbox.start();
            disk.arm();

            DecisionOutbox.Submission s = onFx(() -> outbox.submitDecision(a, 1, APPROVE));
            disk.awaitBlocked();

            assertThat(s.entry().state()).isEqualTo(OutboxEntry.SyncState.SAVING);
            assertThat(s.durable()).as("not durable while the sync is held").isNotDone();
            assertThat(onFx(outbox::pendingCount)).isEqualTo(1);
            assertThat(f.fake.requestLog()).as("nothing is sent before it is on disk").isEmpty();

            disk.release();
            OutboxEntry stored = s.durable().get(15, TimeUnit.SECONDS);
            assertThat(stored.state()).isEqualTo(OutboxEntry.SyncState.PENDING_SYNC);
            Eventually.await("confirmed", () -> f.stateOf(s.idempotencyKey()) == OutboxEntry.SyncState.CONFIRMED);
        }
    }

    @Test
    void decisionsMadeWhileTheDiskIsBusyAreWrittenTogetherWithOneFolderSync() throws Exception {
        List<Long> apps = List.of(f.claimed("小李"), f.claimed("小张"), f.claimed("小王"), f.claimed("小赵"),
                f.claimed("小陈"));
        try (DecisionOutbox outbox = f.outbox(Duration.ofMillis(20), DecisionOutbox.Options.defaults()
                .withFileSync(disk))) {
            outbox.start();
            disk.arm();
            DecisionOutbox.Submission first = onFx(() -> outbox.submitDecision(apps.getFirst(), 1, APPROVE));
            disk.awaitBlocked(); // the first decision's file sync is held: the disk is busy
            int before = disk.syncs();
            List<DecisionOutbox.Submission> meanwhile = new java.util.ArrayList<>();
            for (long id : apps.subList(1, apps.size())) {
                meanwhile.add(onFx(() -> outbox.submitDecision(id, 1, APPROVE)));
            }
            assertThat(meanwhile).allSatisfy(s -> assertThat(s.durable()).isNotDone());

            disk.release();
            first.durable().get(15, TimeUnit.SECONDS);
            for (DecisionOutbox.Submission s : meanwhile) {
                assertThat(s.durable().get(15, TimeUnit.SECONDS).state())
                        .isEqualTo(OutboxEntry.SyncState.PENDING_SYNC);
            }
            // The first write's folder sync, then the four written together: four file syncs and one folder sync
            // (one by one it would be eight). Confirmed entries are deleted without a sync.
            assertThat(disk.syncs() - before).isEqualTo(1 + 4 + 1);
            for (DecisionOutbox.Submission s : meanwhile) {
                Eventually.await("confirmed", () -> f.stateOf(s.idempotencyKey())
                        == OutboxEntry.SyncState.CONFIRMED);
            }
        }
        assertThat(f.filesOnDisk()).isZero();
    }

    @Test
    void theFxThreadNeedsNoLockTheSenderHoldsWhileItSyncs() throws Exception {
        long a = f.claimed("小李");
        long b = f.claimed("小张");
        f.fake.setDown(true);
        try (DecisionOutbox outbox = f.outbox(Duration.ofMinutes(10), DecisionOutbox.Options.defaults()
                .withFileSync(disk))) {
            outbox.start();
            String first = outbox.submitDecision(a, 1, APPROVE).awaitDurable().idempotencyKey();
            disk.arm(); // the sender's next write, recording the failed attempt, is held on the disk
            outbox.retryNow();
            disk.awaitBlocked();

            DecisionOutbox.Submission second = onFx(() -> outbox.submitDecision(b, 1, APPROVE));
            assertThat(onFx(outbox::pendingCount)).isEqualTo(2);
            assertThat(onFx(outbox::entries)).hasSize(2);
            assertThat(onFx(() -> outbox.entry(first))).isPresent();
            onFx(() -> {
                outbox.retryNow();
                return null;
            });
            DecisionOutbox.Submission undo = onFx(() -> outbox.submitUndo(second.idempotencyKey()));
            assertThat(undo.entry().state()).as("never sent: cancelled here")
                    .isEqualTo(OutboxEntry.SyncState.CANCELLED);

            disk.release();
            CompletableFuture.allOf(second.durable(), undo.durable()).get(15, TimeUnit.SECONDS);
        }
        assertThat(f.fake.requestLog()).noneMatch(l -> l.contains("/" + b + "/"));
    }
}
