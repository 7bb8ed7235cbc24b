package dev.moddesk.app.rooms;

import java.util.List;
import java.util.Objects;

/**
 * A user as one monitor knows them: their newest lines in this room (newest first), how many lines of theirs the
 * monitor holds and how many were flagged, and whether they sit on a mic seat. Actions come with the action bar.
 */
public record UserCard(ChatUser user, List<ChatLine> recent, int linesHeld, int flaggedHeld, boolean onSeat) {
    public static final int MAX_LINES = 50;

    public UserCard {
        Objects.requireNonNull(user, "user");
        recent = List.copyOf(recent);
    }
}
