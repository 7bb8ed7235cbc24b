package dev.moddesk.contract.rooms;

import java.util.List;

/**
 * A chat line ({@code message}). {@code messageId} is the platform's id; {@code flagged} when the word screen matched,
 * {@code hits} the ranges to highlight. Everything but the flags comes from the platform's users: hostile text.
 */
public record RoomMessage(String messageId, String userId, String nickname, String text, boolean flagged,
                          List<ScreenHit> hits) implements RoomEventPayload {
    public RoomMessage {
        hits = hits == null ? List.of() : List.copyOf(hits);
    }
}
