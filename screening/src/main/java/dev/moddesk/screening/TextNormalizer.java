package dev.moddesk.screening;

import java.text.Normalizer;

/**
 * Folds text to the form both list terms and screened text are matched in. A character folds to its NFKC
 * compatibility form when that is a single letter or digit (full-width ＶＸ, circled ⓦ, parenthesized ⒜, Kangxi
 * radical ⼈, and the styled mathematical letters 𝐰𝒆𝓲𝔵 that are surrogate pairs), then to lower case, then traditional
 * to simplified Chinese. Everything that is not a letter or a digit (spaces, punctuation, symbols, emoji, zero-width
 * and combining characters) folds to {@link #SKIP}, so 加.微.信 and 加 微 信 read as 加微信.
 *
 * <p>Every BMP char folds through one precomputed 64K table (a single array load); only a surrogate pair takes the
 * slower code-point path, and its usual ranges (styled letters, enclosed letters, compatibility ideographs) are
 * precomputed too.
 */
public final class TextNormalizer {

    /** Marks a char that is dropped before matching. */
    public static final char SKIP = '\0';

    private static final char[] FOLD = new char[65536];
    /** {@link #FOLD} with skipped chars as {@link #MARK_SKIP} and surrogates as {@link #MARK_SURROGATE}. */
    private static final char[] MARKED = new char[65536];
    /** U+FFFE and U+FFFF are noncharacters that fold to SKIP themselves, so they are free to mark with. */
    static final char MARK_SURROGATE = '\uFFFE';
    static final char MARK_SKIP = '\uFFFF';
    /** Precomputed supplementary ranges: [first, last] code points and their folds (0 = skip). */
    private static final int[][] RANGES = {{0x1D400, 0x1D7FF}, {0x1F100, 0x1F1FF}, {0x2F800, 0x2FA1F}};
    private static final int[][] RANGE_FOLD = new int[RANGES.length][];

    static {
        for (int c = 0; c < FOLD.length; c++) {
            int f = Character.isSurrogate((char) c) ? 0 : computeFold(c);
            // A few compatibility ideographs (U+FA6C) map outside the BMP: the table keeps them as they are.
            FOLD[c] = f > 0xFFFF ? (char) c : (char) f;
            MARKED[c] = Character.isSurrogate((char) c) ? MARK_SURROGATE : FOLD[c] == SKIP ? MARK_SKIP : FOLD[c];
        }
        for (int r = 0; r < RANGES.length; r++) {
            int first = RANGES[r][0];
            RANGE_FOLD[r] = new int[RANGES[r][1] - first + 1];
            for (int cp = first; cp <= RANGES[r][1]; cp++) {
                RANGE_FOLD[r][cp - first] = computeFold(cp);
            }
        }
    }

    private TextNormalizer() {
    }

    /** The fold of one code point: a letter or digit code point, or 0 for "skip". */
    private static int computeFold(int cp) {
        int x = cp;
        if ((cp >= 0x1F150 && cp <= 0x1F169) || (cp >= 0x1F170 && cp <= 0x1F189)) {
            return 'a' + (cp - 0x1F150) % 0x20; // negative circled / squared letters 🅐🅰 have no NFKC form
        }
        if (mayHaveCompatibilityForm(cp)) {
            String s = Character.toString(cp);
            if (!Normalizer.isNormalized(s, Normalizer.Form.NFKC)) {
                int single = singleLetterOrDigit(Normalizer.normalize(s, Normalizer.Form.NFKC));
                if (single >= 0) {
                    x = single;
                }
            }
        }
        if (!Character.isLetterOrDigit(x)) {
            return 0;
        }
        x = Character.toLowerCase(x);
        if (x <= 0xFFFF) {
            x = ChineseVariants.simplified((char) x);
        }
        return x;
    }

    /**
     * False for the large blocks that have no compatibility decompositions (ASCII, CJK unified ideographs and
     * extension A, Yi, Hangul syllables, private use): building the table then asks the JDK's normalizer about a third
     * of the BMP only, which keeps class loading short.
     */
    private static boolean mayHaveCompatibilityForm(int cp) {
        return !(cp < 0xA0 || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF)
                || (cp >= 0xA000 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xE000 && cp <= 0xF8FF));
    }

    /** The one letter or digit in {@code s} once symbols are dropped (⒜ → a), or -1 if there is not exactly one. */
    private static int singleLetterOrDigit(String s) {
        int found = -1;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetterOrDigit(cp)) {
                if (found >= 0) {
                    return -1;
                }
                found = cp;
            }
        }
        return found;
    }

    /** The folded form of {@code c}, or {@link #SKIP} if matching ignores it (a surrogate half alone also folds to SKIP). */
    public static char fold(char c) {
        return FOLD[c];
    }

    /** A copy of the fold table with skipped chars and surrogates marked (an automaton builds its symbol table from it). */
    static char[] markedFoldTable() {
        return MARKED.clone();
    }

    /** The folded form of any code point, or 0 if matching ignores it. */
    public static int foldCodePoint(int cp) {
        if (cp <= 0xFFFF) {
            return cp < 0 ? 0 : FOLD[cp];
        }
        for (int r = 0; r < RANGES.length; r++) {
            if (cp >= RANGES[r][0] && cp <= RANGES[r][1]) {
                return RANGE_FOLD[r][cp - RANGES[r][0]];
            }
        }
        if (cp > Character.MAX_CODE_POINT || !Character.isLetterOrDigit(cp)) {
            return 0; // emoji and other symbols
        }
        return Character.toLowerCase(cp); // supplementary CJK and other letters stand for themselves
    }

    /**
     * The folded code point starting at {@code i}, where {@code text.charAt(i)} is a surrogate: a valid pair folds as
     * its code point; a lone surrogate (hostile or cut text) folds to 0.
     */
    static int foldSurrogateAt(CharSequence text, int i) {
        char high = text.charAt(i);
        if (Character.isHighSurrogate(high) && i + 1 < text.length()) {
            char low = text.charAt(i + 1);
            if (Character.isLowSurrogate(low)) {
                return foldCodePoint(Character.toCodePoint(high, low));
            }
        }
        return 0;
    }

    /** How many chars the code point at {@code i} takes: 2 for a valid surrogate pair, else 1. */
    static int widthAt(CharSequence text, int i) {
        return Character.isHighSurrogate(text.charAt(i)) && i + 1 < text.length()
                && Character.isLowSurrogate(text.charAt(i + 1)) ? 2 : 1;
    }

    /** The folded form of a whole text, skipped chars removed (used for list terms and duplicate detection). */
    public static String normalize(CharSequence text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            char c = text.charAt(i);
            if (Character.isSurrogate(c)) {
                int f = foldSurrogateAt(text, i);
                if (f != 0) {
                    out.appendCodePoint(f);
                }
                i += widthAt(text, i);
            } else {
                char f = FOLD[c];
                if (f != SKIP) {
                    out.append(f);
                }
                i++;
            }
        }
        return out.toString();
    }
}
