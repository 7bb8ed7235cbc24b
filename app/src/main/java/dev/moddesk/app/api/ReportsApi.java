package dev.moddesk.app.api;

import dev.moddesk.contract.rooms.ReportDecision;
import dev.moddesk.contract.rooms.ReportDismissRequest;
import dev.moddesk.contract.rooms.ReportGroup;
import dev.moddesk.contract.rooms.ReportReason;
import dev.moddesk.contract.rooms.ReportTarget;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The user report queue ({@code /api/v1/reports}, ops and admins): open reports grouped per target, and dismissing
 * a group with a reason (Idempotency-Key). Resolving is a room action ({@link RoomsApi#act}).
 */
public class ReportsApi {
    private static final String BASE = "api/v1/reports";

    private final ApiClient client;

    public ReportsApi(ApiClient client) {
        this.client = client;
    }

    /** Open report groups, the most reported first; null filters are off. */
    public CompletableFuture<List<ReportGroup>> open(String roomId, ReportReason reason, ReportTarget target) {
        var url = client.url(BASE);
        if (roomId != null && !roomId.isBlank()) {
            url.addQueryParameter("room", roomId.strip());
        }
        if (reason != null) {
            url.addQueryParameter("reason", reason.name());
        }
        if (target != null) {
            url.addQueryParameter("target", target.name());
        }
        return client.<List<ReportGroup>>exchange(client.request(url.build()).get().build(),
                client.listOf(ReportGroup.class)).thenApply(ApiClient.Reply::body);
    }

    /** Dismisses a group's open reports, once per {@code idempotencyKey} (a retry sends the same key). */
    public CompletableFuture<ReportDecision> dismiss(String idempotencyKey, ReportDismissRequest request) {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        return client.<ReportDecision>exchange(client.request(client.url(BASE).addPathSegment("dismiss").build())
                        .header("Idempotency-Key", idempotencyKey).post(client.json(request)).build(),
                client.type(ReportDecision.class)).thenApply(ApiClient.Reply::body);
    }
}
