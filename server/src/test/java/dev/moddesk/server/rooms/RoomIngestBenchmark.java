package dev.moddesk.server.rooms;

import dev.moddesk.contract.platform.IngestBatch;
import dev.moddesk.contract.platform.IngestEvent;
import dev.moddesk.server.core.Json;
import dev.moddesk.server.core.ServerConfig;
import dev.moddesk.server.testing.Backend;
import dev.moddesk.server.testing.LeanHttpClient;
import dev.moddesk.server.testing.TestServer;
import dev.moddesk.server.testing.TestServers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Benchmark main (not a test): chat lines through the real ingest API into an in-process server, batches of 500
 * {@code room.message} events from a few platform threads, and what each reached: lines per second and the request
 * latency. Arguments: seconds, rooms, threads, then {@code inprocess} or a NATS URL. Screening runs on every line
 * (one in ten carries a screened term and is stored as flagged).
 */
public final class RoomIngestBenchmark {
    private RoomIngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int rooms = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        String nats = args.length > 3 && !args[3].equals("inprocess") ? args[3] : null;
        try (TestServer server = TestServers.start(Backend.H2, config -> config.withRooms(
                new ServerConfig.Rooms(nats, "bench" + Long.toHexString(System.nanoTime()))), List.of())) {
            RoomFeed feed = RoomFeed.of(server);
            // The managed word list starts empty: give the screen the term one line in ten carries.
            server.as(dev.moddesk.contract.Role.OPS).post("/api/v1/word-list",
                    new dev.moddesk.contract.rooms.WordTermRequest("加我微信", "contact", "FLAG", null));
            List<IngestEvent> opened = new ArrayList<>();
            for (int r = 0; r < rooms; r++) {
                opened.add(feed.opened("bench-" + r, "FRIENDS"));
            }
            feed.apply(opened);
            String key = feed.token();
            AtomicLong lines = new AtomicLong();
            List<long[]> latencies = new ArrayList<>();
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int worker = t;
                long[] mine = new long[200_000];
                latencies.add(mine);
                workers.add(Thread.ofPlatform().start(() -> run(server.baseUrl(), key, worker, rooms, end, lines,
                        mine)));
            }
            for (Thread w : workers) {
                w.join();
            }
            long[] all = latencies.stream().flatMapToLong(Arrays::stream).filter(v -> v > 0).sorted().toArray();
            System.out.printf(Locale.ROOT, "room.message ingest: %d lines in %d s = %.0f lines/s (%d rooms, %d threads,"
                            + " %s bus, batches of %d); request p50 %.1f ms, p99 %.1f ms%n", lines.get(), seconds,
                    lines.get() / (double) seconds, rooms, threads, nats == null ? "in-process" : "JetStream",
                    IngestBatch.MAX_EVENTS, all[all.length / 2] / 1e6, all[(int) (all.length * 0.99)] / 1e6);
        }
    }

    private static void run(String baseUrl, String key, int worker, int rooms, long end, AtomicLong lines,
                            long[] latencies) {
        try (LeanHttpClient http = new LeanHttpClient(baseUrl, key)) {
            int n = 0;
            long id = 0;
            while (System.nanoTime() < end && n < latencies.length) {
                List<IngestEvent> batch = new ArrayList<>(IngestBatch.MAX_EVENTS);
                for (int i = 0; i < IngestBatch.MAX_EVENTS; i++) {
                    id++;
                    String text = id % 10 == 0 ? "加我微信 聊聊" : "主播唱得真好听 " + id;
                    batch.add(new IngestEvent("w" + worker + "-" + id, "room.message", Instant.now(), Map.of(
                            "roomId", "bench-" + (id % rooms), "messageId", "m" + worker + "-" + id,
                            "userId", "u" + (id % 997), "nickname", "观众" + (id % 997), "text", text)));
                }
                long start = System.nanoTime();
                LeanHttpClient.Response response = http.post("/api/v1/platform/events",
                        Json.mapper().writeValueAsBytes(new IngestBatch(batch)));
                latencies[n++] = System.nanoTime() - start;
                if (response.status() != 200) {
                    throw new IllegalStateException("ingest answered " + response.status() + ": " + response.text());
                }
                lines.addAndGet(batch.size());
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
