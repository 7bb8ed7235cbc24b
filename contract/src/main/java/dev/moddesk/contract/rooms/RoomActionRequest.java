package dev.moddesk.contract.rooms;

import java.util.Map;

/**
 * Staff's request to act in a room ({@code POST /api/v1/rooms/{room}/actions}, with an {@code Idempotency-Key}).
 * {@code action} is a {@code RoomActionKind} wire name (e.g. {@code user.mute}); {@code targetId} the message, user,
 * seat or song it acts on (ignored for room-wide actions and for undos, which act on what {@code undoes} acted on);
 * {@code params} the action's details (e.g. {@code minutes}); {@code undoes} the action id an undo reverses.
 */
public record RoomActionRequest(String action, String targetId, String reason, Map<String, String> params,
                                String undoes) {
    public RoomActionRequest {
        params = params == null ? Map.of() : Map.copyOf(params);
    }
}
