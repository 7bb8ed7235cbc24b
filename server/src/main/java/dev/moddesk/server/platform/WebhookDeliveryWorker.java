package dev.moddesk.server.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moddesk.contract.platform.DeliveryStatus;
import dev.moddesk.contract.platform.WebhookSignature;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.Proxy;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends queued webhook deliveries. Any number of workers (on any number of API nodes) share the queue: a worker owns
 * a delivery only after its conditional UPDATE flipped it from due-PENDING (or SENDING with an expired lease) to
 * SENDING under its own claim token, so no two workers send the same delivery at once. A worker that dies mid-send
 * leaves a lease that expires, and another worker tries again: delivery is at least once, receivers dedupe by
 * {@code ModDesk-Action-Id}.
 *
 * <p>Every request goes only where {@link WebhookTargets} allows: the HTTP client resolves host names through it (and
 * connects to the addresses it checked), a host written as an address and the scheme are checked before each send,
 * no proxy is used (it would resolve the name itself), and redirects are never followed (a 3xx is a failed attempt
 * with its status recorded).
 */
public final class WebhookDeliveryWorker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookDeliveryWorker.class);
    private static final int MAX_ERROR_LENGTH = 1000;
    private static final int RESPONSE_EXCERPT_LENGTH = 200;
    private static final MediaType JSON = MediaType.get("application/json");

    private final Jdbi jdbi;
    private final ObjectMapper json;
    private final Clock clock;
    private final WebhookDeliverySettings settings;
    private final ActionFeed feed;
    private final WebhookTargets targets;
    private final OkHttpClient http;
    private final Semaphore slots;
    private final PlatformStore store = new PlatformStore();
    private final MeterRegistry metrics;
    private final Object wakeUp = new Object();
    private final String name;
    private volatile boolean running;
    private boolean woken;
    private Thread loop;
    private ExecutorService senders;

    WebhookDeliveryWorker(Jdbi jdbi, ObjectMapper json, Clock clock, ActionFeed feed, WebhookTargets targets,
            WebhookDeliverySettings settings, String name) {
        this(jdbi, json, clock, feed, targets, settings, name, new SimpleMeterRegistry());
    }

    /** {@code metrics} gets {@code moddesk.webhook.attempts} counted by outcome (delivered, retry, failed). */
    WebhookDeliveryWorker(Jdbi jdbi, ObjectMapper json, Clock clock, ActionFeed feed, WebhookTargets targets,
            WebhookDeliverySettings settings, String name, MeterRegistry metrics) {
        this.metrics = metrics;
        this.jdbi = jdbi;
        this.json = json;
        this.clock = clock;
        this.feed = feed;
        this.settings = settings;
        this.name = name;
        this.slots = new Semaphore(settings.concurrency());
        this.targets = targets;
        this.http = new OkHttpClient.Builder()
                .dns(targets::addresses)
                .proxy(Proxy.NO_PROXY)
                .followRedirects(false)
                .followSslRedirects(false)
                .connectTimeout(settings.connectTimeout())
                .readTimeout(settings.requestTimeout())
                .writeTimeout(settings.requestTimeout())
                .callTimeout(settings.requestTimeout().plus(settings.connectTimeout()))
                .build();
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        senders = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(name + "-send-", 0).factory());
        feed.onAppended(this::wake);
        loop = Thread.ofPlatform().name(name).daemon(true).uncaughtExceptionHandler(
                (t, e) -> LOG.error("Webhook delivery loop died", e)).start(this::run);
        LOG.info("Webhook delivery worker {} started", name);
    }

    /** Looks at the queue now instead of at the next poll. */
    public void wake() {
        synchronized (wakeUp) {
            woken = true;
            wakeUp.notifyAll();
        }
    }

    @Override
    public void close() {
        Thread thread;
        synchronized (this) {
            if (!running) {
                return;
            }
            running = false;
            thread = loop;
        }
        thread.interrupt();
        try {
            thread.join(5_000);
            senders.shutdown();
            if (!senders.awaitTermination(settings.requestTimeout().toMillis() + 1_000, TimeUnit.MILLISECONDS)) {
                senders.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
        LOG.info("Webhook delivery worker {} stopped", name);
    }

    private void run() {
        while (running) {
            try {
                int started = claimAndSend();
                if (started == 0) {
                    synchronized (wakeUp) {
                        if (!woken) {
                            wakeUp.wait(settings.pollInterval().toMillis());
                        }
                        woken = false;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // The database may be briefly unreachable; the queue is still there when it is back.
                LOG.warn("Webhook delivery round failed; trying again shortly", e);
                try {
                    Thread.sleep(settings.pollInterval().toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Claims due deliveries for the free send slots and starts sending them; returns how many started. */
    int claimAndSend() throws InterruptedException {
        int free = slots.availablePermits();
        if (free == 0) {
            slots.acquire();
            slots.release();
            return 1;
        }
        Instant now = clock.instant();
        List<Long> candidates = jdbi.withHandle(handle -> store.dueDeliveries(handle, now, free * 2));
        int started = 0;
        for (long id : candidates) {
            if (started == free || !running) {
                break;
            }
            Optional<PlatformStore.ClaimedDelivery> claim = claim(id);
            if (claim.isEmpty()) {
                continue; // another worker took it first
            }
            slots.acquire();
            started++;
            senders.submit(() -> {
                try {
                    send(claim.get());
                } catch (RuntimeException e) {
                    LOG.error("Webhook delivery {} failed unexpectedly", id, e);
                } finally {
                    slots.release();
                    wake();
                }
            });
        }
        return started;
    }

    private Optional<PlatformStore.ClaimedDelivery> claim(long id) {
        Instant now = clock.instant();
        String token = UUID.randomUUID().toString();
        // Long enough for one attempt; after it, a crashed worker's delivery is due again.
        Instant leaseEnd = now.plus(settings.requestTimeout().multipliedBy(2)).plus(settings.connectTimeout())
                .plusSeconds(30);
        if (!jdbi.withHandle(handle -> store.claimDelivery(handle, id, token, now, leaseEnd))) {
            return Optional.empty();
        }
        return jdbi.withHandle(handle -> store.claimedDelivery(handle, id, token));
    }

    private void send(PlatformStore.ClaimedDelivery claim) {
        if (!claim.endpointActive()) {
            finish(claim, DeliveryStatus.CANCELLED, null, "the webhook was deleted or deactivated", null, null);
            return;
        }
        byte[] body;
        try {
            body = json.writeValueAsBytes(claim.action());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("action " + claim.action().id() + " cannot be written as JSON", e);
        }
        long timestamp = clock.instant().getEpochSecond();
        Integer statusCode = null;
        String error;
        try {
            targets.checkBeforeSending(URI.create(claim.url()));
            Request request = new Request.Builder().url(claim.url())
                    .header("User-Agent", "ModDesk-Webhooks/1")
                    .header(WebhookSignature.HEADER, WebhookSignature.header(claim.secret(), timestamp, body))
                    .header(WebhookSignature.ACTION_ID_HEADER, Long.toString(claim.action().id()))
                    .post(RequestBody.create(body, JSON))
                    .build();
            try (Response response = http.newCall(request).execute()) {
                statusCode = response.code();
                if (statusCode >= 200 && statusCode < 300) {
                    finish(claim, DeliveryStatus.DELIVERED, statusCode, null, null, clock.instant());
                    return;
                }
                error = "HTTP " + statusCode + excerpt(response.peekBody(RESPONSE_EXCERPT_LENGTH * 4L).string());
            }
        } catch (WebhookTargets.Refused e) {
            error = "refused: " + e.getMessage();
        } catch (InterruptedIOException e) {
            error = Thread.currentThread().isInterrupted() ? "interrupted: the server was stopping"
                    : "timed out: " + e.getMessage();
        } catch (IOException e) {
            error = e.getCause() instanceof WebhookTargets.Refused refused ? "refused: " + refused.getMessage()
                    : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            error = "invalid request: " + e.getMessage();
        }
        if (claim.attempts() >= settings.maxAttempts()) {
            LOG.warn("Webhook delivery {} of action {} to {} failed after {} attempts: {}", claim.deliveryId(),
                    claim.action().id(), claim.url(), claim.attempts(), error);
            finish(claim, DeliveryStatus.FAILED, statusCode, error, null, null);
        } else {
            Duration wait = settings.backoff(claim.attempts(), ThreadLocalRandom.current().nextDouble());
            LOG.debug("Webhook delivery {} attempt {} failed ({}); next in {}", claim.deliveryId(), claim.attempts(),
                    error, wait);
            finish(claim, DeliveryStatus.PENDING, statusCode, error, clock.instant().plus(wait), null);
        }
    }

    private void finish(PlatformStore.ClaimedDelivery claim, DeliveryStatus status, Integer statusCode, String error,
            Instant nextAttemptAt, Instant deliveredAt) {
        if (status == DeliveryStatus.PENDING && nextAttemptAt == null) {
            throw new IllegalArgumentException("a pending delivery needs its next attempt time");
        }
        metrics.counter("moddesk.webhook.attempts", "outcome", switch (status) {
            case DELIVERED -> "delivered";
            case PENDING -> "retry";
            case FAILED -> "failed";
            default -> "cancelled";
        }).increment();
        boolean recorded = jdbi.withHandle(handle -> store.finishDelivery(handle, claim.deliveryId(), claim.token(),
                status, statusCode, error == null ? null : truncate(error, MAX_ERROR_LENGTH), nextAttemptAt,
                deliveredAt));
        if (!recorded) {
            LOG.warn("Webhook delivery {} lost its claim before its outcome ({}) was recorded", claim.deliveryId(),
                    status);
        }
    }

    private static String excerpt(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        return ": " + truncate(body.strip(), RESPONSE_EXCERPT_LENGTH);
    }

    private static String truncate(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length);
    }

}
