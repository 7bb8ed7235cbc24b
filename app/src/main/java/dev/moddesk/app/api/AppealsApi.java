package dev.moddesk.app.api;

import dev.moddesk.contract.rooms.Appeal;
import dev.moddesk.contract.rooms.AppealDecisionRequest;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The appeal queue ({@code /api/v1/appeals}, ops and admins): open appeals with their sanctions and evidence, and
 * uphold or lift one (Idempotency-Key).
 */
public class AppealsApi {
    private static final String BASE = "api/v1/appeals";

    private final ApiClient client;

    public AppealsApi(ApiClient client) {
        this.client = client;
    }

    public CompletableFuture<List<Appeal>> open() {
        return client.<List<Appeal>>exchange(client.request(client.url(BASE).build()).get().build(),
                client.listOf(Appeal.class)).thenApply(ApiClient.Reply::body);
    }

    /** {@code lift}: undo the sanction; else uphold it. Once per {@code idempotencyKey}. */
    public CompletableFuture<Appeal> decide(long id, boolean lift, String idempotencyKey, String note) {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        return client.<Appeal>exchange(client.request(client.url(BASE).addPathSegment(Long.toString(id))
                        .addPathSegment(lift ? "lift" : "uphold").build()).header("Idempotency-Key", idempotencyKey)
                        .post(client.json(new AppealDecisionRequest(note))).build(),
                client.type(Appeal.class)).thenApply(ApiClient.Reply::body);
    }
}
