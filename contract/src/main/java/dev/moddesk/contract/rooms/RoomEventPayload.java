package dev.moddesk.contract.rooms;

/**
 * What a {@link RoomEvent} carries; one record per {@link RoomEventType}. Sealed so a switch over payloads is checked;
 * a new event type adds a record here, a constant to {@link RoomEventType} and a name to {@link RoomEvent}'s list.
 */
public sealed interface RoomEventPayload
        permits RoomMessage, RoomJoin, RoomLeave, SeatChange, SongChange, SourceChange, ModerationAction,
        SlowModeChange, RoomClosed, RoomHeld {
}
