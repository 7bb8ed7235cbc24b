package dev.moddesk.app.rooms;

import dev.moddesk.contract.rooms.ModerationAction;
import dev.moddesk.contract.rooms.RoomActionRequest;
import dev.moddesk.contract.rooms.RoomActionResult;
import dev.moddesk.contract.rooms.RoomDetail;
import dev.moddesk.contract.rooms.RoomEvent;
import dev.moddesk.contract.rooms.RoomEventPage;
import dev.moddesk.contract.rooms.RoomStream;
import dev.moddesk.contract.rooms.RoomSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The REST side as tests set it up: the wall's rooms, each room's detail, and the events the "server" still has per
 * room (backfill pages are cut like the real route's: after, limit, nextAfter).
 */
final class FakeRoomsBackend implements RoomsBackend {
    final List<RoomSummary> rooms = new CopyOnWriteArrayList<>();
    final Map<String, RoomDetail> details = new ConcurrentHashMap<>();
    final Map<String, List<RoomEvent>> kept = new ConcurrentHashMap<>();
    final List<String> eventCalls = new CopyOnWriteArrayList<>();
    volatile boolean failEvents;
    /** Every action request as sent: its Idempotency-Key and body. */
    final List<Map.Entry<String, RoomActionRequest>> acted = new CopyOnWriteArrayList<>();
    /** When set, the next action answers with this failure (then it is cleared). */
    volatile Throwable failNextAction;
    /** The answer per key (a replay with the same key gets the same action id, as the server does). */
    private final Map<String, RoomActionResult> answered = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong actionIds = new java.util.concurrent.atomic.AtomicLong(100);

    @Override
    public CompletableFuture<List<RoomSummary>> rooms() {
        return CompletableFuture.completedFuture(List.copyOf(rooms));
    }

    @Override
    public CompletableFuture<RoomDetail> room(String roomId) {
        RoomDetail d = details.get(roomId);
        return d == null ? CompletableFuture.failedFuture(new IllegalStateException("no room " + roomId))
                : CompletableFuture.completedFuture(d);
    }

    @Override
    public CompletableFuture<RoomEventPage> events(String roomId, long after, int limit) {
        eventCalls.add(roomId + ":" + after);
        if (failEvents) {
            return CompletableFuture.failedFuture(new java.io.IOException("connection reset"));
        }
        List<RoomEvent> all = kept.getOrDefault(roomId, List.of());
        List<RoomEvent> page = new ArrayList<>();
        for (RoomEvent e : all) {
            if (e.seq() > after && page.size() < limit) {
                page.add(e);
            }
        }
        long last = all.isEmpty() ? after : all.getLast().seq();
        Long next = page.size() == limit ? page.getLast().seq() : null;
        return CompletableFuture.completedFuture(new RoomEventPage(page, List.<RoomStream.Gap>of(), next, last));
    }

    @Override
    public CompletableFuture<RoomActionResult> act(String roomId, String idempotencyKey, RoomActionRequest action) {
        acted.add(Map.entry(idempotencyKey, action));
        Throwable fail = failNextAction;
        if (fail != null) {
            failNextAction = null;
            return CompletableFuture.failedFuture(fail);
        }
        return CompletableFuture.completedFuture(answered.computeIfAbsent(idempotencyKey, k -> {
            long id = actionIds.incrementAndGet();
            return new RoomActionResult(roomId, id, id, new ModerationAction(Long.toString(id), action.action(),
                    "user", action.targetId(), action.reason(), "7", "ops", action.params(), action.undoes()));
        }));
    }
}
