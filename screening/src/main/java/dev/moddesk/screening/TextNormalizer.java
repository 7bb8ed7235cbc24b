package dev.moddesk.screening;

/**
 * Folds one UTF-16 char to the form both list terms and screened text are matched in: full-width ASCII to half-width,
 * lower case, traditional to simplified Chinese. Everything that is not a letter or a digit (spaces, punctuation,
 * symbols, zero-width characters, emoji halves) folds to {@link #SKIP}, so 加.微.信 and 加 微 信 read as 加微信.
 * The whole mapping is one precomputed table: normalization costs a single array load per char.
 */
public final class TextNormalizer {

    /** Marks a char that is dropped before matching. */
    public static final char SKIP = '\0';

    private static final char[] FOLD = new char[65536];

    static {
        for (int c = 0; c < FOLD.length; c++) {
            FOLD[c] = computeFold((char) c);
        }
    }

    private TextNormalizer() {
    }

    private static char computeFold(char c) {
        char x = c;
        if (x >= '\uFF01' && x <= '\uFF5E') {
            x = (char) (x - 0xFEE0);
        } else if (x == '\u3000') {
            x = ' ';
        }
        if (Character.isSurrogate(x) || !Character.isLetterOrDigit(x)) {
            return SKIP;
        }
        x = Character.toLowerCase(x);
        x = ChineseVariants.simplified(x);
        return x == SKIP ? SKIP : x;
    }

    /** The folded form of {@code c}, or {@link #SKIP} if matching ignores it. */
    public static char fold(char c) {
        return FOLD[c];
    }

    /** The folded form of a whole text, skipped chars removed (used for list terms and duplicate detection). */
    public static String normalize(CharSequence text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char f = FOLD[text.charAt(i)];
            if (f != SKIP) {
                out.append(f);
            }
        }
        return out.toString();
    }
}
