package dev.moddesk.app.rooms;

import java.util.List;
import java.util.Objects;

/**
 * A user as one monitor knows them: their newest lines in this room (newest first), how many lines of theirs the
 * monitor holds and how many were flagged, and the mic seat they sit on (0: none).
 */
public record UserCard(ChatUser user, List<ChatLine> recent, int linesHeld, int flaggedHeld, int seat) {
    public static final int MAX_LINES = 50;

    public UserCard {
        Objects.requireNonNull(user, "user");
        recent = List.copyOf(recent);
    }

    /** Whether they sit on a mic seat ({@link #seat} its number, else 0). */
    public boolean onSeat() {
        return seat > 0;
    }
}
