package dev.moddesk.server.platform;

import dev.moddesk.server.core.Sql;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moddesk.contract.platform.FeedAction;
import dev.moddesk.contract.platform.WebhookSignature;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
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
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends queued webhook deliveries. Any number of workers (on any number of API nodes) share the queue: a worker owns
 * a delivery only after its conditional UPDATE flipped it from due-PENDING (or SENDING with an expired lease) to
 * SENDING under its own claim token, so no two workers send the same delivery at once. A worker that dies mid-send
 * leaves a lease that expires, and another worker tries again: delivery is at least once, receivers dedupe by
 * {@code ModDesk-Action-Id}.
 */
public final class WebhookDeliveryWorker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookDeliveryWorker.class);
    private static final int MAX_ERROR_LENGTH = 1000;
    private static final int RESPONSE_EXCERPT_LENGTH = 200;

    private final Jdbi jdbi;
    private final ObjectMapper json;
    private final Clock clock;
    private final WebhookDeliverySettings settings;
    private final ActionFeed feed;
    private final HttpClient http;
    private final Semaphore slots;
    private final Object wakeUp = new Object();
    private final String name;
    private volatile boolean running;
    private boolean woken;
    private Thread loop;
    private ExecutorService senders;

    public WebhookDeliveryWorker(Jdbi jdbi, ObjectMapper json, Clock clock, ActionFeed feed,
            WebhookDeliverySettings settings, String name) {
        this.jdbi = jdbi;
        this.json = json;
        this.clock = clock;
        this.feed = feed;
        this.settings = settings;
        this.name = name;
        this.slots = new Semaphore(settings.concurrency());
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
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
        http.close();
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
        List<Long> candidates = jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT id FROM webhook_deliveries
                         WHERE (status = 'PENDING' AND next_attempt_at <= :now)
                            OR (status = 'SENDING' AND claimed_until < :now)
                         ORDER BY next_attempt_at, id
                         LIMIT :limit""")
                .bind("now", Sql.utc(now))
                .bind("limit", free * 2)
                .mapTo(Long.class)
                .list());
        int started = 0;
        for (long id : candidates) {
            if (started == free || !running) {
                break;
            }
            Optional<Claim> claim = claim(id);
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

    private Optional<Claim> claim(long id) {
        Instant now = clock.instant();
        String token = UUID.randomUUID().toString();
        // Long enough for one attempt; after it, a crashed worker's delivery is due again.
        Instant leaseEnd = now.plus(settings.requestTimeout().multipliedBy(2)).plus(settings.connectTimeout())
                .plusSeconds(30);
        int claimed = jdbi.withHandle(handle -> handle.createUpdate("""
                        UPDATE webhook_deliveries
                           SET status = 'SENDING', claim_token = :token, claimed_until = :leaseEnd,
                               attempts = attempts + 1, last_attempt_at = :now
                         WHERE id = :id
                           AND ((status = 'PENDING' AND next_attempt_at <= :now)
                             OR (status = 'SENDING' AND claimed_until < :now))""")
                .bind("id", id)
                .bind("token", token)
                .bind("leaseEnd", Sql.utc(leaseEnd))
                .bind("now", Sql.utc(now))
                .execute());
        if (claimed == 0) {
            return Optional.empty();
        }
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT d.attempts, w.url, w.secret, w.active, w.deleted_at, a.*
                          FROM webhook_deliveries d
                          JOIN webhooks w ON w.id = d.webhook_id
                          JOIN action_feed a ON a.id = d.action_id
                         WHERE d.id = :id AND d.claim_token = :token""")
                .bind("id", id)
                .bind("token", token)
                .map((rs, ctx) -> new Claim(id, token, rs.getInt("attempts"), rs.getString("url"),
                        rs.getString("secret"), rs.getBoolean("active") && rs.getObject("deleted_at") == null,
                        feed.mapper().map(rs, ctx)))
                .findOne());
    }

    private void send(Claim claim) {
        if (!claim.endpointActive()) {
            finish(claim, "CANCELLED", null, "the webhook was deleted or deactivated", null, null);
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
            HttpRequest request = HttpRequest.newBuilder(URI.create(claim.url()))
                    .timeout(settings.requestTimeout())
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "ModDesk-Webhooks/1")
                    .header(WebhookSignature.HEADER, WebhookSignature.header(claim.secret(), timestamp, body))
                    .header(WebhookSignature.ACTION_ID_HEADER, Long.toString(claim.action().id()))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            statusCode = response.statusCode();
            if (statusCode >= 200 && statusCode < 300) {
                finish(claim, "DELIVERED", statusCode, null, null, clock.instant());
                return;
            }
            error = "HTTP " + statusCode + excerpt(response.body());
        } catch (HttpTimeoutException e) {
            error = "timed out: " + e.getMessage();
        } catch (IOException e) {
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted: the server was stopping";
        } catch (IllegalArgumentException e) {
            error = "invalid request: " + e.getMessage();
        }
        if (claim.attempts() >= settings.maxAttempts()) {
            LOG.warn("Webhook delivery {} of action {} to {} failed after {} attempts: {}", claim.deliveryId(),
                    claim.action().id(), claim.url(), claim.attempts(), error);
            finish(claim, "FAILED", statusCode, error, null, null);
        } else {
            Duration wait = settings.backoff(claim.attempts(), ThreadLocalRandom.current().nextDouble());
            LOG.debug("Webhook delivery {} attempt {} failed ({}); next in {}", claim.deliveryId(), claim.attempts(),
                    error, wait);
            finish(claim, "PENDING", statusCode, error, clock.instant().plus(wait), null);
        }
    }

    private void finish(Claim claim, String status, Integer statusCode, String error, Instant nextAttemptAt,
            Instant deliveredAt) {
        if ("PENDING".equals(status) && nextAttemptAt == null) {
            throw new IllegalArgumentException("a pending delivery needs its next attempt time");
        }
        int updated = jdbi.withHandle(handle -> handle.createUpdate("""
                        UPDATE webhook_deliveries
                           SET status = :status, claim_token = NULL, claimed_until = NULL,
                               next_attempt_at = :next, last_status_code = :code, last_error = :error,
                               delivered_at = :deliveredAt
                         WHERE id = :id AND claim_token = :token""")
                .bind("id", claim.deliveryId())
                .bind("token", claim.token())
                .bind("status", status)
                .bindByType("next", Sql.utc(nextAttemptAt), java.time.OffsetDateTime.class)
                .bindByType("code", statusCode, Integer.class)
                .bind("error", error == null ? null : truncate(error, MAX_ERROR_LENGTH))
                .bindByType("deliveredAt", Sql.utc(deliveredAt), java.time.OffsetDateTime.class)
                .execute());
        if (updated == 0) {
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

    private record Claim(long deliveryId, String token, int attempts, String url, String secret,
            boolean endpointActive, FeedAction action) {
    }
}
