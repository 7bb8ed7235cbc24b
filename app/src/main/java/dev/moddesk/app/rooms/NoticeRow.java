package dev.moddesk.app.rooms;

import java.util.List;
import java.util.Objects;

/**
 * A room event shown between the messages: a join, a leave, a seat or song change, a moderation action. {@code key}
 * is a message key ({@code rooms.notice.*}) filled with {@code args} in the UI language when the row is drawn.
 */
public record NoticeRow(long seq, long atMillis, String key, List<String> args) implements ChatRow {
    public NoticeRow {
        Objects.requireNonNull(key, "key");
        args = List.copyOf(args);
    }
}
