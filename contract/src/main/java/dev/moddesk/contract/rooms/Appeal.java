package dev.moddesk.contract.rooms;

import java.time.Instant;
import java.util.List;

/**
 * A sanctioned user's appeal next to the sanction it appeals: {@code action} as staff took it (who, why, when,
 * {@code actionAt}) in {@code roomId} ({@code roomTitle}); {@code lifted} whether that sanction is undone by now;
 * {@code evidence} the room's and the user's last lines kept with the action. {@code status} OPEN, UPHELD or LIFTED;
 * once decided, who decided, when, the note and ({@code LIFTED}) the undo action's id.
 */
public record Appeal(long id, String appealId, String userId, String text, Instant receivedAt, String status,
                     String roomId, String roomTitle, ModerationAction action, Instant actionAt, boolean lifted,
                     List<EvidenceLine> roomLines, List<EvidenceLine> userLines, String note, String decidedBy,
                     Instant decidedAt, String undoActionId) {
    public Appeal {
        roomLines = roomLines == null ? List.of() : List.copyOf(roomLines);
        userLines = userLines == null ? List.of() : List.copyOf(userLines);
    }

    /** One chat line kept as evidence when the action was taken. */
    public record EvidenceLine(long seq, String at, String messageId, String userId, String nickname, String text) {
    }
}
