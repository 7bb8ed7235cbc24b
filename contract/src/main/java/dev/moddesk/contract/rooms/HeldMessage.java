package dev.moddesk.contract.rooms;

import java.time.Instant;
import java.util.List;

/**
 * A message the platform withheld because it matched a HOLD term ({@code message.held}), waiting in the
 * held-for-review queue until staff release or deny it, or until {@code deadline}, when it is dropped. {@code hits}
 * are the matched words' ranges in {@code text} (hostile text: the platform's user wrote it).
 */
public record HeldMessage(long id, String room, String messageId, String userId, String nickname, String text,
                          List<ScreenHit> hits, Long listVersion, Instant heldAt, Instant deadline, HeldStatus status,
                          String decidedBy, Instant decidedAt) {
    public HeldMessage {
        hits = hits == null ? List.of() : List.copyOf(hits);
    }
}
