package dev.moddesk.app.rooms;

import dev.moddesk.app.api.RoomsApi;
import dev.moddesk.contract.rooms.RoomActionRequest;
import dev.moddesk.contract.rooms.RoomActionResult;
import dev.moddesk.contract.rooms.RoomDetail;
import dev.moddesk.contract.rooms.RoomEventPage;
import dev.moddesk.contract.rooms.RoomSummary;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The REST side of live rooms as the feature needs it (the session's {@code RoomsApi}; a fake in tests). */
public interface RoomsBackend {

    /** The live rooms (the wall before the first summaries frame). */
    CompletableFuture<List<RoomSummary>> rooms();

    /** A room's detail: seats, song queue, source, recent messages, newest sequence number. */
    CompletableFuture<RoomDetail> room(String roomId);

    /** Events after {@code after}, at most {@code limit}, and the ranges lost for good (backfill). */
    CompletableFuture<RoomEventPage> events(String roomId, long after, int limit);

    /** Takes a staff action in the room, once per {@code idempotencyKey} (a retry sends the same key). */
    CompletableFuture<RoomActionResult> act(String roomId, String idempotencyKey, RoomActionRequest action);

    /** The console's: the session's rooms routes. */
    static RoomsBackend of(RoomsApi api) {
        return new ApiRoomsBackend(api);
    }
}
