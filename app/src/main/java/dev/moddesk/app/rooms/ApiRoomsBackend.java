package dev.moddesk.app.rooms;

import dev.moddesk.app.api.RoomsApi;
import dev.moddesk.contract.rooms.RoomActionRequest;
import dev.moddesk.contract.rooms.RoomActionResult;
import dev.moddesk.contract.rooms.RoomDetail;
import dev.moddesk.contract.rooms.RoomEventPage;
import dev.moddesk.contract.rooms.RoomSummary;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/** The console's {@link RoomsBackend}: the session's {@link RoomsApi}. */
record ApiRoomsBackend(RoomsApi api) implements RoomsBackend {
    ApiRoomsBackend {
        Objects.requireNonNull(api, "api");
    }

    @Override
    public CompletableFuture<List<RoomSummary>> rooms() {
        return api.rooms();
    }

    @Override
    public CompletableFuture<RoomDetail> room(String roomId) {
        return api.room(roomId);
    }

    @Override
    public CompletableFuture<RoomEventPage> events(String roomId, long after, int limit) {
        return api.events(roomId, after, limit);
    }

    @Override
    public CompletableFuture<RoomActionResult> act(String roomId, String idempotencyKey, RoomActionRequest action) {
        return api.act(roomId, idempotencyKey, action);
    }
}
