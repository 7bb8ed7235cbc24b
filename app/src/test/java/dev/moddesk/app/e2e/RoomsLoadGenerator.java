package dev.moddesk.app.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moddesk.app.api.Json;
import dev.moddesk.contract.platform.IngestBatch;
import dev.moddesk.contract.platform.IngestBatchResult;
import dev.moddesk.contract.platform.IngestEvent;
import dev.moddesk.contract.platform.IngestStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import okhttp3.ConnectionPool;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The platform side of the room stream benchmark ({@link RoomsStreamBenchmark}), in its own process: sends
 * {@code room.message} batches to the ingest API at a target rate, round robin over the rooms, paced by a schedule
 * (batch k is due at k × batch / rate seconds), with a few requests in flight. Each line's text ends with
 * {@code #<epoch µs>} taken when its batch is serialized, so the console can measure send → buffered. A refused or failed
 * request is sent again with the same event ids (the server drops duplicates). Writes its totals to a result file.
 *
 * <p>Arguments: {@code url rooms(comma separated, each optionally id:weight) rate seconds batch senders resultFile}; the
 * service key comes in the environment ({@code MODDESK_BENCH_KEY}), not on the command line. One line in 50 carries
 * 刷礼物, the term the benchmark puts on the server's word list (FLAG).
 */
public final class RoomsLoadGenerator {
    private static final MediaType JSON = MediaType.get("application/json");
    private static final String[] WORDS = {"主播", "好听", "来了", "哈哈哈", "关注", "晚上好", "老铁", "666", "yyds",
        "上海", "北京", "谢谢", "爱了", "点歌", "再来一首", "听不到", "卡了", "送花", "加油", "早点休息"};

    private RoomsLoadGenerator() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String[] rooms = schedule(args[1].split(","));
        double rate = Double.parseDouble(args[2]);
        double seconds = Double.parseDouble(args[3]);
        int batch = Integer.parseInt(args[4]);
        int senders = Integer.parseInt(args[5]);
        Path result = Path.of(args[6]);
        String key = System.getenv("MODDESK_BENCH_KEY");
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("MODDESK_BENCH_KEY is not set");
        }
        OkHttpClient http = new OkHttpClient.Builder().readTimeout(Duration.ofMinutes(2))
                .connectionPool(new ConnectionPool(senders, 5, TimeUnit.MINUTES)).build();
        ObjectMapper mapper = Json.mapper();
        long batches = (long) Math.ceil(rate * seconds / batch);
        double batchNanos = batch / rate * 1e9;
        String run = Long.toString(System.currentTimeMillis(), 36);
        AtomicLong next = new AtomicLong();
        AtomicLong applied = new AtomicLong();
        AtomicLong other = new AtomicLong();
        AtomicLong retries = new AtomicLong();
        AtomicLong behindNanos = new AtomicLong();
        long start = System.nanoTime() + 50_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < senders; t++) {
            Thread thread = new Thread(() -> {
                SplittableRandom random = new SplittableRandom(next.hashCode() ^ System.nanoTime());
                for (long k = next.getAndIncrement(); k < batches; k = next.getAndIncrement()) {
                    long due = start + (long) (k * batchNanos);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait); // pacing the load, not synchronizing with anything
                    } else {
                        behindNanos.accumulateAndGet(-wait, Math::max);
                    }
                    send(http, mapper, url, key, messages(run, k, batch, rooms, random), applied, other, retries);
                }
            }, "room-load-" + t);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double took = (System.nanoTime() - start) / 1e9;
        long sent = batches * batch;
        String line = String.format(Locale.ROOT, "sent=%d applied=%d notApplied=%d retries=%d seconds=%.1f rate=%.0f "
                + "maxBehindMs=%.0f", sent, applied.get(), other.get(), retries.get(), took, applied.get() / took,
                behindNanos.get() / 1e6);
        System.out.println("load generator: " + line);
        Files.writeString(result, line + "\n");
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    /**
     * The rooms in turn, a room written {@code id:w} taking w turns in a round (the scene benchmark's hot room gets 5
     * of 9 lines); without weights, one turn each.
     */
    private static String[] schedule(String[] rooms) {
        List<String> turns = new ArrayList<>();
        for (String room : rooms) {
            int colon = room.lastIndexOf(':');
            int weight = colon < 0 ? 1 : Integer.parseInt(room.substring(colon + 1));
            for (int w = 0; w < weight; w++) {
                turns.add(colon < 0 ? room : room.substring(0, colon));
            }
        }
        return turns.toArray(String[]::new);
    }

    /** Batch k: lines k·batch … of the run, rooms taken in turn; the send time is stamped into each text. */
    private static List<IngestEvent> messages(String run, long k, int batch, String[] rooms, SplittableRandom random) {
        Instant now = Instant.now();
        long micros = now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
        List<IngestEvent> events = new ArrayList<>(batch);
        for (int i = 0; i < batch; i++) {
            long n = k * batch + i;
            String room = rooms[(int) (n % rooms.length)];
            long user = random.nextLong(5_000);
            StringBuilder text = new StringBuilder(40);
            for (int w = random.nextInt(1, 5); w > 0; w--) {
                text.append(WORDS[random.nextInt(WORDS.length)]);
            }
            if (n % 50 == 7) {
                text.append("刷礼物");
            }
            text.append(" #").append(micros);
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("roomId", room);
            p.put("messageId", "lg-" + run + "-" + n);
            p.put("userId", "lg-u" + user);
            p.put("nickname", "观众" + user);
            p.put("text", text.toString());
            events.add(new IngestEvent("lg-" + run + "-" + n, "room.message", now, p));
        }
        return events;
    }

    private static void send(OkHttpClient http, ObjectMapper mapper, String url, String key, List<IngestEvent> events,
                             AtomicLong applied, AtomicLong other, AtomicLong retries) {
        byte[] body;
        try {
            body = mapper.writeValueAsBytes(new IngestBatch(events));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        for (int attempt = 0; ; attempt++) {
            Request request = new Request.Builder().url(url + "/api/v1/platform/events")
                    .header("Authorization", "Bearer " + key).post(RequestBody.create(body, JSON)).build();
            try (Response response = http.newCall(request).execute()) {
                String text = response.body().string();
                if (response.isSuccessful()) {
                    IngestBatchResult result = mapper.readValue(text, IngestBatchResult.class);
                    for (var outcome : result.outcomes()) {
                        // DUPLICATE: applied by an earlier attempt of this batch whose answer was lost
                        (outcome.status() == IngestStatus.REJECTED ? other : applied).incrementAndGet();
                    }
                    return;
                }
                if (attempt >= 50) {
                    throw new IllegalStateException("ingest answered " + response.code() + ": " + text);
                }
            } catch (IOException e) {
                if (attempt >= 50) {
                    throw new IllegalStateException("ingest failed", e);
                }
            }
            retries.incrementAndGet();
            LockSupport.parkNanos(100_000_000L); // back off before sending the same batch again
        }
    }
}
