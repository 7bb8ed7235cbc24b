package dev.moddesk.contract.rooms;

import java.time.Instant;
import java.util.List;

/**
 * The platform withheld a chat line for review ({@code held}): the held-for-review queue's {@code heldId}, the
 * platform's {@code messageId}, its author, its text with the matched words' {@code hits}, and the {@code deadline}
 * after which it is dropped unless staff decide. Its release, denial or drop follows as the room's {@code action}
 * ({@code message.release|deny|drop}, {@code params.heldId}). Everything but the ids and times is hostile text.
 */
public record RoomHeld(long heldId, String messageId, String userId, String nickname, String text,
                       List<ScreenHit> hits, Instant deadline) implements RoomEventPayload {
    public RoomHeld {
        hits = hits == null ? List.of() : List.copyOf(hits);
    }
}
