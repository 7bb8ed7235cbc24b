package dev.moddesk.server.bench;

import dev.moddesk.server.testing.LeanHttpClient;
import com.fasterxml.jackson.databind.JsonNode;
import dev.moddesk.contract.review.BulkDecisionItem;
import dev.moddesk.contract.review.BulkDecisionRequest;
import dev.moddesk.contract.review.DecisionKind;
import dev.moddesk.contract.review.DecisionRequest;
import dev.moddesk.server.core.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bulk phase: moderators (one per bulk circle, real sessions) page their circle's queue as the console's queue
 * view does ({@code GET /review/queue}, 200 a page, for ids and versions), then reject it 500 applications per
 * {@code POST /review/decisions/bulk}, each item with its own idempotency key. The first {@code warmUpItems} items of
 * each moderator are decided before the clock starts; then every moderator starts the timed part together.
 */
final class BulkLoad {

    static final int BATCH = 500;

    /** Timed decisions, seconds and request latencies; every decision (warm-up included) for the feed check. */
    record Result(long decisions, double seconds, Latencies requests, List<ClaimDecideLoad.Decided> decided,
                  Map<String, Long> refused) {
    }

    private record Item(long id, int version, Instant submittedAt, String userId) {
    }

    private final String url;

    BulkLoad(String url) {
        this.url = url;
    }

    Result run(List<String> tokens, List<Long> circleIds, int warmUpItems) throws Exception {
        int threads = tokens.size();
        CyclicBarrier start = new CyclicBarrier(threads);
        AtomicLong timedFrom = new AtomicLong(Long.MAX_VALUE);
        AtomicLong timedTo = new AtomicLong();
        AtomicLong decisions = new AtomicLong();
        Map<String, Long> refused = new ConcurrentHashMap<>();
        List<Latencies> latencies = new ArrayList<>();
        List<List<ClaimDecideLoad.Decided>> decided = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String token = tokens.get(t);
            long circle = circleIds.get(t);
            Latencies lat = new Latencies();
            List<ClaimDecideLoad.Decided> mine = new ArrayList<>();
            latencies.add(lat);
            decided.add(mine);
            futures.add(pool.submit(() -> {
                try (LeanHttpClient http = new LeanHttpClient(url, token)) {
                    List<Item> items = queue(http, circle);
                    DecisionRequest decision = new DecisionRequest(DecisionKind.REJECT, "ADS", null, null);
                    boolean started = false;
                    for (int from = 0; from < items.size(); from += BATCH) {
                        if (!started && from >= warmUpItems) {
                            started = true;
                            start.await();
                            timedFrom.accumulateAndGet(System.nanoTime(), Math::min);
                        }
                        List<Item> batch = items.subList(from, Math.min(items.size(), from + BATCH));
                        List<BulkDecisionItem> request = new ArrayList<>(batch.size());
                        for (Item i : batch) {
                            request.add(new BulkDecisionItem(i.id(), i.version(), UUID.randomUUID().toString()));
                        }
                        byte[] body = Json.mapper().writeValueAsBytes(new BulkDecisionRequest(decision, request));
                        long t0 = System.nanoTime();
                        LeanHttpClient.Response r = http.post("/api/v1/review/decisions/bulk", body);
                        long t1 = System.nanoTime();
                        if (r.status() != 200) {
                            refused.merge("bulk " + r.status(), (long) batch.size(), Long::sum);
                            continue;
                        }
                        boolean timed = from >= warmUpItems;
                        if (timed) {
                            lat.add(t1 - t0);
                            timedTo.accumulateAndGet(t1, Math::max);
                        }
                        int k = 0;
                        for (JsonNode o : Json.mapper().readTree(r.body()).path("outcomes")) {
                            Item item = batch.get(k++);
                            if (o.hasNonNull("result")) {
                                mine.add(new ClaimDecideLoad.Decided(item.id(), item.submittedAt(), item.userId(),
                                        DecisionKind.REJECT));
                                if (timed) {
                                    decisions.incrementAndGet();
                                }
                            } else {
                                refused.merge("item " + o.path("problem").path("status").asText(), 1L, Long::sum);
                            }
                        }
                    }
                    if (!started) {
                        // Too few items for a timed part: still meet the others at the start line.
                        start.await();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        double seconds = Math.max(1e-9, (timedTo.get() - timedFrom.get()) / 1e9);
        return new Result(decisions.get(), seconds, Latencies.merge(latencies),
                decided.stream().flatMap(List::stream).toList(), Map.copyOf(refused));
    }

    /** The circle's whole pending queue, oldest first, as the queue view pages it. */
    private static List<Item> queue(LeanHttpClient http, long circle) throws Exception {
        List<Item> items = new ArrayList<>();
        String cursor = null;
        do {
            String path = "/api/v1/review/queue?circleId=" + circle + "&sort=age&limit=200"
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            LeanHttpClient.Response r = http.get(path);
            if (r.status() != 200) {
                throw new IllegalStateException("queue answered " + r.status() + ": " + r.text());
            }
            JsonNode page = Json.mapper().readTree(r.body());
            for (JsonNode s : page.path("items")) {
                items.add(new Item(s.path("id").asLong(), s.path("version").asInt(),
                        Instant.parse(s.path("submittedAt").asText()), s.path("applicantId").asText()));
            }
            cursor = page.hasNonNull("nextCursor") ? page.path("nextCursor").asText() : null;
        } while (cursor != null);
        return items;
    }
}
