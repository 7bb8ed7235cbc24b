package dev.moddesk.server.bench;

import dev.moddesk.server.testing.LeanHttpClient;
import com.fasterxml.jackson.databind.JsonNode;
import dev.moddesk.contract.review.DecisionKind;
import dev.moddesk.contract.review.DecisionRequest;
import dev.moddesk.contract.review.QueueFilter;
import dev.moddesk.server.core.Json;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Eight moderators working the queue over HTTP as the console's focus mode does for each application: claim-next
 * with the moderator's filter, the application's detail (its ETag gives the version), the applicant's history, a
 * presence heartbeat, then the decision (Idempotency-Key, If-Match) with a reason when it is a rejection. Requests
 * go one after another on one keep-alive connection per moderator, with {@code Accept-Encoding: gzip}, as fast as
 * answers come (no reading time). A moderator whose filter runs dry widens it to the whole queue, once.
 *
 * <p>{@link Mix#PAIR} sends only claim-next and the decision (what the earlier in-process harness measured).
 */
final class ClaimDecideLoad {

    enum Mix { CONSOLE, PAIR }

    /** A kind of request, plus the pair (claim-next + decision) and the whole application (every request). */
    enum Kind { CLAIM_NEXT, DETAIL, HISTORY, PRESENCE, DECISION, PAIR, APPLICATION }

    /** A signed-in moderator with its filter. */
    record Moderator(BenchPlan.ModeratorSpec spec, String token, QueueFilter filter) {
    }

    /** One decision made (warm-up included), as the feed check needs it. */
    record Decided(long applicationId, Instant submittedAt, String userId, DecisionKind kind) {
    }

    /** Pairs and seconds of the timed phase, latencies per kind, every decision, and what went wrong. */
    record Result(long pairs, double seconds, Map<Kind, Latencies> latencies, List<Decided> decided, long widened,
                  long responses, long gzipped, Map<String, Long> errors) {
    }

    private static final byte[] NO_BODY = new byte[0];
    private static final String REVIEW = "/api/v1/review";

    private final String url;
    private final Mix mix;

    ClaimDecideLoad(String url, Mix mix) {
        this.url = url;
        this.mix = mix;
    }

    Result run(List<Moderator> moderators, int warmUpSeconds, int seconds) throws Exception {
        long measureFrom = System.nanoTime() + warmUpSeconds * 1_000_000_000L;
        long deadline = measureFrom + seconds * 1_000_000_000L;
        List<Map<Kind, Latencies>> perThread = new ArrayList<>();
        List<List<Decided>> decided = new ArrayList<>();
        AtomicLong pairs = new AtomicLong();
        AtomicLong widened = new AtomicLong();
        AtomicLong responses = new AtomicLong();
        AtomicLong gzipped = new AtomicLong();
        AtomicLong lastEnd = new AtomicLong(measureFrom);
        Map<String, Long> errors = new ConcurrentHashMap<>();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(moderators.size());
        List<Future<?>> futures = new ArrayList<>();
        for (Moderator m : moderators) {
            Map<Kind, Latencies> lat = new EnumMap<>(Kind.class);
            for (Kind k : Kind.values()) {
                lat.put(k, new Latencies());
            }
            List<Decided> mine = new ArrayList<>();
            perThread.add(lat);
            decided.add(mine);
            futures.add(pool.submit(() -> {
                try (LeanHttpClient http = new LeanHttpClient(url, m.token())) {
                    byte[] filter = Json.mapper().writeValueAsBytes(m.filter());
                    boolean wide = false;
                    go.await();
                    while (System.nanoTime() < deadline) {
                        long t0 = System.nanoTime();
                        LeanHttpClient.Response next = http.post(REVIEW + "/claims/next", filter);
                        long t1 = System.nanoTime();
                        count(next, responses, gzipped);
                        if (next.status() == 204) {
                            if (wide) {
                                break;
                            }
                            wide = true;
                            widened.incrementAndGet();
                            filter = Json.mapper().writeValueAsBytes(QueueFilter.all());
                            continue;
                        }
                        if (next.status() != 200) {
                            errors.merge("claim-next " + next.status(), 1L, Long::sum);
                            continue;
                        }
                        JsonNode d = Json.mapper().readTree(next.body());
                        long id = d.path("id").asLong();
                        int version = d.path("version").asInt();
                        String userId = d.path("applicant").path("userId").asText();
                        long t2 = t1;
                        long t3 = t1;
                        long t4 = t1;
                        if (mix == Mix.CONSOLE) {
                            LeanHttpClient.Response detail = http.get(REVIEW + "/applications/" + id);
                            t2 = System.nanoTime();
                            count(detail, responses, gzipped);
                            expect(detail, 200, "detail", errors);
                            version = versionOf(detail.etag(), version);
                            LeanHttpClient.Response history = http.get(REVIEW + "/applicants/"
                                    + URLEncoder.encode(userId, StandardCharsets.UTF_8).replace("+", "%20") + "/history");
                            t3 = System.nanoTime();
                            count(history, responses, gzipped);
                            expect(history, 200, "history", errors);
                            LeanHttpClient.Response presence = http.post(REVIEW + "/applications/" + id + "/presence", NO_BODY);
                            t4 = System.nanoTime();
                            count(presence, responses, gzipped);
                            expect(presence, 204, "presence", errors);
                        }
                        DecisionRequest decision = decide(d);
                        LeanHttpClient.Response result = http.post(REVIEW + "/applications/" + id + "/decision",
                                Map.of("Idempotency-Key", UUID.randomUUID().toString(),
                                        "If-Match", "\"" + version + "\""),
                                Json.mapper().writeValueAsBytes(decision));
                        long t5 = System.nanoTime();
                        count(result, responses, gzipped);
                        if (!expect(result, 200, "decision", errors)) {
                            continue;
                        }
                        mine.add(new Decided(id, Instant.parse(d.path("submittedAt").asText()), userId,
                                decision.kind()));
                        if (t0 >= measureFrom) {
                            pairs.incrementAndGet();
                            lat.get(Kind.CLAIM_NEXT).add(t1 - t0);
                            if (mix == Mix.CONSOLE) {
                                lat.get(Kind.DETAIL).add(t2 - t1);
                                lat.get(Kind.HISTORY).add(t3 - t2);
                                lat.get(Kind.PRESENCE).add(t4 - t3);
                            }
                            lat.get(Kind.DECISION).add(t5 - t4);
                            lat.get(Kind.PAIR).add((t1 - t0) + (t5 - t4));
                            lat.get(Kind.APPLICATION).add(t5 - t0);
                            lastEnd.accumulateAndGet(t5, Math::max);
                        }
                    }
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        Map<Kind, Latencies> merged = new EnumMap<>(Kind.class);
        for (Kind k : Kind.values()) {
            merged.put(k, Latencies.merge(perThread.stream().map(t -> t.get(k)).toList()));
        }
        double elapsed = Math.max(1e-9, (lastEnd.get() - measureFrom) / 1e9);
        return new Result(pairs.get(), elapsed, merged, decided.stream().flatMap(List::stream).toList(),
                widened.get(), responses.get(), gzipped.get(), Map.copyOf(errors));
    }

    /**
     * What a moderator would decide from what the console shows: ads, off-topic answers and copy-paste rings are
     * rejected with that reason, an applicant from another city as not local; one in twenty of the rest gets a
     * question; the others are approved.
     */
    static DecisionRequest decide(JsonNode d) {
        StringBuilder text = new StringBuilder(d.path("video").path("caption").asText(""));
        d.path("answers").forEach(a -> text.append('\n').append(a.path("text").asText("")));
        String all = text.toString();
        if (containsAny(all, "微信", "微 信", "刷单", "刷單", "加V", "ＶＸ", "代理", "福利")) {
            return new DecisionRequest(DecisionKind.REJECT, "ADS", null, null);
        }
        if (containsAny(all, BenchApplications.OFF_TOPIC)) {
            return new DecisionRequest(DecisionKind.REJECT, "OFF_TOPIC", null, null);
        }
        if (containsAny(all, BenchApplications.RINGS)) {
            return new DecisionRequest(DecisionKind.REJECT, "DUPLICATE", null, null);
        }
        String from = d.path("applicant").path("locationCity").asText("");
        if (!from.isEmpty() && !from.equals(d.path("circle").path("city").asText())) {
            return new DecisionRequest(DecisionKind.REJECT, "NOT_LOCAL", null, null);
        }
        if (Math.floorMod(d.path("id").asLong(), 20) == 0) {
            return new DecisionRequest(DecisionKind.NEEDS_INFO, null, null, "能再介绍一下你平时的活动安排吗？");
        }
        return new DecisionRequest(DecisionKind.APPROVE, null, null, null);
    }

    private static boolean containsAny(String text, String... parts) {
        for (String p : parts) {
            if (text.contains(p)) {
                return true;
            }
        }
        return false;
    }

    private static int versionOf(String etag, int fallback) {
        if (etag == null) {
            return fallback;
        }
        String v = (etag.startsWith("W/") ? etag.substring(2) : etag).replace("\"", "").trim();
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static void count(LeanHttpClient.Response r, AtomicLong responses, AtomicLong gzipped) {
        responses.incrementAndGet();
        if (r.gzipped()) {
            gzipped.incrementAndGet();
        }
    }

    private static boolean expect(LeanHttpClient.Response r, int status, String what, Map<String, Long> errors)
            throws IOException {
        if (r.status() == status) {
            return true;
        }
        errors.merge(what + " " + r.status(), 1L, Long::sum);
        return false;
    }
}
