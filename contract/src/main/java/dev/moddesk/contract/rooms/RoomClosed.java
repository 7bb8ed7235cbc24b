package dev.moddesk.contract.rooms;

/**
 * The room is over ({@code closed}): {@code status} ENDED (its host or the platform ended it) or CLOSED (staff closed
 * it, {@code closedBy} the staff id, with {@code reason}). The last event of the room's sequence unless reopened.
 */
public record RoomClosed(RoomStatus status, String reason, String closedBy) implements RoomEventPayload {
}
