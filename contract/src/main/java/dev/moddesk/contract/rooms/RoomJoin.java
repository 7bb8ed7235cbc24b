package dev.moddesk.contract.rooms;

/** Someone entered the room ({@code join}); {@code audience} is the room's audience after it. */
public record RoomJoin(String userId, String nickname, int audience) implements RoomEventPayload {
}
