package dev.moddesk.contract.rooms;

import java.util.Map;

/**
 * Staff acted in the room ({@code action}). {@code action} names it (e.g. {@code message.delete}, {@code user.mute},
 * {@code seat.lock}, and their undo forms); {@code targetType}/{@code targetId} what it acted on (a message, user,
 * seat or song id); {@code params} its details as strings (e.g. {@code minutes}); {@code undoes} the action id it
 * reverses, else null.
 */
public record ModerationAction(String actionId, String action, String targetType, String targetId, String reason,
                               String staffId, String staffName, Map<String, String> params, String undoes)
        implements RoomEventPayload {
    public ModerationAction {
        params = params == null ? Map.of() : Map.copyOf(params);
    }
}
