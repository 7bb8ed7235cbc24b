package dev.moddesk.server.review;

import com.fasterxml.jackson.databind.JsonNode;
import dev.moddesk.contract.Role;
import dev.moddesk.contract.review.Applicant;
import dev.moddesk.contract.review.BulkDecisionItem;
import dev.moddesk.contract.review.BulkDecisionRequest;
import dev.moddesk.contract.review.DecisionKind;
import dev.moddesk.contract.review.DecisionRequest;
import dev.moddesk.server.core.Json;
import dev.moddesk.server.core.Principal;
import dev.moddesk.server.testing.Backend;
import dev.moddesk.server.testing.LeanHttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Benchmark main (not a test): 8 concurrent moderators claim-next + approve through the real HTTP API, then bulk
 * rejections, on PostgreSQL (default) or H2. Prints decisions per second and latency percentiles.
 * Arguments: [postgres|h2] [applications for claim+decide] [seconds] [bulk applications] [warm-up seconds, default 5].
 * See docs/benchmarks.md.
 */
public final class ReviewBenchmark {

    private static final int MODERATORS = 8;

    public static void main(String[] args) throws Exception {
        Backend backend = args.length > 0 && args[0].equalsIgnoreCase("h2") ? Backend.H2 : Backend.POSTGRES;
        int applications = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int bulkApplications = args.length > 3 ? Integer.parseInt(args[3]) : 20_000;
        // The first seconds run the same loop uncounted: the JIT compiles the request path meanwhile (it took a
        // whole core during the first 15 s of a cold run), and steady state is what the targets are about.
        int warmUp = args.length > 4 ? Integer.parseInt(args[4]) : 5;

        Map<String, Principal> moderators = new HashMap<>();
        for (int m = 0; m < MODERATORS; m++) {
            moderators.put("mod" + m, Principal.staff(100 + m, "mod" + m, Role.MODERATOR, List.of(), "127.0.0.1"));
        }
        try (ReviewTestServer server = new ReviewTestServer(backend, Clock.systemUTC(), moderators, true)) {
            String circle = server.circle("bench", "压测圈", "北京");
            long circleId = server.server.services().database().jdbi().withHandle(h -> h.createQuery(
                    "SELECT id FROM review_circle WHERE external_id = 'bench'").mapTo(Long.class).one());
            long seedStart = System.nanoTime();
            seed(server, circle, "a", applications);
            System.out.printf(Locale.ROOT, "%s: seeded %d applications in %.1f s%n", backend, applications,
                    (System.nanoTime() - seedStart) / 1e9);
            settle(server, backend);

            String base = server.server.baseUrl();
            byte[] filter = Json.mapper().writeValueAsBytes(Map.of("circleId", circleId));
            byte[] approve = Json.mapper().writeValueAsBytes(new DecisionRequest(DecisionKind.APPROVE, null, null, null));
            ConcurrentLinkedQueue<long[]> samples = new ConcurrentLinkedQueue<>();
            AtomicLong decided = new AtomicLong();
            ExecutorService pool = Executors.newFixedThreadPool(MODERATORS);
            CountDownLatch go = new CountDownLatch(1);
            long measureFrom = System.nanoTime() + Duration.ofSeconds(warmUp).toNanos();
            long deadline = measureFrom + Duration.ofSeconds(seconds).toNanos();
            List<Future<?>> futures = new ArrayList<>();
            for (int m = 0; m < MODERATORS; m++) {
                String token = "mod" + m;
                futures.add(pool.submit(() -> {
                    LeanHttpClient http = new LeanHttpClient(base, null, 30_000, false);
                    go.await();
                    long n = 0;
                    while (System.nanoTime() < deadline) {
                        long t0 = System.nanoTime();
                        LeanHttpClient.Response next = send(http, "/api/v1/review/claims/next", token, filter, Map.of());
                        if (next.status() == 204) {
                            return null;
                        }
                        JsonNode detail = Json.mapper().readTree(next.body());
                        long id = detail.get("id").asLong();
                        long t1 = System.nanoTime();
                        LeanHttpClient.Response d = send(http, "/api/v1/review/applications/" + id + "/decision", token,
                                approve, Map.of("Idempotency-Key", token + "-" + (n++),
                                        "If-Match", "\"" + detail.get("version").asInt() + "\""));
                        long t2 = System.nanoTime();
                        if (d.status() != 200) {
                            throw new IllegalStateException("decision answered " + d.status() + ": " + new String(d.body()));
                        }
                        if (t0 >= measureFrom) {
                            decided.incrementAndGet();
                            samples.add(new long[]{t1 - t0, t2 - t1, t2 - t0});
                        }
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : futures) {
                f.get();
            }
            double elapsed = Math.max(1e-9, (System.nanoTime() - measureFrom) / 1e9);
            pool.shutdown();
            long[] claim = samples.stream().mapToLong(s -> s[0]).sorted().toArray();
            long[] decide = samples.stream().mapToLong(s -> s[1]).sorted().toArray();
            long[] both = samples.stream().mapToLong(s -> s[2]).sorted().toArray();
            System.out.printf(Locale.ROOT, "%s: %d moderators, claim-next + approve over HTTP: %d decisions in %.1f s = %.0f decisions/s%n",
                    backend, MODERATORS, decided.get(), elapsed, decided.get() / elapsed);
            System.out.printf(Locale.ROOT, "  claim-next  p50 %.1f ms  p99 %.1f ms%n", pct(claim, 50), pct(claim, 99));
            System.out.printf(Locale.ROOT, "  decision    p50 %.1f ms  p99 %.1f ms%n", pct(decide, 50), pct(decide, 99));
            System.out.printf(Locale.ROOT, "  claim+decide p50 %.1f ms  p99 %.1f ms%n", pct(both, 50), pct(both, 99));

            // Bulk: 4 moderators reject batches of 500 fresh applications each.
            String bulkCircle = server.circle("bench-bulk", "批量圈", "北京");
            seed(server, bulkCircle, "b", bulkApplications);
            settle(server, backend);
            List<Long> ids = server.server.services().database().jdbi().withHandle(h -> h.createQuery(
                    "SELECT a.id FROM review_application a JOIN review_circle c ON c.id = a.circle_id"
                            + " WHERE c.external_id = 'bench-bulk' ORDER BY a.id").mapTo(Long.class).list());
            int batch = 500;
            int bulkThreads = 4;
            ExecutorService bulkPool = Executors.newFixedThreadPool(bulkThreads);
            AtomicLong bulkDecided = new AtomicLong();
            List<Long> bulkLatencies = java.util.Collections.synchronizedList(new ArrayList<>());
            long b0 = System.nanoTime();
            List<Future<?>> bulkFutures = new ArrayList<>();
            for (int t = 0; t < bulkThreads; t++) {
                int thread = t;
                bulkFutures.add(bulkPool.submit(() -> {
                    String token = "mod" + thread;
                    LeanHttpClient http = new LeanHttpClient(base, null, 30_000, false);
                    for (int from = thread * batch; from < ids.size(); from += batch * bulkThreads) {
                        List<BulkDecisionItem> items = new ArrayList<>();
                        for (int i = from; i < Math.min(from + batch, ids.size()); i++) {
                            items.add(new BulkDecisionItem(ids.get(i), 1, "bulk-" + ids.get(i)));
                        }
                        byte[] body = Json.mapper().writeValueAsBytes(new BulkDecisionRequest(
                                new DecisionRequest(DecisionKind.REJECT, "ADS", null, null), items));
                        long t0 = System.nanoTime();
                        LeanHttpClient.Response r = send(http, "/api/v1/review/decisions/bulk", token, body, Map.of());
                        bulkLatencies.add(System.nanoTime() - t0);
                        JsonNode outcomes = Json.mapper().readTree(r.body()).get("outcomes");
                        for (JsonNode o : outcomes) {
                            if (o.hasNonNull("result")) {
                                bulkDecided.incrementAndGet();
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : bulkFutures) {
                f.get();
            }
            double bulkElapsed = (System.nanoTime() - b0) / 1e9;
            bulkPool.shutdown();
            long[] bl = bulkLatencies.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf(Locale.ROOT, "%s: bulk reject (%d threads x %d items/request): %d decisions in %.1f s = %.0f decisions/s, request p50 %.0f ms p99 %.0f ms%n",
                    backend, bulkThreads, batch, bulkDecided.get(), bulkElapsed, bulkDecided.get() / bulkElapsed,
                    pct(bl, 50), pct(bl, 99));

            // Every decision goes out on the action feed once its undo window has closed: check none is missing.
            var jdbi = server.server.services().database().jdbi();
            long waitUntil = System.nanoTime() + DecisionService.UNDO_WINDOW.plusSeconds(20).toNanos();
            long decisions = jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM review_decision").mapTo(Long.class).one());
            long published;
            do {
                Thread.sleep(500);
                published = jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM action_feed").mapTo(Long.class).one());
            } while (published < decisions && System.nanoTime() < waitUntil);
            System.out.printf(Locale.ROOT, "%s: %d of %d decisions published on the action feed after their undo window%n",
                    backend, published, decisions);
        }
        System.exit(0);
    }

    /**
     * After seeding tens of thousands of rows in a minute, PostgreSQL owes a checkpoint and has no statistics for the
     * fresh tables; a running system pays both off in the background (checkpointer, autovacuum). Pay them before the
     * timed phase, so back-to-back runs do not measure the previous seeding (they fell from 1,550/s to 1,115/s).
     */
    private static void settle(ReviewTestServer server, Backend backend) {
        if (backend != Backend.POSTGRES) {
            return;
        }
        long t0 = System.nanoTime();
        server.server.services().database().jdbi().useHandle(h -> {
            for (String table : List.of("review_application", "review_answer_fingerprint", "review_decision",
                    "review_idempotency", "audit_log", "action_feed")) {
                h.execute("VACUUM (ANALYZE) " + table);
            }
            h.execute("CHECKPOINT");
        });
        System.out.printf(Locale.ROOT, "%s: VACUUM ANALYZE + CHECKPOINT after seeding: %.1f s%n", backend,
                (System.nanoTime() - t0) / 1e9);
    }

    private static void seed(ReviewTestServer server, String circle, String prefix, int count) {
        Instant start = Instant.now().minus(Duration.ofHours(2));
        int chunk = 1000;
        for (int from = 0; from < count; from += chunk) {
            int f = from;
            server.server.services().database().jdbi().useTransaction(h -> {
                for (int i = f; i < Math.min(f + chunk, count); i++) {
                    server.review().ingest().submit(h, new ApplicationIngest.Submission(circle + "-" + prefix + i, circle,
                            new Applicant("bench-" + prefix + i, "用户" + i, "北京", Instant.parse("2020-01-01T00:00:00Z")),
                            null, List.of(new StoredAnswer(1, "喜欢户外活动，周末有空 " + i)), null, null,
                            null, null, start.plusMillis(i)));
                }
            });
        }
    }

    private static LeanHttpClient.Response send(LeanHttpClient http, String path, String token, byte[] body,
                                                Map<String, String> headers) throws Exception {
        Map<String, String> all = new java.util.LinkedHashMap<>(headers);
        all.put("Authorization", "Bearer " + token);
        return http.post(path, all, body);
    }

    private static double pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.min(sorted.length - 1, Math.ceil(p / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, i)] / 1e6;
    }

    private ReviewBenchmark() {
    }

}
