package dev.moddesk.app.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.moddesk.contract.lifecycle.AccessRequest;
import dev.moddesk.contract.lifecycle.ErasureReport;
import dev.moddesk.contract.lifecycle.ErasureRequest;
import dev.moddesk.contract.lifecycle.RetentionPolicy;
import java.util.concurrent.CompletableFuture;
import okhttp3.Request;

/** The data lifecycle routes ({@code /api/v1/lifecycle/...}, admins) on top of the session's {@link ApiClient}. */
public class LifecycleApi {
    private static final String BASE = "api/v1/lifecycle";

    private final ApiClient client;

    public LifecycleApi(ApiClient client) {
        this.client = client;
    }

    /** How long each kind of data is kept (read-only; set by server options). */
    public CompletableFuture<RetentionPolicy> retention() {
        return send(client.request(client.url(BASE + "/retention").build()).get().build(),
                client.type(RetentionPolicy.class));
    }

    /** Erases the user everywhere; answers what was removed (audited on the server). */
    public CompletableFuture<ErasureReport> erase(String userId, String reason) {
        return send(client.request(client.url(BASE + "/erasures").build())
                .post(client.json(new ErasureRequest(userId, reason))).build(), client.type(ErasureReport.class));
    }

    /** Everything the server holds about the user, as one JSON document (audited on the server). */
    public CompletableFuture<JsonNode> export(String userId) {
        return send(client.request(client.url(BASE + "/exports").build())
                .post(client.json(new AccessRequest(userId))).build(), client.type(JsonNode.class));
    }

    private <T> CompletableFuture<T> send(Request request, com.fasterxml.jackson.databind.JavaType type) {
        return client.<T>exchange(request, type).thenApply(ApiClient.Reply::body);
    }
}
