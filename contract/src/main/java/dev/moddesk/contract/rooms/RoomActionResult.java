package dev.moddesk.contract.rooms;

/**
 * What a room action did: the {@code action} event as appended to the room ({@code seq} its number there), and
 * {@code feedId} its entry on the platform's action feed. A replay with the same Idempotency-Key returns it unchanged.
 */
public record RoomActionResult(String room, long seq, long feedId, ModerationAction action) {
}
