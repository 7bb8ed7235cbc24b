package dev.moddesk.contract.rooms;

/** A mic seat changed ({@code seat}): someone took it or left it, it was muted, unmuted, locked or unlocked. */
public record SeatChange(Seat seat) implements RoomEventPayload {
}
