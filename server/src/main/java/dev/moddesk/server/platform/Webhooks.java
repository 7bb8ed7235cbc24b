package dev.moddesk.server.platform;

import dev.moddesk.contract.ProblemType;
import dev.moddesk.contract.platform.CreatedWebhook;
import dev.moddesk.contract.platform.Webhook;
import dev.moddesk.contract.platform.WebhookDelivery;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Webhook endpoints: each active one receives every action published after it was created. */
public final class Webhooks {

    public static final String TEST_ACTION = "platform.test";
    static final String SECRET_PREFIX = "whsec_";

    private final ActionFeed feed;
    private final Clock clock;
    private final WebhookTargets targets;
    private final PlatformStore store = new PlatformStore();

    Webhooks(ActionFeed feed, Clock clock, WebhookTargets targets) {
        this.feed = feed;
        this.clock = clock;
        this.targets = targets;
    }

    /**
     * Creates an endpoint with a fresh signing secret; the answer is the only place the secret appears. A malformed
     * URL is a keyed 422 ({@code ProblemException.invalid}); one the server may not send to, a {@link WebhookUrlRefused}.
     */
    public CreatedWebhook create(Handle handle, String url, boolean active, Long createdBy) {
        URI uri = targets.check(url);
        String secret = KeyMaterial.generate(SECRET_PREFIX);
        long id = store.insertWebhook(handle, uri.toString(), secret, active, clock.instant(), createdBy);
        return new CreatedWebhook(find(handle, id).orElseThrow(), secret);
    }

    public List<Webhook> list(Handle handle) {
        return store.webhooks(handle);
    }

    public Optional<Webhook> find(Handle handle, long id) {
        return store.webhook(handle, id);
    }

    /** Deletes the endpoint and cancels what it has not received yet. Empty when there is no such endpoint. */
    public Optional<Webhook> delete(Handle handle, long id) {
        Optional<Webhook> webhook = find(handle, id);
        if (webhook.isPresent()) {
            store.deleteWebhook(handle, id, clock.instant());
        }
        return webhook;
    }

    /** Sends a {@value #TEST_ACTION} action to this endpoint only; returns the action id. */
    public Optional<Long> sendTest(Handle handle, long id) {
        return find(handle, id).map(webhook -> feed.publishTo(handle, id, TEST_ACTION, "webhook", Long.toString(id),
                Map.of("webhookId", id, "message", "ModDesk webhook test")));
    }

    /**
     * Sends one FAILED delivery of the endpoint again, from a fresh retry schedule; answers it as now queued. A
     * delivery that is not FAILED is a 409 (it is queued, in flight, delivered or cancelled already).
     */
    public WebhookDelivery redeliver(Handle handle, long webhookId, long deliveryId) {
        requireActive(handle, webhookId);
        WebhookDelivery delivery = store.delivery(handle, webhookId, deliveryId).orElseThrow(() ->
                PlatformProblem.of(ProblemType.NOT_FOUND, "platform.deliveryNotFound", webhookId, deliveryId));
        if (store.redeliverFailed(handle, webhookId, deliveryId, clock.instant()) == 0) {
            throw PlatformProblem.of(ProblemType.CONFLICT, "platform.deliveryNotFailed", deliveryId,
                    delivery.status().name());
        }
        return store.delivery(handle, webhookId, deliveryId).orElseThrow();
    }

    /** Sends every FAILED delivery of the endpoint again; returns how many (0 when none had failed). */
    public int redeliverFailed(Handle handle, long webhookId) {
        requireActive(handle, webhookId);
        return store.redeliverFailed(handle, webhookId, null, clock.instant());
    }

    // A deleted endpoint has no secret in use any more, and a paused one receives nothing: both would only cancel.
    private void requireActive(Handle handle, long webhookId) {
        Webhook webhook = find(handle, webhookId).orElseThrow(() ->
                PlatformProblem.of(ProblemType.NOT_FOUND, "platform.webhookNotFound", webhookId));
        if (!webhook.active()) {
            throw PlatformProblem.of(ProblemType.CONFLICT, "platform.webhookInactive", webhookId);
        }
    }

    /** The endpoint's most recent deliveries, newest first. */
    public List<WebhookDelivery> deliveries(Handle handle, long webhookId, int limit) {
        return store.deliveries(handle, webhookId, Math.clamp(limit, 1, 500));
    }
}
