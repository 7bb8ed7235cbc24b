package dev.moddesk.app.api;

import dev.moddesk.contract.rooms.RoomActionRequest;
import dev.moddesk.contract.rooms.RoomActionResult;
import dev.moddesk.contract.rooms.RoomDetail;
import dev.moddesk.contract.rooms.RoomEventPage;
import dev.moddesk.contract.rooms.RoomSummary;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The live-rooms routes ({@code /api/v1/rooms/...}, ops and admins) on top of the session's {@link ApiClient}: the
 * wall's list, a room's detail, its events after a sequence number (backfill) and staff actions. The stream is
 * {@link dev.moddesk.app.api.stream.RoomEventStream}.
 */
public class RoomsApi {
    private static final String BASE = "api/v1/rooms";

    private final ApiClient client;

    public RoomsApi(ApiClient client) {
        this.client = client;
    }

    public CompletableFuture<List<RoomSummary>> rooms() {
        return client.<List<RoomSummary>>exchange(client.request(client.url(BASE).build()).get().build(),
                client.listOf(RoomSummary.class)).thenApply(ApiClient.Reply::body);
    }

    public CompletableFuture<RoomDetail> room(String roomId) {
        return client.<RoomDetail>exchange(client.request(client.url(BASE).addPathSegment(roomId).build()).get().build(),
                client.type(RoomDetail.class)).thenApply(ApiClient.Reply::body);
    }

    /** Events after {@code after} (at most {@code limit}) that the server still has, and the ranges it lost. */
    public CompletableFuture<RoomEventPage> events(String roomId, long after, int limit) {
        return client.<RoomEventPage>exchange(client.request(client.url(BASE).addPathSegment(roomId)
                        .addPathSegment("events").addQueryParameter("after", Long.toString(after))
                        .addQueryParameter("limit", Integer.toString(limit)).build()).get().build(),
                client.type(RoomEventPage.class)).thenApply(ApiClient.Reply::body);
    }

    /**
     * Acts in a room ({@code POST /rooms/{room}/actions}). {@code idempotencyKey} names the person's one intent: a retry
     * of the same intent sends the same key and gets the stored result, never a second action.
     */
    public CompletableFuture<RoomActionResult> act(String roomId, String idempotencyKey, RoomActionRequest action) {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        return client.<RoomActionResult>exchange(client.request(client.url(BASE).addPathSegment(roomId)
                        .addPathSegment("actions").build()).header("Idempotency-Key", idempotencyKey)
                        .post(client.json(action)).build(),
                client.type(RoomActionResult.class)).thenApply(ApiClient.Reply::body);
    }
}
