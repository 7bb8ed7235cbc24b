package dev.moddesk.app.rooms;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Highlight ranges of a chat line, packed as {@code [start, end, kind]} triples in one int array (UTF-16 offsets into
 * the line's text, {@code end} exclusive). Offsets come from outside (the server's screen hits) or from the console's
 * watch-list matcher; both are clamped to the text and widened so they never split a surrogate pair: a styled letter
 * such as 𝓥 is one highlighted character, never half of one.
 */
public final class Marks {
    /** A term of the server's word list (AutoMod). */
    public static final int SCREENED = 1;
    /** A term of the moderator's personal watch list. */
    public static final int WATCHED = 2;

    private static final int MAX_MARKS = 64;

    /** One highlighted range before packing. */
    public record Mark(int start, int end, int kind) {
    }

    /** A run of text drawn one way: {@code kinds} is 0 for plain text or the OR of the kinds covering it. */
    public record Segment(String text, int kinds) {
    }

    private Marks() {
    }

    /**
     * Packs {@code marks} for {@code text}: ranges outside the text are cut to it, empty ones dropped, surrogate pairs
     * kept whole, at most 64 kept (a hostile line cannot make a row expensive to draw). Null when none is left.
     */
    public static int[] pack(String text, List<Mark> marks) {
        if (marks == null || marks.isEmpty()) {
            return null;
        }
        int length = text.length();
        int[] out = new int[Math.min(marks.size(), MAX_MARKS) * 3];
        int n = 0;
        for (Mark m : marks) {
            if (n == out.length) {
                break;
            }
            int start = Math.max(0, m.start());
            int end = Math.min(length, m.end());
            if (start >= end || m.kind() == 0) {
                continue;
            }
            if (start > 0 && Character.isLowSurrogate(text.charAt(start))
                    && Character.isHighSurrogate(text.charAt(start - 1))) {
                start--;
            }
            if (end < length && Character.isLowSurrogate(text.charAt(end))
                    && Character.isHighSurrogate(text.charAt(end - 1))) {
                end++;
            }
            out[n++] = start;
            out[n++] = end;
            out[n++] = m.kind();
        }
        return n == 0 ? null : n == out.length ? out : Arrays.copyOf(out, n);
    }

    /** Whether any packed range has {@code kind}. */
    public static boolean has(int[] packed, int kind) {
        if (packed == null) {
            return false;
        }
        for (int i = 2; i < packed.length; i += 3) {
            if ((packed[i] & kind) != 0) {
                return true;
            }
        }
        return false;
    }

    /** The ranges of a line, unpacked (for the user card and tests). */
    public static List<Mark> of(ChatLine line) {
        int[] packed = line.marks();
        List<Mark> out = new ArrayList<>();
        if (packed != null) {
            for (int i = 0; i < packed.length; i += 3) {
                out.add(new Mark(packed[i], packed[i + 1], packed[i + 2]));
            }
        }
        return out;
    }

    /** Splits a line's text into runs of plain and highlighted text, in order; overlapping ranges combine kinds. */
    public static List<Segment> segments(ChatLine line) {
        return segments(line.text(), line.marks());
    }

    static List<Segment> segments(String text, int[] packed) {
        if (packed == null || text.isEmpty()) {
            return List.of(new Segment(text, 0));
        }
        byte[] kinds = new byte[text.length()];
        for (int i = 0; i < packed.length; i += 3) {
            int end = Math.min(packed[i + 1], text.length());
            for (int c = Math.max(0, packed[i]); c < end; c++) {
                kinds[c] |= (byte) packed[i + 2];
            }
        }
        List<Segment> out = new ArrayList<>();
        int runStart = 0;
        for (int c = 1; c <= text.length(); c++) {
            if (c == text.length() || kinds[c] != kinds[runStart]) {
                out.add(new Segment(text.substring(runStart, c), kinds[runStart]));
                runStart = c;
            }
        }
        return out;
    }
}
