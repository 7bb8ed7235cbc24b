package dev.moddesk.server.bench;

import dev.moddesk.server.testing.LeanHttpClient;
import com.fasterxml.jackson.databind.JsonNode;
import dev.moddesk.contract.platform.IngestBatch;
import dev.moddesk.contract.platform.IngestEvent;
import dev.moddesk.server.core.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongFunction;

/**
 * The benchmark's platform: pushes events through the ingest API and pulls the action feed, with a service key, as a
 * real platform does (docs/platform.md).
 */
final class PlatformSide {

    /** One action from the feed: its type and the platform's application id. */
    record Action(long id, String type, String applicationId, String userId) {
    }

    private static final int INGEST_TIMEOUT_MILLIS = 600_000;

    private final String baseUrl;
    private final String key;

    PlatformSide(String baseUrl, String key) {
        this.baseUrl = baseUrl;
        this.key = key;
    }

    /** Sends events in batches of 500; every event must come back APPLIED (or DUPLICATE for a resent circle). */
    void ingest(List<IngestEvent> events) throws IOException {
        try (LeanHttpClient http = new LeanHttpClient(baseUrl, key, INGEST_TIMEOUT_MILLIS)) {
            for (int from = 0; from < events.size(); from += IngestBatch.MAX_EVENTS) {
                send(http, events.subList(from, Math.min(events.size(), from + IngestBatch.MAX_EVENTS)));
            }
        }
    }

    /** Ingests the events {@code event(seq)} for seq in [from, to), in batches of 500 over {@code threads} threads. */
    void ingestRange(long from, long to, int threads, LongFunction<IngestEvent> event) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    try (LeanHttpClient http = new LeanHttpClient(baseUrl, key, INGEST_TIMEOUT_MILLIS)) {
                        long step = (long) IngestBatch.MAX_EVENTS * threads;
                        for (long start = from + (long) thread * IngestBatch.MAX_EVENTS; start < to; start += step) {
                            List<IngestEvent> batch = new ArrayList<>(IngestBatch.MAX_EVENTS);
                            for (long seq = start; seq < Math.min(to, start + IngestBatch.MAX_EVENTS); seq++) {
                                batch.add(event.apply(seq));
                            }
                            send(http, batch);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private static void send(LeanHttpClient http, List<IngestEvent> batch) throws IOException {
        LeanHttpClient.Response r = http.post("/api/v1/platform/events", Json.mapper().writeValueAsBytes(new IngestBatch(batch)));
        if (r.status() != 200) {
            throw new IOException("ingest answered " + r.status() + ": " + r.text());
        }
        JsonNode result = Json.mapper().readTree(r.body());
        if (result.path("rejected").asInt() != 0) {
            for (JsonNode o : result.path("outcomes")) {
                if ("REJECTED".equals(o.path("status").asText())) {
                    throw new IOException("ingest rejected " + o);
                }
            }
        }
    }

    /** Actions pulled, and the cursor to pull the next ones after. */
    record Pulled(List<Action> actions, long cursor) {
    }

    /** Every action after {@code after}, pulled page by page (500 each) until the feed has nothing newer. */
    Pulled actionsAfter(long after) throws IOException {
        List<Action> out = new ArrayList<>();
        try (LeanHttpClient http = new LeanHttpClient(baseUrl, key)) {
            long cursor = after;
            while (true) {
                LeanHttpClient.Response r = http.get("/api/v1/platform/actions?after=" + cursor + "&limit=500");
                if (r.status() != 200) {
                    throw new IOException("action feed answered " + r.status() + ": " + r.text());
                }
                JsonNode page = Json.mapper().readTree(r.body());
                for (JsonNode a : page.path("items")) {
                    out.add(new Action(a.path("id").asLong(), a.path("type").asText(), a.path("targetId").asText(),
                            a.path("payload").path("userId").asText(null)));
                }
                long next = page.path("nextCursor").asLong();
                if (next == cursor) {
                    return new Pulled(out, cursor);
                }
                cursor = next;
            }
        }
    }
}
