package dev.moddesk.screening;

/**
 * One list term found in a text. {@code start}/{@code end} are [start, end) UTF-16 offsets in the ORIGINAL text, so a
 * console can highlight exactly what the user wrote: 加.微.信 is one hit from the 加 to the 信, 加加微微信信 one hit over
 * all six, and a styled letter written as a surrogate pair is covered whole. {@code term} is the list entry as it was
 * given (stripped), with its category and action.
 */
public record ScreenHit(int start, int end, String term, String category, ScreenAction action) {
    public ScreenHit {
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("bad hit range [" + start + ", " + end + ")");
        }
        if (term == null || term.isEmpty()) {
            throw new IllegalArgumentException("term is required");
        }
        if (category == null || category.isEmpty()) {
            throw new IllegalArgumentException("category is required");
        }
        if (action == null) {
            throw new IllegalArgumentException("action is required");
        }
    }

    /** A hit of a plain FLAG term in the default category. */
    public ScreenHit(int start, int end, String term) {
        this(start, end, term, ScreenTerm.DEFAULT_CATEGORY, ScreenAction.FLAG);
    }

    static ScreenHit of(int start, int end, ScreenTerm term) {
        return new ScreenHit(start, end, term.text(), term.category(), term.action());
    }
}
