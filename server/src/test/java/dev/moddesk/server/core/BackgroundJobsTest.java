package dev.moddesk.server.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BackgroundJobsTest {

    @Test
    void aJobThatFailsOnceRunsAgainAtItsNextTime() throws InterruptedException {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch ranAfterFailing = new CountDownLatch(1);
        try (BackgroundJobs jobs = BackgroundJobs.on("test-jobs")) {
            jobs.every(Duration.ofMillis(5), Duration.ZERO, "A flaky job", () -> {
                if (runs.incrementAndGet() == 1) {
                    throw new IllegalStateException("the database went away");
                }
                ranAfterFailing.countDown();
            });
            assertThat(ranAfterFailing.await(30, TimeUnit.SECONDS)).as("ran again after the failure").isTrue();
        }
        assertThat(runs.get()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aDrainingJobTakesBatchesUntilOneIsNotFull() throws InterruptedException {
        AtomicInteger backlog = new AtomicInteger(25);
        CountDownLatch drained = new CountDownLatch(1);
        try (BackgroundJobs jobs = BackgroundJobs.on("test-drain")) {
            jobs.draining(Duration.ofHours(1), Duration.ZERO, "Draining", 10, () -> {
                int taken = Math.min(10, backlog.get());
                if (backlog.addAndGet(-taken) == 0) {
                    drained.countDown();
                }
                return taken;
            });
            assertThat(drained.await(30, TimeUnit.SECONDS)).as("all 25 in one run of batches of 10").isTrue();
        }
        assertThat(backlog.get()).isZero();
    }
}
