package dev.moddesk.screening;

/**
 * One list term found in a text. {@code start}/{@code end} are [start, end) UTF-16 offsets in the ORIGINAL text, so a
 * console can highlight exactly what the user wrote (加.微.信 is one hit from the 加 to the 信); {@code term} is the
 * list entry as it was given.
 */
public record ScreenHit(int start, int end, String term) {
    public ScreenHit {
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("bad hit range [" + start + ", " + end + ")");
        }
        if (term == null || term.isEmpty()) {
            throw new IllegalArgumentException("term is required");
        }
    }
}
