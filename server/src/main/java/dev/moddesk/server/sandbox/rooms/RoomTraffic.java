package dev.moddesk.server.sandbox.rooms;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moddesk.contract.platform.FeedAction;
import dev.moddesk.contract.platform.IngestBatchResult;
import dev.moddesk.contract.platform.IngestOutcome;
import dev.moddesk.contract.platform.IngestStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link RoomsSimulation} against a server, as a platform's room service would. One scheduler thread steps
 * the rooms every {@value #STEP_MILLIS} ms (or as soon as the previous step's events are in, when that takes longer:
 * the next step then makes up for the time passed) and writes what they do straight into ingest batches
 * ({@link IngestBatchWriter}: no event object per chat line). Each step is sent in two parts: the room events (opened,
 * join, seat, song …) first, as one ordered series, then the chat lines, up to {@value #IN_FLIGHT} batches at once.
 * A step's lines are all in before the next step's room events go out, so a room is always opened before its lines
 * arrive and its lines before it closes. Staff actions from the feed and spike requests are queued to the same
 * thread, so the simulation is only ever touched by it. A batch the server does not take (unreachable, 429, 503) is
 * sent again after a pause, with the same event ids; the rooms wait meanwhile.
 */
public final class RoomTraffic implements RoomSink, AutoCloseable {

    static final int STEP_MILLIS = 50;
    static final int IN_FLIGHT = 4;
    private static final Logger LOG = LoggerFactory.getLogger(RoomTraffic.class);
    private static final Duration REPORT_EVERY = Duration.ofMinutes(1);

    private final URI events;
    private final String platformKey;
    private final RoomsSimulation simulation;
    private final Clock clock;
    private final ObjectMapper json;
    private final HttpClient http;
    private final IngestBatchWriter stateBatches;
    private final IngestBatchWriter lineBatches;
    private final ConcurrentLinkedQueue<Consumer<Instant>> inbox = new ConcurrentLinkedQueue<>();
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong lines = new AtomicLong();
    private Thread thread;

    public RoomTraffic(URI baseUrl, String platformKey, RoomsSimulation simulation, Clock clock, ObjectMapper json) {
        this(baseUrl, platformKey, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build(), simulation,
                clock, json);
    }

    /** Talks to the server with {@code http} (the sandbox's, which trusts the server's own certificate with TLS). */
    public RoomTraffic(URI baseUrl, String platformKey, HttpClient http, RoomsSimulation simulation, Clock clock,
                       ObjectMapper json) {
        this.events = baseUrl.resolve("/api/v1/platform/events");
        this.platformKey = platformKey;
        this.simulation = simulation;
        this.clock = clock;
        this.json = json;
        this.http = http;
        this.stateBatches = new IngestBatchWriter(json.getFactory());
        this.lineBatches = new IngestBatchWriter(json.getFactory());
    }

    public synchronized void start() {
        if (thread == null) {
            thread = Thread.ofPlatform().name("moddesk-sim-rooms").daemon(true).start(this::run);
        }
    }

    /** Hands a feed action to the rooms (from the simulator's action thread); carried out at the next step. */
    public void offer(FeedAction action) {
        inbox.add(now -> simulation.apply(action, now, this));
    }

    /** Makes the hot room spike for {@code length} from the next step. */
    public void spike(Duration length) {
        inbox.add(now -> simulation.spike(now, length));
    }

    /** The hot room's id. */
    public String hotRoomId() {
        return RoomsSimulation.HOT_ROOM_ID;
    }

    /** Events the server took (applied, or duplicates of ones it had). */
    public long applied() {
        return applied.get();
    }

    /** Events the server refused (for example a line for a room staff closed a moment before). */
    public long rejected() {
        return rejected.get();
    }

    @Override
    public void close() {
        stopping.countDown();
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        http.close();
    }

    // ---- the scheduler thread

    private void run() {
        try {
            simulation.start(clock.instant(), this);
            Instant nextReport = clock.instant().plus(REPORT_EVERY);
            long reportedLines = 0;
            long nextStep = System.nanoTime();
            while (sendAll(stateBatches.take(), 1) && sendAll(lineBatches.take(), IN_FLIGHT)) {
                nextStep = Math.max(nextStep + TimeUnit.MILLISECONDS.toNanos(STEP_MILLIS), System.nanoTime());
                if (!pause(nextStep - System.nanoTime())) {
                    return;
                }
                Instant now = clock.instant();
                for (Consumer<Instant> task; (task = inbox.poll()) != null; ) {
                    try {
                        task.accept(now);
                    } catch (RuntimeException e) {
                        LOG.warn("The room simulation could not carry out an action", e);
                    }
                }
                lines.addAndGet(simulation.advance(now, this));
                if (!now.isBefore(nextReport)) {
                    long total = lines.get();
                    LOG.info("Room simulator: {} chat lines/s over the last minute; {} events taken, {} refused in all",
                            (total - reportedLines) / REPORT_EVERY.toSeconds(), applied.get(), rejected.get());
                    reportedLines = total;
                    nextReport = now.plus(REPORT_EVERY);
                }
            }
        } catch (RuntimeException e) {
            LOG.error("The room simulator stopped", e);
        }
    }

    private boolean pause(long nanos) {
        try {
            return nanos <= 0 ? stopping.getCount() > 0 : !stopping.await(nanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Sends the bodies, at most {@code inFlight} at once, and again after a pause those the server did not take; false
     * when the traffic is stopping.
     */
    private boolean sendAll(List<byte[]> bodies, int inFlight) {
        List<byte[]> pending = bodies;
        long backoffMillis = 250;
        while (!pending.isEmpty()) {
            List<byte[]> failed = new ArrayList<>();
            for (int from = 0; from < pending.size(); from += inFlight) {
                List<byte[]> wave = pending.subList(from, Math.min(pending.size(), from + inFlight));
                List<CompletableFuture<Boolean>> answers = new ArrayList<>(wave.size());
                for (byte[] body : wave) {
                    answers.add(send(body));
                }
                for (int i = 0; i < wave.size(); i++) {
                    if (!answers.get(i).join()) {
                        failed.add(wave.get(i));
                    }
                }
            }
            pending = failed;
            if (!pending.isEmpty()) {
                if (!pause(TimeUnit.MILLISECONDS.toNanos(backoffMillis))) {
                    return false;
                }
                backoffMillis = Math.min(30_000, backoffMillis * 2);
            }
        }
        return stopping.getCount() > 0;
    }

    private CompletableFuture<Boolean> send(byte[] body) {
        HttpRequest request = HttpRequest.newBuilder(events).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + platformKey)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).handle((response, error) -> {
            if (error != null || response.statusCode() != 200) {
                LOG.debug("Room simulator: ingest answered {}; sending again", error != null ? error.toString()
                        : response.statusCode());
                return false;
            }
            try {
                count(response.body());
            } catch (IOException e) {
                LOG.debug("Room simulator: unreadable ingest answer", e);
            }
            return true;
        });
    }

    /** Reads the answer's counts without an object per outcome; the refused ones are listed at DEBUG only. */
    private void count(byte[] answer) throws IOException {
        int refused = 0;
        try (JsonParser parser = json.getFactory().createParser(answer)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("applied".equals(field) || "duplicates".equals(field)) {
                    applied.addAndGet(parser.getLongValue());
                } else if ("rejected".equals(field)) {
                    refused = parser.getIntValue();
                } else if (value.isStructStart()) {
                    parser.skipChildren();
                }
            }
        }
        if (refused > 0) {
            rejected.addAndGet(refused);
            if (LOG.isDebugEnabled()) {
                for (IngestOutcome outcome : json.readValue(answer, IngestBatchResult.class).outcomes()) {
                    if (outcome.status() == IngestStatus.REJECTED) {
                        LOG.debug("Room simulator: {} refused: {}", outcome.eventId(), outcome.problem());
                    }
                }
            }
        }
    }

    // ---- RoomSink: straight into this step's batches

    @Override
    public void message(String roomId, String messageId, String userId, String nickname, String text, Instant at) {
        try {
            JsonGenerator g = lineBatches.begin(messageId, "room.message", at);
            g.writeStringField("roomId", roomId);
            g.writeStringField("messageId", messageId);
            g.writeStringField("userId", userId);
            g.writeStringField("nickname", nickname);
            g.writeStringField("text", text);
            lineBatches.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void event(String eventId, String type, Instant at, Map<String, Object> payload) {
        try {
            JsonGenerator g = stateBatches.begin(eventId, type, at);
            for (Map.Entry<String, Object> field : payload.entrySet()) {
                g.writeFieldName(field.getKey());
                json.writeValue(g, field.getValue());
            }
            stateBatches.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
