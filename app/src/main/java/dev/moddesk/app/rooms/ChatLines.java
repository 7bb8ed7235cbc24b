package dev.moddesk.app.rooms;

import dev.moddesk.screening.ScreenHit;
import dev.moddesk.screening.WordScreen;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds the {@link ChatLine}s of one monitor from decoded messages: makes hostile text safe to draw on one fixed-height
 * row, shares one {@link ChatUser} per author, marks the server's screen hits and runs the personal watch list (the
 * shared {@code screening} matcher) over the text. FX thread only (the user table is not synchronized).
 */
public final class ChatLines {
    /** Longer messages are cut for display; the platform's own limit is far below this. */
    static final int MAX_TEXT = 1000;
    static final int MAX_NAME = 64;
    private static final int MAX_USERS = 50_000;

    private final WordScreen watchList;
    private final Map<String, ChatUser> users = new HashMap<>();

    public ChatLines(WordScreen watchList) {
        this.watchList = Objects.requireNonNull(watchList, "watchList");
    }

    /**
     * One message. {@code screened} are the server's hits as [start, end) offsets into {@code text}; they are checked
     * against the text, never trusted.
     */
    public ChatLine message(long seq, long atMillis, String userId, String userName, String text, boolean flagged,
                            boolean held, List<Marks.Mark> screened) {
        String shown = oneLine(text == null ? "" : text, MAX_TEXT);
        List<Marks.Mark> marks = new ArrayList<>(screened == null ? 0 : screened.size() + 1);
        if (screened != null) {
            marks.addAll(screened);
        }
        if (watchList.termCount() > 0) {
            for (ScreenHit hit : watchList.find(shown)) {
                marks.add(new Marks.Mark(hit.start(), hit.end(), Marks.WATCHED));
            }
        }
        byte flags = (byte) ((flagged ? ChatLine.FLAGGED : 0) | (held ? ChatLine.HELD : 0));
        return new ChatLine(seq, atMillis, user(userId, userName), shown, Marks.pack(shown, marks), flags);
    }

    /** The shared author record; the table is emptied when it grows past 50,000 authors (lines keep theirs). */
    public ChatUser user(String id, String name) {
        String safeId = oneLine(id == null ? "?" : id, MAX_NAME);
        String safeName = name == null ? null : oneLine(name, MAX_NAME);
        ChatUser known = users.get(safeId);
        if (known != null && Objects.equals(known.name(), safeName == null ? safeId : safeName)) {
            return known;
        }
        if (users.size() >= MAX_USERS) {
            users.clear();
        }
        ChatUser made = new ChatUser(safeId, safeName);
        users.put(safeId, made);
        return made;
    }

    /**
     * The text as one drawable line: line breaks, tabs and other control characters become spaces, and bidirectional
     * overrides (which would let a user draw someone else's words backwards) become U+FFFD, one char for one char so
     * every offset stays right; cut at {@code max} chars, never inside a surrogate pair.
     */
    static String oneLine(String text, int max) {
        int length = text.length();
        if (length > max) {
            length = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        }
        char[] out = null;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            char replacement = c < 0x20 || (c >= 0x7f && c <= 0x9f) ? ' ' : isBidiControl(c) ? '\uFFFD' : c;
            if (replacement != c) {
                if (out == null) {
                    out = text.substring(0, length).toCharArray();
                }
                out[i] = replacement;
            }
        }
        if (out != null) {
            return new String(out);
        }
        return length == text.length() ? text : text.substring(0, length);
    }

    private static boolean isBidiControl(char c) {
        return c == '\u200e' || c == '\u200f' || c == '\u061c' || (c >= '\u202a' && c <= '\u202e')
                || (c >= '\u2066' && c <= '\u2069');
    }
}
