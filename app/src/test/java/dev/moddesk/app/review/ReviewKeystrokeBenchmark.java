package dev.moddesk.app.review;

import dev.moddesk.app.api.ApiClient;
import dev.moddesk.app.api.Json;
import dev.moddesk.app.api.ReviewApi;
import dev.moddesk.app.core.ErrorMessages;
import dev.moddesk.app.core.I18n;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;
import mockwebserver3.MockWebServer;
import okhttp3.HttpUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Benchmark (not a test): time from a decision keystroke to the next application shown, through the real console
 * stack — ReviewApi over OkHttp to a local HTTP server, the durable outbox (fsync per decision), FocusModeModel with
 * prefetch — with a single "FX" thread receiving every continuation as the console's FX thread would. "Shown" means
 * the focus model's current application changed to the next one with its detail loaded; JavaFX layout and paint are
 * not included. Runs twice: with a 300 ms reading pause between decisions (a moderator reading), and back to back
 * (keys held down: prefetch cannot always keep up).
 *
 * <p>Usage: {@code ReviewKeystrokeBenchmark [decisions] [--server URL --token TOKEN]}. Without --server, the
 * in-process fake review server is served over loopback HTTP by MockWebServer.
 */
public final class ReviewKeystrokeBenchmark {

    private static final Logger log = LoggerFactory.getLogger(ReviewKeystrokeBenchmark.class);

    private ReviewKeystrokeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int decisions = args.length > 0 && !args[0].startsWith("--") ? Integer.parseInt(args[0]) : 500;
        String server = option(args, "--server");
        String token = option(args, "--token");
        report("reading 300 ms", run(decisions, server, token, Duration.ofMillis(300)));
        report("quick keys 150 ms", run(decisions, server, token, Duration.ofMillis(150)));
        report("back to back", run(decisions, server, token, Duration.ZERO));
    }

    private static String option(String[] args, String name) {
        int i = Arrays.asList(args).indexOf(name);
        return i >= 0 && i + 1 < args.length ? args[i + 1] : null;
    }

    private static long[] run(int decisions, String serverUrl, String token, Duration reading) throws Exception {
        FakeReviewServer fake = new FakeReviewServer();
        MockWebServer http = null;
        HttpUrl base;
        if (serverUrl == null) {
            for (int i = 0; i < decisions + 5; i++) {
                fake.addApplication("用户" + i, i % 3 == 0 ? "加微信 领福利" : "喜欢徒步，周末常去青城山");
            }
            for (int i = 0; i < 60; i++) {
                fake.addApplication("预热" + i, "warm-up");
            }
            http = new MockWebServer();
            http.setDispatcher(fake.dispatcher());
            http.start();
            base = http.url("/");
            token = "bench";
        } else {
            base = ApiClient.parseServerUrl(serverUrl);
        }
        ExecutorService fxThread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "bench-fx");
            t.setDaemon(true);
            return t;
        });
        Path dir = Files.createTempDirectory("review-bench");
        ApiClient client = new ApiClient(base, ApiClient.defaultHttpClient(), Json.mapper());
        client.useToken(token);
        ReviewApi api = new ReviewApi(client);
        try (DecisionOutbox outbox = new DecisionOutbox(dir, api, fxThread, Clock.systemUTC(),
                Duration.ofMillis(100), Duration.ofSeconds(2))) {
            outbox.start();
            FocusModeModel focus = new FocusModeModel(api, outbox, fxThread, new ManualTimers(), Clock.systemUTC(),
                    new ErrorMessages(new I18n(Locale.ENGLISH)));
            AtomicReference<CountDownLatch> shown = new AtomicReference<>(new CountDownLatch(1));
            AtomicLong shownAt = new AtomicLong();
            fxThread.submit(() -> focus.noticeProperty().subscribe(n -> {
                if (n != null) {
                    log.info("notice {}", n);
                }
            })).get();
            fxThread.submit(() -> focus.currentProperty().subscribe(m -> {
                if (m != null && m.detail() != null) {
                    shownAt.set(System.nanoTime());
                    shown.get().countDown();
                } else if (m != null) {
                    m.detailProperty().subscribe(d -> {
                        if (d != null && focus.current() == m) {
                            shownAt.set(System.nanoTime());
                            shown.get().countDown();
                        }
                    });
                }
            })).get();
            fxThread.submit(() -> focus.start(List.of(), dev.moddesk.contract.review.QueueFilter.all())).get();
            await(shown.get());
            long loaded = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (fxThread.submit(() -> focus.reasonCodes().isEmpty()).get() && System.nanoTime() < loaded) {
                Thread.sleep(5); // reason codes arrive just after the first application; keys 1-9 need them
            }
            List<Long> samples = new ArrayList<>();
            int warmup = Math.min(50, decisions / 5);
            for (int i = 0; i < decisions + warmup; i++) {
                if (!reading.isZero()) {
                    Thread.sleep(reading.toMillis()); // the moderator reading the application: prefetch has time
                }
                CountDownLatch next = new CountDownLatch(1);
                shown.set(next);
                long pressed = System.nanoTime();
                ReviewCommand key = i % 4 == 0 ? ReviewCommand.reject(1) : ReviewCommand.of(ReviewCommand.Kind.APPROVE);
                fxThread.submit(() -> focus.execute(key));
                if (!await(next)) {
                    log.warn("no next application after {} decisions", i);
                    break;
                }
                if (i >= warmup) {
                    samples.add(shownAt.get() - pressed);
                }
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (outbox.pendingCount() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            fxThread.submit(focus::close).get();
            return samples.stream().mapToLong(Long::longValue).toArray();
        } finally {
            fxThread.shutdownNow();
            if (http != null) {
                http.close();
            }
        }
    }

    private static boolean await(CountDownLatch latch) throws InterruptedException {
        return latch.await(10, TimeUnit.SECONDS);
    }

    private static void report(String name, long[] nanos) {
        long[] sorted = LongStream.of(nanos).sorted().toArray();
        if (sorted.length == 0) {
            log.warn("{}: no samples", name);
            return;
        }
        String line = String.format(Locale.ROOT, "%s: n=%d p50=%.2f ms p95=%.2f ms p99=%.2f ms max=%.2f ms",
                name, sorted.length, ms(sorted, 0.50), ms(sorted, 0.95), ms(sorted, 0.99),
                sorted[sorted.length - 1] / 1e6);
        log.info(line);
    }

    private static double ms(long[] sorted, double q) {
        int i = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
        return sorted[Math.max(0, i)] / 1e6;
    }
}
