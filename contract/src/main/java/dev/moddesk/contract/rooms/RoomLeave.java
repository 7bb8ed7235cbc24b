package dev.moddesk.contract.rooms;

/** Someone left the room ({@code leave}); {@code audience} is the room's audience after it. */
public record RoomLeave(String userId, String nickname, int audience) implements RoomEventPayload {
}
