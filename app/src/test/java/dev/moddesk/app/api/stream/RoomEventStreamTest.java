package dev.moddesk.app.api.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.moddesk.app.api.Json;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.random.RandomGenerator;
import java.util.stream.LongStream;
import okhttp3.WebSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The stream client against a real WebSocket server on loopback. Time (heartbeats, backoff) is the test's
 * {@link ManualStreamScheduler}; waits are for events with a generous timeout, never for time to pass.
 */
class RoomEventStreamTest {
    record ChatLine(String user, String text) {
    }

    private final ScriptedStreamServer server = new ScriptedStreamServer();
    private final ManualStreamScheduler time = new ManualStreamScheduler();
    private final BlockingQueue<StreamStatus> statuses = new LinkedBlockingQueue<>();
    private RoomEventStream stream;

    @AfterEach
    void close() {
        if (stream != null) {
            stream.close();
        }
        server.close();
    }

    private RoomEventStream stream(StreamOptions options, RandomGenerator random) {
        StreamCodec codec = new StreamCodec(Json.mapper(), Map.of("message", ChatLine.class));
        stream = new RoomEventStream(server.connector(), codec, options, time, random, statuses::add);
        return stream;
    }

    private RoomEventStream stream() {
        return stream(StreamOptions.defaults(), fixedRandom(0.5));
    }

    @Test
    void decodesFramesOnOkHttpsThreadIntoRecordsInTheQueue() throws Exception {
        server.script(new ScriptedStreamServer.Script() {
            @Override
            public void opened(WebSocket socket) {
                socket.send(server.frame("message", "r1", 1, "{\"user\":\"u7\",\"text\":\"你好\"}"));
                socket.send("not json");
                socket.send(server.frame("summary", null, 0, "{\"rooms\":3}"));
                socket.send(server.frame("heartbeat", null, 0, null));
            }
        });
        stream().start();
        awaitStatus(StreamStatus.State.OPEN);
        await("four frames", () -> stream.counters().received() == 4);

        List<StreamItem> items = drain();
        assertThat(items).hasSize(2);
        assertThat(items.get(0)).isEqualTo(new StreamFrame("message", "r1", 1, new ChatLine("u7", "你好")));
        StreamFrame summary = (StreamFrame) items.get(1);
        assertThat(summary.sequenced()).isFalse();
        assertThat(((JsonNode) summary.payload()).get("rooms").asInt()).isEqualTo(3);
        assertThat(stream.counters().malformed()).isEqualTo(1);
    }

    @Test
    void aFullQueueRefusesAndCountsAndTheRefusedFramesComeBackAsOneOverflowGap() throws Exception {
        BlockingQueue<WebSocket> opened = new LinkedBlockingQueue<>();
        server.script(new ScriptedStreamServer.Script() {
            @Override
            public void opened(WebSocket socket) {
                for (int seq = 1; seq <= 10; seq++) {
                    socket.send(server.frame("message", "r1", seq, null));
                }
                socket.send(server.frame("summary", null, 0, null));
                opened.add(socket);
            }
        });
        stream(StreamOptions.defaults().withQueueCapacity(4), fixedRandom(0.5)).start();
        WebSocket serverSide = opened.poll(10, TimeUnit.SECONDS);
        await("eleven frames", () -> stream.counters().received() == 11);

        assertThat(stream.queue().size()).isEqualTo(4);
        assertThat(stream.counters().overflowed()).isEqualTo(7);
        assertThat(stream.queue().refused()).isEqualTo(7);
        assertThat(seqs(drain())).containsExactly(1L, 2L, 3L, 4L);

        serverSide.send(server.frame("message", "r1", 11, null));
        await("the twelfth frame", () -> stream.counters().received() == 12);
        List<StreamItem> after = drain();
        assertThat(after).containsExactly(new StreamGap("r1", 5, 10, StreamGap.Cause.OVERFLOW),
                new StreamFrame("message", "r1", 11, null));
        StreamCounters c = stream.counters();
        // Every sequenced frame is accounted for: queued, or inside a reported gap.
        assertThat(4 + ((StreamGap) after.get(0)).size() + 1).isEqualTo(11);
        assertThat(c.gaps()).isEqualTo(1);
        assertThat(c.queued()).isEqualTo(6);
        assertThat(stream.queue().size()).isZero();
    }

    @Test
    void dropsDuplicatesAndReportsJumpsAndServerGapsInStreamOrder() throws Exception {
        server.script(new ScriptedStreamServer.Script() {
            @Override
            public void opened(WebSocket socket) {
                for (long seq : new long[] {1, 2, 2, 3, 1, 6, 7}) {
                    socket.send(server.frame("message", "r1", seq, null));
                }
                socket.send(server.frame("gap", "r1", 0, "{\"from\":8,\"to\":9}"));
                socket.send(server.frame("message", "r1", 10, null));
                socket.send(server.frame("message", "r2", 40, null));
            }
        });
        stream().start();
        await("ten frames", () -> stream.counters().received() == 10);

        assertThat(drain()).containsExactly(
                frame("r1", 1), frame("r1", 2), frame("r1", 3),
                new StreamGap("r1", 4, 5, StreamGap.Cause.MISSED),
                frame("r1", 6), frame("r1", 7),
                new StreamGap("r1", 8, 9, StreamGap.Cause.REPORTED),
                frame("r1", 10), frame("r2", 40));
        assertThat(stream.counters().duplicates()).isEqualTo(2);
        assertThat(stream.counters().gaps()).isEqualTo(2);
    }

    @Test
    void resumesFromTheLastSequenceAfterAForcedDisconnectEveryNFrames() throws Exception {
        int total = 1_000;
        int everyN = 100;
        List<Long> resumedFrom = new CopyOnWriteArrayList<>();
        server.script(new ScriptedStreamServer.Script() {
            @Override
            public void received(WebSocket socket, JsonNode message) {
                long from;
                switch (message.path("type").asText()) {
                    case "subscribe" -> from = 1;
                    case "resume" -> {
                        long last = message.path("rooms").path("r1").asLong();
                        resumedFrom.add(last);
                        from = last; // replays one the console has: it must drop the duplicate
                    }
                    default -> {
                        return;
                    }
                }
                long fresh = 0;
                for (long seq = from; seq <= total && fresh < everyN; seq++) {
                    socket.send(server.frame("message", "r1", seq, null));
                    if (seq > from || from == 1) {
                        fresh++;
                    }
                }
                socket.close(1001, "forced disconnect");
            }
        });
        RoomEventStream s = stream();
        s.subscribe("r1");
        s.start();

        List<StreamItem> delivered = new ArrayList<>();
        while (true) {
            StreamStatus status = awaitStatus(StreamStatus.State.WAITING);
            s.queue().drainTo(delivered, Integer.MAX_VALUE);
            if (delivered.size() >= total) {
                break;
            }
            time.advance(status.retryIn());
        }

        int disconnects = total / everyN;
        assertThat(seqs(delivered)).containsExactlyElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
        assertThat(resumedFrom).containsExactlyElementsOf(
                LongStream.rangeClosed(1, disconnects - 1).map(k -> k * everyN).boxed().toList());
        StreamCounters c = s.counters();
        assertThat(c.duplicates()).isEqualTo(disconnects - 1);
        assertThat(c.gaps()).isZero();
        assertThat(c.overflowed()).isZero();
        assertThat(c.reconnects()).isEqualTo(disconnects);
        assertThat(server.connections()).isEqualTo(disconnects);
    }

    @Test
    void reconnectsWithExponentialBackoffAndJitterAndStartsOverAfterAnOpen() throws Exception {
        StreamOptions options = StreamOptions.defaults().withRetry(Duration.ofSeconds(1), Duration.ofSeconds(4));
        server.refuseNext(4);
        RoomEventStream s = stream(options, fixedRandom(0.0, 0.5, 0.25, 1.0, 0.5));
        s.start();

        List<Duration> delays = new ArrayList<>();
        for (int attempt = 1; attempt <= 4; attempt++) {
            StreamStatus waiting = awaitStatus(StreamStatus.State.WAITING);
            assertThat(waiting.attempt()).isEqualTo(attempt);
            delays.add(waiting.retryIn());
            time.advance(waiting.retryIn());
        }
        // Ceilings 1, 2, 4, 4 s (capped); half fixed, half scaled by the injected random 0, 0.5, 0.25, 1.
        assertThat(delays).containsExactly(Duration.ofMillis(500), Duration.ofMillis(1_500), Duration.ofMillis(2_500),
                Duration.ofSeconds(4));
        awaitStatus(StreamStatus.State.OPEN);

        server.script(new ScriptedStreamServer.Script() {
            @Override
            public void received(WebSocket socket, JsonNode message) {
                socket.close(1001, "restart");
            }
        });
        s.subscribe("r1");
        StreamStatus again = awaitStatus(StreamStatus.State.WAITING);
        assertThat(again.attempt()).isEqualTo(1);
        assertThat(again.retryIn()).isEqualTo(Duration.ofMillis(750));
    }

    @Test
    void aLinkSilentForTheTimeoutIsNoticedAndReconnected() throws Exception {
        RoomEventStream s = stream(StreamOptions.defaults().withLiveness(Duration.ofSeconds(10),
                Duration.ofSeconds(30)), fixedRandom(0.5));
        s.start();
        awaitStatus(StreamStatus.State.OPEN);

        time.advance(Duration.ofSeconds(10));
        assertThat(server.nextFromConsole().path("type").asText()).isEqualTo("ping");
        time.advance(Duration.ofSeconds(10));
        assertThat(server.nextFromConsole().path("type").asText()).isEqualTo("ping");
        time.advance(Duration.ofSeconds(10).minusMillis(1));
        assertThat(s.status().state()).isEqualTo(StreamStatus.State.OPEN);

        time.advance(Duration.ofMillis(1));
        assertThat(s.status().state()).isEqualTo(StreamStatus.State.WAITING);
        assertThat(s.counters().deadLinks()).isEqualTo(1);
        assertThat(time.elapsed()).isEqualTo(Duration.ofSeconds(30));
        assertThat(server.awaitConnectionEnd()).startsWith("failed");

        time.advance(s.status().retryIn());
        awaitStatus(StreamStatus.State.OPEN);
        assertThat(server.connections()).isEqualTo(2);
    }

    @Test
    void heartbeatsGoBothWaysAndAnAnsweringServerStaysConnected() throws Exception {
        server.script(new ScriptedStreamServer.Script() {
            @Override
            public void received(WebSocket socket, JsonNode message) {
                if (message.path("type").asText().equals("ping")) {
                    socket.send(server.frame("pong", null, 0, null));
                }
            }

            @Override
            public void opened(WebSocket socket) {
                socket.send(server.frame("ping", null, 0, null));
            }
        });
        RoomEventStream s = stream();
        s.start();
        assertThat(server.nextFromConsole().path("type").asText()).isEqualTo("pong");
        await("the server's ping counted", () -> s.counters().received() == 1);

        for (int tick = 1; tick <= 6; tick++) {
            long before = s.counters().received();
            time.advance(Duration.ofSeconds(10));
            assertThat(server.nextFromConsole().path("type").asText()).isEqualTo("ping");
            await("the pong", () -> s.counters().received() > before);
        }
        assertThat(time.elapsed()).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.status().state()).isEqualTo(StreamStatus.State.OPEN);
        assertThat(s.counters().deadLinks()).isZero();
        assertThat(drain()).isEmpty();
    }

    private List<StreamItem> drain() {
        List<StreamItem> items = new ArrayList<>();
        stream.queue().drainTo(items, Integer.MAX_VALUE);
        return items;
    }

    private static StreamFrame frame(String room, long seq) {
        return new StreamFrame("message", room, seq, null);
    }

    private static List<Long> seqs(List<StreamItem> items) {
        return items.stream().map(i -> ((StreamFrame) i).seq()).toList();
    }

    private StreamStatus awaitStatus(StreamStatus.State state) throws InterruptedException {
        while (true) {
            StreamStatus next = statuses.poll(10, TimeUnit.SECONDS);
            if (next == null) {
                throw new AssertionError("no " + state + " status; now " + stream.status());
            }
            if (next.state() == state) {
                return next;
            }
        }
    }

    /** Waits for an event from the network threads (at most 10 s); asserts nothing about how long it took. */
    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Object monitor = new Object();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            synchronized (monitor) {
                monitor.wait(2);
            }
        }
    }

    /** A random source that returns the given doubles in turn, then repeats the last. */
    private static RandomGenerator fixedRandom(double... values) {
        Queue<Double> next = new ArrayDeque<>();
        for (double v : values) {
            next.add(v);
        }
        AtomicLong calls = new AtomicLong();
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new UnsupportedOperationException("the backoff draws doubles only");
            }

            @Override
            public synchronized double nextDouble() {
                calls.incrementAndGet();
                return next.size() > 1 ? next.poll() : next.peek();
            }
        };
    }
}
