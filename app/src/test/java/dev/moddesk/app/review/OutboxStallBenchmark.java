package dev.moddesk.app.review;

import dev.moddesk.contract.review.DecisionKind;
import dev.moddesk.contract.review.DecisionRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark (not a test): how long the FX thread is blocked when a moderator decides, with a slow disk. Every file sync
 * of the outbox takes an injected {@code fsync} (default 200 ms, a slow laptop disk or a network home folder), and
 * each write syncs twice (the file, then its folder). One "FX" thread receives a pulse every 16 ms, as JavaFX does;
 * decisions are submitted on it every {@code gap} ms. Reported: the time the FX thread spends inside
 * {@code submitDecision} (max, p99, median), the gaps between pulses (max, p99; 16 ms is none lost), and how long a
 * decision takes to be durable. {@code --inline} writes on the caller's thread, which is what the outbox did before
 * its writes moved off the FX thread: the figure to compare with.
 *
 * <p>Usage: {@code OutboxStallBenchmark [decisions, default 40] [--fsync-ms 200] [--gap-ms 300] [--inline]}.
 */
public final class OutboxStallBenchmark {

    private static final DecisionRequest APPROVE = new DecisionRequest(DecisionKind.APPROVE, null, null, null);

    private OutboxStallBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<String> a = List.of(args);
        int decisions = args.length > 0 && !args[0].startsWith("--") ? Integer.parseInt(args[0]) : 40;
        long fsyncMs = option(a, "--fsync-ms", 200);
        long gapMs = option(a, "--gap-ms", 300);
        boolean inline = a.contains("--inline");
        run(decisions, fsyncMs, gapMs, inline);
        System.exit(0);
    }

    private static long option(List<String> args, String name, long fallback) {
        int i = args.indexOf(name);
        return i >= 0 && i + 1 < args.size() ? Long.parseLong(args.get(i + 1)) : fallback;
    }

    private static void run(int decisions, long fsyncMs, long gapMs, boolean inline) throws Exception {
        FakeReviewServer fake = new FakeReviewServer();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < decisions; i++) {
            long id = fake.addApplication("用户" + i, "喜欢徒步");
            fake.claimAs("bench", id);
            ids.add(id);
        }
        FakeReviewApi api = new FakeReviewApi(fake, "bench");
        FileSync slow = channel -> {
            try {
                Thread.sleep(fsyncMs); // the injected slow disk
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            channel.force(true);
        };
        ExecutorService fx = Executors.newSingleThreadExecutor(r -> new Thread(r, "bench-fx"));
        ScheduledExecutorService pulses = Executors.newSingleThreadScheduledExecutor();
        List<Long> pulseAt = Collections.synchronizedList(new ArrayList<>());
        Path dir = Files.createTempDirectory("outbox-stall");
        DecisionOutbox.Options options = DecisionOutbox.Options.defaults().withFileSync(slow);
        try (DecisionOutbox outbox = new DecisionOutbox(dir, api, fx, Clock.systemUTC(), Duration.ofMillis(100),
                Duration.ofSeconds(2), inline ? options.writingOn(Runnable::run) : options)) {
            outbox.start();
            pulses.scheduleAtFixedRate(() -> fx.execute(() -> pulseAt.add(System.nanoTime())), 0, 16,
                    TimeUnit.MILLISECONDS);
            List<Long> blocked = new ArrayList<>();
            List<CompletableFuture<Long>> durable = new ArrayList<>();
            for (long id : ids) {
                long[] took = new long[1];
                CompletableFuture<Long> onDisk = fx.submit(() -> {
                    long start = System.nanoTime();
                    DecisionOutbox.Submission s = outbox.submitDecision(id, 1, APPROVE);
                    took[0] = System.nanoTime() - start;
                    return s.durable().thenApply(e -> System.nanoTime() - start);
                }).get();
                blocked.add(took[0]);
                durable.add(onDisk);
                Thread.sleep(gapMs);
            }
            List<Long> toDisk = new ArrayList<>();
            for (CompletableFuture<Long> f : durable) {
                toDisk.add(f.get(5, TimeUnit.MINUTES));
            }
            pulses.shutdownNow();
            fx.submit(() -> null).get();
            List<Long> gaps = new ArrayList<>();
            synchronized (pulseAt) {
                for (int i = 1; i < pulseAt.size(); i++) {
                    gaps.add(pulseAt.get(i) - pulseAt.get(i - 1));
                }
            }
            System.out.printf("outbox FX stall, %d decisions, fsync %d ms (x2 per write), a decision every %d ms, "
                    + "writes %s%n", decisions, fsyncMs, gapMs, inline ? "on the FX thread (--inline)"
                    : "on the outbox thread");
            System.out.printf("  FX thread inside submitDecision: max %.2f ms, p99 %.2f ms, median %.3f ms%n",
                    ms(max(blocked)), ms(pct(blocked, 99)), ms(pct(blocked, 50)));
            System.out.printf("  FX pulse gaps (16 ms = none lost): max %.1f ms, p99 %.1f ms over %d pulses%n",
                    ms(max(gaps)), ms(pct(gaps, 99)), gaps.size());
            System.out.printf("  decision durable after: median %.0f ms, max %.0f ms%n",
                    ms(pct(toDisk, 50)), ms(max(toDisk)));
        } finally {
            pulses.shutdownNow();
            fx.shutdownNow();
        }
    }

    private static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }

    private static long max(List<Long> xs) {
        return xs.stream().mapToLong(Long::longValue).max().orElse(0);
    }

    private static long pct(List<Long> xs, int p) {
        List<Long> sorted = xs.stream().sorted().toList();
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
