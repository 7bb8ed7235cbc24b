package dev.moddesk.screening;

import java.time.Instant;
import java.time.InstantSource;

/**
 * An immutable Aho–Corasick automaton over folded, run-collapsed terms, stored as a double array (built by
 * {@link AutomatonBuilder}). The scan folds each raw char through one 64K table straight to its automaton symbol, so
 * normalization and alphabet lookup cost a single load; a successful transition is one more load, because each slot
 * packs the parent check, the child's base and an "has output" bit into one long.
 *
 * <p>Repeated characters are collapsed before matching (加加微微信信 reads as 加微信): a repeat of the previous symbol
 * only extends the current run. A term's own repeats are kept as minimum run lengths (qq needs at least two q), checked
 * only when such a term matches. Hits are reported when the run that completes them ends, so a highlight covers the
 * whole run (加微信信信 is one hit over all five characters).
 */
final class TermAutomaton {

    static final int NONE = -1;
    /** Symbol table values: 0 = not in any term, 1..MAX_SYMBOL = symbols, then these two markers. */
    static final char SURROGATE_SYM = '\uFFFE';
    static final char SKIP_SYM = '\uFFFF';
    static final int MAX_SYMBOL = 0xFFFD;
    /** Low word of a slot: the base in bits 0–29, "fail state is the root" in bit 30, "has output" in bit 31. */
    static final int BASE_MASK = 0x3FFF_FFFF;
    static final int FAIL_TO_ROOT = 0x4000_0000;
    static final int OUT_BIT = 0x8000_0000;
    private static final int HAS_RUNS = 0x4000_0000;
    private static final int EXPIRES = 0x8000_0000;
    private static final int LENGTH_MASK = 0x3FFF_FFFF;

    private final char[] symbolOfRaw;
    private final AutomatonBuilder.SupplementarySymbols supplementary;
    /** Per slot: bits 32–63 the parent state (check; -1 free), bits 0–31 the state's info word (see BASE_MASK). */
    private final long[] node;
    /** Per state: bits 32–63 its fail state, bits 0–31 the fail state's info word. */
    private final long[] failInfo;
    private final int rootInfo;
    /**
     * Per state: bits 32–63 its first term entry (NONE if it ends none), bits 0–31 the next state on its fail chain
     * that ends one (NONE if there is none): one load per state visited when reporting hits.
     */
    private final long[] emitAt;
    private final ScreenTerm[] entries;
    /**
     * Per entry: bits 32–63 the next entry of the same state (NONE at the end), bits 0–31 its shape: its length in
     * runs (bits 0–29), "has minimum run lengths" (bit 30), "expires" (bit 31).
     */
    private final long[] entryLink;
    private final int[][] entryRuns;

    TermAutomaton(char[] symbolOfRaw, AutomatonBuilder.SupplementarySymbols supplementary, long[] node,
                  long[] failInfo, int[] entryAt, int[] outLink, ScreenTerm[] entries, int[] entryLength,
                  int[][] entryRuns, int[] nextEntry) {
        this.symbolOfRaw = symbolOfRaw;
        this.supplementary = supplementary;
        this.node = node;
        this.failInfo = failInfo;
        this.rootInfo = (int) node[0] & BASE_MASK;
        this.emitAt = new long[entryAt.length];
        for (int st = 0; st < entryAt.length; st++) {
            // the states to visit from st: st itself if it ends a term, then its output link
            this.emitAt[st] = ((long) entryAt[st] << 32) | (outLink[st] & 0xFFFF_FFFFL);
        }
        this.entries = entries;
        this.entryLink = new long[entries.length];
        for (int e = 0; e < entries.length; e++) {
            int shape = entryLength[e] | (entryRuns[e] != null ? HAS_RUNS : 0)
                    | (entries[e].expiresAt() != null ? EXPIRES : 0);
            this.entryLink[e] = ((long) nextEntry[e] << 32) | (shape & 0xFFFF_FFFFL);
        }
        this.entryRuns = entryRuns;
    }

    int termCount() {
        return entries.length;
    }

    /**
     * Calls {@code sink} for every live term occurrence (overlapping ones included), in order of their end, and returns
     * how many there were; with a null {@code sink} it only counts. Expiry is judged with {@code clock}, read only when
     * a term that has an expiry matches. The loop keeps no per-position history beyond the last skipped, surrogate or
     * repeated char: a hit after it starts at its end minus its length; any other hit's start is found by walking back
     * from its end ({@link #startOf}), which only such hits pay for.
     */
    int scan(CharSequence text, InstantSource clock, HitSink sink) {
        if (entries.length == 0) {
            return 0;
        }
        final char[] symbols = symbolOfRaw;
        final long[] nodes = node;
        final long[] fails = failInfo;
        int hits = 0;
        int state = 0;
        int info = rootInfo; // the current state's base and flags
        int prevSym = -1;
        int runEnd = 0;
        int oddAt = -1; // the last skipped, surrogate or repeated char: a hit after it starts at end - its length
        final int length = text.length();
        // A counted loop (i is never changed inside): the JIT can drop charAt's range checks. A surrogate pair is read
        // at its high half; its low half then reads as a lone surrogate, which is skipped.
        for (int i = 0; i < length; i++) {
            int sym = symbols[text.charAt(i)];
            int next = i + 1;
            if (sym >= SURROGATE_SYM) {
                oddAt = i;
                if (sym == SKIP_SYM) {
                    continue;
                }
                sym = supplementary.symbolAt(text, i);
                if (sym == SKIP_SYM) {
                    continue;
                }
                next = i + 2; // symbolAt reads only a valid pair, never a lone surrogate
            }
            if (sym == prevSym) {
                runEnd = next;
                oddAt = i;
                continue;
            }
            if (info < 0) { // OUT_BIT: the state the last run led to ends terms
                int n = emit(text, state, runEnd, oddAt, clock, sink);
                if (n < 0) {
                    return hits + 1;
                }
                hits += n;
            }
            prevSym = sym;
            runEnd = next;
            if (sym == 0) {
                state = 0;
                info = rootInfo;
                continue;
            }
            while (true) {
                int p = (info & BASE_MASK) + sym;
                long n = nodes[p];
                if ((int) (n >>> 32) == state) {
                    state = p;
                    info = (int) n;
                    break;
                }
                if (state == 0) {
                    break; // no term starts with sym: stay at the root
                }
                if ((info & FAIL_TO_ROOT) != 0) {
                    state = 0; // the common miss: no load needed to fall back to the root
                    info = rootInfo;
                } else {
                    long f = fails[state];
                    state = (int) (f >>> 32);
                    info = (int) f;
                }
            }
        }
        if (info < 0) {
            int n = emit(text, state, runEnd, oddAt, clock, sink);
            hits += n < 0 ? 1 : n;
        }
        return hits;
    }

    /**
     * Reports the terms that end in {@code state}, whose last run ended at raw offset {@code end}: how many, or -1 if
     * the sink stopped the scan. {@code oddAt} is the raw offset of the last skipped, surrogate or repeated char so far
     * (-1 if none): every char after it is a run of its own, so a term of n runs without minimum run lengths that ends
     * at {@code end} and fits after it starts at end - n, with no walk back.
     */
    private int emit(CharSequence text, int state, int end, int oddAt, InstantSource clock, HitSink sink) {
        Instant now = null;
        int n = 0;
        // Per state one long (its first entry, the next state on its fail chain that ends one), per entry one long
        // (the next entry, its shape): the term object is only read when it expires or a sink wants it.
        for (int o = state; o != NONE; ) {
            long at = emitAt[o];
            o = (int) at;
            for (int e = (int) (at >> 32); e != NONE; ) {
                long link = entryLink[e];
                int shape = (int) link;
                int entry = e;
                e = (int) (link >> 32);
                if (shape < 0) { // EXPIRES
                    if (now == null) {
                        now = clock.instant();
                    }
                    if (!entries[entry].liveAt(now)) {
                        continue;
                    }
                }
                int runs = shape & LENGTH_MASK;
                int start = (shape & HAS_RUNS) == 0 && end - runs > oddAt ? end - runs
                        : startOf(text, end, runs, (shape & HAS_RUNS) != 0 ? entryRuns[entry] : null);
                if (start < 0) {
                    continue;
                }
                if (sink != null && !sink.hit(start, end, entries[entry])) {
                    return -1;
                }
                n++;
            }
        }
        return n;
    }

    /**
     * Walks back from {@code end} over {@code runCount} runs of symbols (skipped chars ignored, surrogate pairs read
     * whole) and returns where the earliest of them starts, the whole run included; -1 if a run is shorter than the
     * term's own repeats ({@code minRuns}, null when the term has none) require.
     */
    private int startOf(CharSequence text, int end, int runCount, int[] minRuns) {
        int seen = 0;
        int current = -1;
        int length = 0;
        int start = end;
        for (int j = end; j > 0; ) {
            char c = text.charAt(j - 1);
            int width = 1;
            int sym = symbolOfRaw[c];
            if (sym == SURROGATE_SYM) {
                if (Character.isLowSurrogate(c) && j >= 2 && Character.isHighSurrogate(text.charAt(j - 2))) {
                    width = 2;
                    sym = supplementary.symbolAt(text, j - 2);
                } else {
                    sym = SKIP_SYM; // a lone surrogate
                }
            }
            if (sym != SKIP_SYM) {
                if (sym != current) {
                    if (seen > 0 && minRuns != null && length < minRuns[runCount - seen]) {
                        return -1;
                    }
                    if (seen == runCount) {
                        break;
                    }
                    seen++;
                    current = sym;
                    length = 0;
                }
                length++;
                start = j - width;
            }
            j -= width;
        }
        if (minRuns != null && seen > 0 && length < minRuns[runCount - seen]) {
            return -1; // the text began inside the earliest run
        }
        return start;
    }

    /** Receives hits; returning false stops the scan. */
    @FunctionalInterface
    interface HitSink {
        boolean hit(int start, int end, ScreenTerm term);
    }
}
