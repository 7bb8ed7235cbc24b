package dev.moddesk.app.rooms;

import java.util.Objects;

/**
 * One chat message as a monitor keeps it. Kept small on purpose (a monitor buffers 100,000 of them): the author is a
 * shared {@link ChatUser}, the time is epoch milliseconds, state is one byte of flags, and highlights are packed into
 * one int array ({@link Marks}), null when the message has none.
 */
public final class ChatLine implements ChatRow {
    static final byte FLAGGED = 1;
    static final byte HELD = 2;

    private final long seq;
    private final long atMillis;
    private final ChatUser user;
    private final String text;
    private final int[] marks;
    private final byte flags;

    ChatLine(long seq, long atMillis, ChatUser user, String text, int[] marks, byte flags) {
        this.seq = seq;
        this.atMillis = atMillis;
        this.user = Objects.requireNonNull(user, "user");
        this.text = text == null ? "" : text;
        this.marks = marks;
        this.flags = flags;
    }

    @Override
    public long seq() {
        return seq;
    }

    public long atMillis() {
        return atMillis;
    }

    public ChatUser user() {
        return user;
    }

    public String text() {
        return text;
    }

    /** Whether the server's word screen flagged the message. */
    public boolean flagged() {
        return (flags & FLAGGED) != 0;
    }

    /** Whether the platform withheld the message for review. */
    public boolean held() {
        return (flags & HELD) != 0;
    }

    /** Whether a term of the personal watch list occurs. */
    public boolean watched() {
        return Marks.has(marks, Marks.WATCHED);
    }

    /** Packed highlight ranges, see {@link Marks}; null for none. Not copied: callers only read it. */
    int[] marks() {
        return marks;
    }

    @Override
    public String toString() {
        return "ChatLine[" + seq + " " + user.id() + ": " + text + "]";
    }
}
