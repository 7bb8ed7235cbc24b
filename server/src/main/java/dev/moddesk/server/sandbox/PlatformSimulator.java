package dev.moddesk.server.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moddesk.contract.platform.ActionFeedPage;
import dev.moddesk.contract.platform.FeedAction;
import dev.moddesk.contract.platform.IngestBatch;
import dev.moddesk.contract.platform.IngestBatchResult;
import dev.moddesk.contract.platform.IngestEvent;
import dev.moddesk.contract.platform.IngestOutcome;
import dev.moddesk.contract.platform.IngestStatus;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays the platform against a running server, through HTTP only, exactly as a real platform would: it sends what
 * its {@link SimulatedActivity activities} produce to {@code POST /api/v1/platform/events} with a platform key, and
 * long-polls {@code GET /api/v1/platform/actions} by cursor, handing every action to every activity and sending
 * the follow-up events they return.
 *
 * <p>Activities tick four times a second; what they produce leaves at no more than {@code eventsPerSecond} (a
 * token bucket; while a backlog waits, activities are not asked for more). Seeds and follow-ups are not throttled.
 * When the server is unreachable or busy (429, 503, timeouts) the simulator keeps its events and backs off quietly;
 * resending is safe because event ids make ingest idempotent. The action cursor is kept in a file (when given), so
 * a restarted sandbox does not carry out old actions again.
 */
public final class PlatformSimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PlatformSimulator.class);
    private static final Duration TICK = Duration.ofMillis(250);
    private static final Duration LONG_POLL = Duration.ofSeconds(20);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final URI baseUrl;
    private final String platformKey;
    private final List<SimulatedActivity> activities;
    private final double eventsPerSecond;
    private final Path cursorFile;
    private final Clock clock;
    private final ObjectMapper json;
    private final HttpClient http;
    private final ConcurrentLinkedQueue<IngestEvent> urgent = new ConcurrentLinkedQueue<>();
    private final Deque<IngestEvent> paced = new ArrayDeque<>();
    private final AtomicLong cursor = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final Object unavailableLog = new Object();
    private boolean unavailable;
    private Thread eventsThread;
    private Thread actionsThread;

    /**
     * @param cursorFile where the action cursor survives restarts; null keeps it in memory only
     */
    public PlatformSimulator(URI baseUrl, String platformKey, List<Function<SimulationContext, SimulatedActivity>> activities,
            double eventsPerSecond, Path cursorFile, Clock clock, ObjectMapper json) {
        this(baseUrl, platformKey, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build(), activities,
                eventsPerSecond, cursorFile, clock, json);
    }

    /** Talks to the server with {@code http} (the sandbox's, which trusts the server's own certificate with TLS). */
    public PlatformSimulator(URI baseUrl, String platformKey, HttpClient http,
            List<Function<SimulationContext, SimulatedActivity>> activities, double eventsPerSecond, Path cursorFile,
            Clock clock, ObjectMapper json) {
        if (eventsPerSecond <= 0) {
            throw new IllegalArgumentException("eventsPerSecond must be positive");
        }
        this.baseUrl = baseUrl;
        this.platformKey = platformKey;
        SimulationContext context = new SimulationContext(new java.util.Random(), // thread-safe: ticks and actions run on two threads
                new SimulatedPopulation());
        this.activities = activities.stream().map(f -> f.apply(context)).toList();
        this.eventsPerSecond = eventsPerSecond;
        this.cursorFile = cursorFile;
        this.clock = clock;
        this.json = json;
        this.http = http;
        this.cursor.set(readCursor());
    }

    public synchronized void start() {
        if (eventsThread != null) {
            return;
        }
        eventsThread = Thread.ofPlatform().name("moddesk-sim-events").daemon(true).start(this::runEvents);
        actionsThread = Thread.ofPlatform().name("moddesk-sim-actions").daemon(true).start(this::runActions);
        LOG.info("Platform simulator started: {} at about {} events/s ({})", baseUrl, eventsPerSecond,
                activities.stream().map(SimulatedActivity::name).toList());
    }

    /** How many events the server has acknowledged (applied or duplicate). */
    public long eventsSent() {
        return sent.get();
    }

    /** The action feed cursor: the last action handed to the activities. */
    public long cursor() {
        return cursor.get();
    }

    @Override
    public void close() {
        stopping.countDown();
        for (Thread thread : new Thread[] {eventsThread, actionsThread}) {
            if (thread != null) {
                thread.interrupt();
                try {
                    thread.join(5_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        for (SimulatedActivity activity : activities) {
            activity.stop();
        }
        http.close();
        LOG.info("Platform simulator stopped after {} events", sent.get());
    }

    private boolean stopped() {
        return stopping.getCount() == 0;
    }

    /** Waits, returning false when the simulator is stopping. */
    private boolean pause(Duration duration) {
        try {
            return !stopping.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void runEvents() {
        for (SimulatedActivity activity : activities) {
            urgent.addAll(safely(activity, () -> activity.seed(clock.instant())));
        }
        double tokens = 0;
        Duration backoff = Duration.ZERO;
        while (!stopped()) {
            if (!pause(backoff.isZero() ? TICK : backoff)) {
                return;
            }
            tokens = Math.min(eventsPerSecond, tokens + eventsPerSecond * TICK.toMillis() / 1000.0);
            if (paced.size() < Math.max(1, eventsPerSecond)) {
                for (SimulatedActivity activity : activities) {
                    paced.addAll(safely(activity, () -> activity.tick(clock.instant())));
                }
            }
            List<IngestEvent> batch = new ArrayList<>();
            for (IngestEvent e; batch.size() < IngestBatch.MAX_EVENTS && (e = urgent.peek()) != null; ) {
                batch.add(urgent.poll());
            }
            int urgentCount = batch.size();
            while (batch.size() < IngestBatch.MAX_EVENTS && tokens >= 1 && !paced.isEmpty()) {
                batch.add(paced.pollFirst());
                tokens -= 1;
            }
            if (batch.isEmpty()) {
                continue;
            }
            if (send(batch)) {
                backoff = Duration.ZERO;
            } else {
                // Keep them, in order: the same event ids make the resend safe.
                for (int i = batch.size() - 1; i >= urgentCount; i--) {
                    paced.addFirst(batch.get(i));
                }
                List<IngestEvent> again = new ArrayList<>(batch.subList(0, urgentCount));
                again.addAll(urgent);
                urgent.clear();
                urgent.addAll(again);
                backoff = nextBackoff(backoff);
            }
        }
    }

    private boolean send(List<IngestEvent> batch) {
        try {
            byte[] body = json.writeValueAsBytes(new IngestBatch(batch));
            HttpRequest request = HttpRequest.newBuilder(baseUrl.resolve("/api/v1/platform/events"))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + platformKey)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() != 200) {
                serverUnavailable("ingest answered " + response.statusCode());
                return false;
            }
            IngestBatchResult result = json.readValue(response.body(), IngestBatchResult.class);
            for (IngestOutcome outcome : result.outcomes()) {
                if (outcome.status() == IngestStatus.REJECTED) {
                    LOG.warn("The server rejected simulated event {}: {}", outcome.eventId(), outcome.problem());
                }
            }
            sent.addAndGet(result.applied() + result.duplicates());
            serverAvailable();
            return true;
        } catch (IOException e) {
            serverUnavailable(e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void runActions() {
        Duration backoff = Duration.ZERO;
        while (!stopped()) {
            if (!backoff.isZero() && !pause(backoff)) {
                return;
            }
            try {
                HttpRequest request = HttpRequest.newBuilder(baseUrl.resolve("/api/v1/platform/actions?after="
                                + cursor.get() + "&limit=100&wait=" + LONG_POLL.toSeconds()))
                        .timeout(LONG_POLL.plusSeconds(10))
                        .header("Authorization", "Bearer " + platformKey)
                        .GET()
                        .build();
                HttpResponse<String> response = http.send(request,
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                if (response.statusCode() != 200) {
                    serverUnavailable("action feed answered " + response.statusCode());
                    backoff = nextBackoff(backoff);
                    continue;
                }
                serverAvailable();
                backoff = Duration.ZERO;
                ActionFeedPage page = json.readValue(response.body(), ActionFeedPage.class);
                for (FeedAction action : page.items()) {
                    for (SimulatedActivity activity : activities) {
                        urgent.addAll(safely(activity, () -> activity.onAction(action, clock.instant())));
                    }
                    cursor.set(action.id());
                }
                if (!page.items().isEmpty()) {
                    writeCursor(cursor.get());
                }
            } catch (IOException e) {
                serverUnavailable(e.toString());
                backoff = nextBackoff(backoff);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private List<IngestEvent> safely(SimulatedActivity activity, java.util.function.Supplier<List<IngestEvent>> call) {
        try {
            List<IngestEvent> events = call.get();
            return events == null ? List.of() : events;
        } catch (RuntimeException e) {
            // One broken activity must not stop the others.
            LOG.warn("Simulated activity {} failed", activity.name(), e);
            return List.of();
        }
    }

    private static Duration nextBackoff(Duration current) {
        Duration doubled = current.isZero() ? Duration.ofMillis(500) : current.multipliedBy(2);
        Duration capped = doubled.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : doubled;
        return capped.plusMillis(ThreadLocalRandom.current().nextLong(0, 250));
    }

    // The server is restarting or busy: say so once, not on every retry.
    private void serverUnavailable(String why) {
        synchronized (unavailableLog) {
            if (!unavailable) {
                unavailable = true;
                LOG.info("Simulator: server not available ({}); retrying quietly", why);
            } else {
                LOG.debug("Simulator: still not available ({})", why);
            }
        }
    }

    private void serverAvailable() {
        synchronized (unavailableLog) {
            if (unavailable) {
                unavailable = false;
                LOG.info("Simulator: server available again");
            }
        }
    }

    private long readCursor() {
        if (cursorFile == null || !Files.isRegularFile(cursorFile)) {
            return 0;
        }
        try {
            return Long.parseLong(Files.readString(cursorFile).strip());
        } catch (IOException | NumberFormatException e) {
            LOG.warn("Could not read the simulator cursor from {}; starting from the feed's beginning", cursorFile, e);
            return 0;
        }
    }

    private void writeCursor(long value) {
        if (cursorFile == null) {
            return;
        }
        try {
            Files.createDirectories(cursorFile.toAbsolutePath().getParent());
            Path temp = Files.createTempFile(cursorFile.toAbsolutePath().getParent(), "sim-cursor", ".tmp");
            Files.writeString(temp, Long.toString(value));
            Files.move(temp, cursorFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn("Could not save the simulator cursor to {}", cursorFile, e);
        }
    }
}
