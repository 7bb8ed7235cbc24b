package dev.moddesk.app.api;

import dev.moddesk.contract.rooms.HeldMessage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The held-for-review queue ({@code /api/v1/held-messages}, ops and admins): the messages still held, nearest
 * deadline first, and release or deny one (idempotent on the server).
 */
public class HeldMessagesApi {
    private static final String BASE = "api/v1/held-messages";

    private final ApiClient client;

    public HeldMessagesApi(ApiClient client) {
        this.client = client;
    }

    public CompletableFuture<List<HeldMessage>> held() {
        return client.<List<HeldMessage>>exchange(client.request(client.url(BASE).build()).get().build(),
                client.listOf(HeldMessage.class)).thenApply(ApiClient.Reply::body);
    }

    public CompletableFuture<HeldMessage> release(long id) {
        return decide(id, "release");
    }

    public CompletableFuture<HeldMessage> deny(long id) {
        return decide(id, "deny");
    }

    private CompletableFuture<HeldMessage> decide(long id, String decision) {
        return client.<HeldMessage>exchange(client.request(client.url(BASE).addPathSegment(Long.toString(id))
                        .addPathSegment(decision).build()).post(client.json(Map.of())).build(),
                client.type(HeldMessage.class)).thenApply(ApiClient.Reply::body);
    }
}
