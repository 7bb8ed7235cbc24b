package dev.moddesk.app.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moddesk.contract.FieldError;
import dev.moddesk.contract.ProblemType;
import dev.moddesk.contract.platform.CreatedPlatformKey;
import dev.moddesk.contract.platform.CreatedWebhook;
import dev.moddesk.contract.platform.DeliveryStatus;
import dev.moddesk.contract.platform.PlatformKey;
import dev.moddesk.contract.platform.PlatformStatus;
import dev.moddesk.contract.platform.RedeliveriesQueued;
import dev.moddesk.contract.platform.Webhook;
import dev.moddesk.contract.platform.WebhookDelivery;
import dev.moddesk.contract.platform.WebhookTestSent;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * The admin side of {@code /api/v1/platform} for {@link FakeModDeskServer}: keys, webhooks (a loopback, private or
 * link-local host is refused with a 422 naming url, as the real server does), deliveries with redelivery, status.
 */
public final class FakePlatformRoutes {
    private static final String BASE = "/api/v1/platform";

    private final FakeModDeskServer server;
    private final ObjectMapper json;
    private final AtomicLong ids = new AtomicLong(500);
    private final Map<Long, PlatformKey> keys = new ConcurrentHashMap<>();
    private final Map<Long, Webhook> webhooks = new ConcurrentHashMap<>();
    private final Map<Long, WebhookDelivery> deliveries = new ConcurrentHashMap<>();
    private volatile boolean failing;

    FakePlatformRoutes(FakeModDeskServer server, ObjectMapper json) {
        this.server = server;
        this.json = json;
    }

    /** While true, every platform route answers 500, as a server whose database is down would. */
    public void failing(boolean fail) {
        failing = fail;
    }

    /** An endpoint as an admin would have added it. */
    public Webhook addWebhook(String url) {
        Webhook w = new Webhook(ids.incrementAndGet(), url, true, Instant.parse("2026-11-24T08:00:00Z"));
        webhooks.put(w.id(), w);
        return w;
    }

    /** A delivery to {@code webhookId} that gave up after its last attempt. */
    public WebhookDelivery addFailedDelivery(long webhookId) {
        Instant at = Instant.parse("2026-11-24T09:10:00Z");
        WebhookDelivery d = new WebhookDelivery(ids.incrementAndGet(), webhookId, ids.incrementAndGet(),
                "application.approved", DeliveryStatus.FAILED, 15, 503, "HTTP 503: not now", at, null, null,
                at.minusSeconds(4200));
        deliveries.put(d.id(), d);
        return d;
    }

    public List<WebhookDelivery> deliveries(long webhookId) {
        return deliveries.values().stream().filter(d -> d.webhookId() == webhookId)
                .sorted(Comparator.comparingLong(WebhookDelivery::id).reversed()).toList();
    }

    MockResponse handle(RecordedRequest r, String path, String method) throws IOException {
        if (failing) {
            return server.problem(ProblemType.INTERNAL, "The database is down", List.of(), Map.of());
        }
        String[] parts = path.substring(BASE.length()).split("/");
        String area = parts.length > 1 ? parts[1] : "";
        return switch (area) {
            case "keys" -> keys(r, parts, method);
            case "webhooks" -> webhooks(r, parts, method);
            case "status" -> server.ok(200, status());
            default -> server.problem(ProblemType.NOT_FOUND, "No route " + path, List.of(), Map.of());
        };
    }

    private MockResponse keys(RecordedRequest r, String[] parts, String method) throws IOException {
        if (parts.length == 2 && method.equals("GET")) {
            return server.ok(200, keys.values().stream().sorted(Comparator.comparingLong(PlatformKey::id)).toList());
        }
        if (parts.length == 2 && method.equals("POST")) {
            String name = json.readTree(r.getBody().utf8()).path("name").asText("");
            if (name.isBlank()) {
                return server.problem(ProblemType.VALIDATION, "name: must be 1 to 100 characters",
                        List.of(new FieldError("name", "must be 1 to 100 characters")), Map.of());
            }
            long id = ids.incrementAndGet();
            String key = "mdk_Fake" + id + "SecretPart";
            PlatformKey info = new PlatformKey(id, name, key.substring(0, 12), Instant.now(), null, null);
            keys.put(id, info);
            return server.ok(201, new CreatedPlatformKey(info, key));
        }
        PlatformKey key = keys.get(Long.parseLong(parts[2]));
        if (key == null) {
            return server.problem(ProblemType.NOT_FOUND, "No platform key " + parts[2], List.of(), Map.of());
        }
        keys.put(key.id(), new PlatformKey(key.id(), key.name(), key.prefix(), key.createdAt(), key.lastUsedAt(),
                Instant.now()));
        return new MockResponse.Builder().code(204).build();
    }

    private MockResponse webhooks(RecordedRequest r, String[] parts, String method) throws IOException {
        if (parts.length == 2 && method.equals("GET")) {
            return server.ok(200, webhooks.values().stream().sorted(Comparator.comparingLong(Webhook::id)).toList());
        }
        if (parts.length == 2 && method.equals("POST")) {
            JsonNode body = json.readTree(r.getBody().utf8());
            String url = body.path("url").asText("");
            String host = url.contains("://") ? URI.create(url).getHost() : null;
            if (host == null) {
                return server.problem(ProblemType.VALIDATION, "url: url must be an absolute http or https URL",
                        List.of(new FieldError("url", "url must be an absolute http or https URL")), Map.of());
            }
            if (host.equals("localhost") || host.startsWith("127.") || host.startsWith("10.") || host.startsWith("169.254.")) {
                String detail = "url: the host " + host + " has the address " + host
                        + " (loopback); webhooks go to public addresses only";
                return server.problem(ProblemType.VALIDATION, detail, List.of(new FieldError("url", detail)), Map.of());
            }
            Webhook w = new Webhook(ids.incrementAndGet(), url, true, Instant.now());
            webhooks.put(w.id(), w);
            return server.ok(201, new CreatedWebhook(w, "whsec_fake" + w.id()));
        }
        long id = Long.parseLong(parts[2]);
        Webhook w = webhooks.get(id);
        if (w == null) {
            return server.problem(ProblemType.NOT_FOUND, "There is no webhook endpoint " + id, List.of(), Map.of());
        }
        String tail = String.join("/", List.of(parts).subList(3, parts.length));
        if (tail.isEmpty() && method.equals("DELETE")) {
            webhooks.remove(id);
            return new MockResponse.Builder().code(204).build();
        }
        if (tail.equals("test")) {
            long action = ids.incrementAndGet();
            WebhookDelivery d = new WebhookDelivery(ids.incrementAndGet(), id, action, "platform.test",
                    DeliveryStatus.PENDING, 0, null, null, null, Instant.now(), null, Instant.now());
            deliveries.put(d.id(), d);
            return server.ok(202, new WebhookTestSent(action));
        }
        if (tail.equals("deliveries")) {
            return server.ok(200, deliveries(id));
        }
        if (tail.equals("deliveries/redeliver-failed")) {
            List<WebhookDelivery> failed = new ArrayList<>(deliveries(id).stream()
                    .filter(d -> d.status() == DeliveryStatus.FAILED).toList());
            failed.forEach(d -> deliveries.put(d.id(), queued(d)));
            return server.ok(202, new RedeliveriesQueued(failed.size()));
        }
        if (parts.length == 6 && parts[5].equals("redeliver")) {
            WebhookDelivery d = deliveries.get(Long.parseLong(parts[4]));
            if (d == null || d.webhookId() != id) {
                return server.problem(ProblemType.NOT_FOUND, "No delivery " + parts[4], List.of(), Map.of());
            }
            if (d.status() != DeliveryStatus.FAILED) {
                return server.problem(ProblemType.CONFLICT, "Only a failed delivery can be sent again; delivery "
                        + d.id() + " is " + d.status(), List.of(), Map.of());
            }
            deliveries.put(d.id(), queued(d));
            return server.ok(202, deliveries.get(d.id()));
        }
        return server.problem(ProblemType.NOT_FOUND, "No route", List.of(), Map.of());
    }

    private static WebhookDelivery queued(WebhookDelivery d) {
        return new WebhookDelivery(d.id(), d.webhookId(), d.actionId(), d.actionType(), DeliveryStatus.PENDING, 0,
                d.lastStatusCode(), d.lastError(), d.lastAttemptAt(), Instant.now(), null, d.createdAt());
    }

    private PlatformStatus status() {
        long failed = deliveries.values().stream().filter(d -> d.status() == DeliveryStatus.FAILED).count();
        long pending = deliveries.values().stream().filter(d -> d.status() == DeliveryStatus.PENDING).count();
        return new PlatformStatus(keys.values().stream().filter(k -> k.revokedAt() == null).count(), 1234, 87, 4182,
                webhooks.size(), pending, failed, List.of("application.submitted", "application.withdrawn",
                "circle.upserted", "user.upserted"), 12, 3, Instant.parse("2026-11-24T07:00:00Z"));
    }
}
