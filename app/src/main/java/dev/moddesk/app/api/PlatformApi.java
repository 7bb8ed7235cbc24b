package dev.moddesk.app.api;

import com.fasterxml.jackson.databind.JavaType;
import dev.moddesk.contract.platform.CreatePlatformKeyRequest;
import dev.moddesk.contract.platform.CreateWebhookRequest;
import dev.moddesk.contract.platform.CreatedPlatformKey;
import dev.moddesk.contract.platform.CreatedWebhook;
import dev.moddesk.contract.platform.PlatformKey;
import dev.moddesk.contract.platform.PlatformStatus;
import dev.moddesk.contract.platform.RedeliveriesQueued;
import dev.moddesk.contract.platform.Webhook;
import dev.moddesk.contract.platform.WebhookDelivery;
import dev.moddesk.contract.platform.WebhookTestSent;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import okhttp3.Request;

/**
 * The admins' side of the platform integration ({@code /api/v1/platform/keys|webhooks|status}) on top of the session's
 * {@link ApiClient}. The platform's own routes (ingest, action feed) take a service key and are not the console's.
 */
public class PlatformApi {
    private static final String BASE = "api/v1/platform";

    private final ApiClient client;

    public PlatformApi(ApiClient client) {
        this.client = client;
    }

    public CompletableFuture<List<PlatformKey>> keys() {
        return get(BASE + "/keys", client.listOf(PlatformKey.class));
    }

    public CompletableFuture<CreatedPlatformKey> createKey(String name) {
        return post(BASE + "/keys", new CreatePlatformKeyRequest(name), client.type(CreatedPlatformKey.class));
    }

    public CompletableFuture<Void> revokeKey(long id) {
        return send(client.request(client.url(BASE + "/keys/" + id).build()).delete().build(), null);
    }

    public CompletableFuture<List<Webhook>> webhooks() {
        return get(BASE + "/webhooks", client.listOf(Webhook.class));
    }

    public CompletableFuture<CreatedWebhook> createWebhook(String url) {
        return post(BASE + "/webhooks", new CreateWebhookRequest(url, true), client.type(CreatedWebhook.class));
    }

    public CompletableFuture<Void> deleteWebhook(long id) {
        return send(client.request(client.url(BASE + "/webhooks/" + id).build()).delete().build(), null);
    }

    public CompletableFuture<WebhookTestSent> testWebhook(long id) {
        return post(BASE + "/webhooks/" + id + "/test", Map.of(), client.type(WebhookTestSent.class));
    }

    /** The endpoint's most recent deliveries, newest first. */
    public CompletableFuture<List<WebhookDelivery>> deliveries(long webhookId, int limit) {
        Request request = client.request(client.url(BASE + "/webhooks/" + webhookId + "/deliveries")
                .addQueryParameter("limit", Integer.toString(limit)).build()).get().build();
        return send(request, client.listOf(WebhookDelivery.class));
    }

    public CompletableFuture<WebhookDelivery> redeliver(long webhookId, long deliveryId) {
        return post(BASE + "/webhooks/" + webhookId + "/deliveries/" + deliveryId + "/redeliver", Map.of(),
                client.type(WebhookDelivery.class));
    }

    public CompletableFuture<RedeliveriesQueued> redeliverFailed(long webhookId) {
        return post(BASE + "/webhooks/" + webhookId + "/deliveries/redeliver-failed", Map.of(),
                client.type(RedeliveriesQueued.class));
    }

    public CompletableFuture<PlatformStatus> status() {
        return get(BASE + "/status", client.type(PlatformStatus.class));
    }

    private <T> CompletableFuture<T> get(String path, JavaType type) {
        return send(client.request(client.url(path).build()).get().build(), type);
    }

    private <T> CompletableFuture<T> post(String path, Object body, JavaType type) {
        return send(client.request(client.url(path).build()).post(client.json(body)).build(), type);
    }

    private <T> CompletableFuture<T> send(Request request, JavaType type) {
        return client.<T>exchange(request, type).thenApply(ApiClient.Reply::body);
    }
}
