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
    static final long OUT_BIT = 0x8000_0000L;
    static final int BASE_MASK = 0x7FFF_FFFF;

    private final char[] symbolOfRaw;
    private final AutomatonBuilder.SupplementarySymbols supplementary;
    /** Per slot: bits 32–63 the parent state (check; -1 free), bits 0–30 the base, bit 31 "has output". */
    private final long[] node;
    /** Per state: bits 32–63 its fail state, bits 0–30 the fail state's base. */
    private final long[] failInfo;
    private final int rootBase;
    /** Per state: its first term entry (NONE if it ends none) and the next state on its fail chain that ends one. */
    private final int[] entryAt;
    private final int[] outLink;
    private final ScreenTerm[] entries;
    private final int[] entryLength;
    private final int[][] entryRuns;
    private final int[] nextEntry;
    private final int ringMask;

    TermAutomaton(char[] symbolOfRaw, AutomatonBuilder.SupplementarySymbols supplementary, long[] node,
                  long[] failInfo, int[] entryAt, int[] outLink, ScreenTerm[] entries, int[] entryLength,
                  int[][] entryRuns, int[] nextEntry, int maxLength) {
        this.symbolOfRaw = symbolOfRaw;
        this.supplementary = supplementary;
        this.node = node;
        this.failInfo = failInfo;
        this.rootBase = (int) node[0] & BASE_MASK;
        this.entryAt = entryAt;
        this.outLink = outLink;
        this.entries = entries;
        this.entryLength = entryLength;
        this.entryRuns = entryRuns;
        this.nextEntry = nextEntry;
        this.ringMask = Integer.highestOneBit(Math.max(1, maxLength)) * 2 - 1;
    }

    int termCount() {
        return entries.length;
    }

    /**
     * Calls {@code sink} for every live term occurrence (overlapping ones included), in order of their end. Expiry is
     * judged with {@code clock}, read only when a term that has an expiry matches.
     */
    void scan(CharSequence text, InstantSource clock, HitSink sink) {
        if (entries.length == 0) {
            return;
        }
        final char[] symbols = symbolOfRaw;
        final long[] nodes = node;
        final long[] fails = failInfo;
        final int mask = ringMask;
        // Per collapsed position: the raw offset where its run starts (high half) and the run's length (low half).
        final long[] ring = new long[mask + 1];
        int idx = -1;
        int state = 0;
        int base = rootBase;
        boolean out = false;
        int prevSym = -1;
        int runEnd = 0;
        final int length = text.length();
        for (int i = 0; i < length; i++) {
            int at = i;
            int sym = symbols[text.charAt(i)];
            if (sym >= SURROGATE_SYM) {
                if (sym == SKIP_SYM) {
                    continue;
                }
                sym = supplementary.symbolAt(text, i);
                i += TextNormalizer.widthAt(text, i) - 1;
                if (sym == SKIP_SYM) {
                    continue;
                }
            }
            if (sym == prevSym) {
                ring[idx & mask]++;
                runEnd = i + 1;
                continue;
            }
            if (out && !emit(state, idx, runEnd, ring, clock, sink)) {
                return;
            }
            prevSym = sym;
            ring[++idx & mask] = ((long) at << 32) | 1;
            runEnd = i + 1;
            if (sym == 0) {
                state = 0;
                base = rootBase;
                out = false;
                continue;
            }
            while (true) {
                int p = base + sym;
                long n = nodes[p];
                if ((int) (n >>> 32) == state) {
                    state = p;
                    base = (int) n & BASE_MASK;
                    out = (n & OUT_BIT) != 0;
                    break;
                }
                if (state == 0) {
                    out = false;
                    break;
                }
                long f = fails[state];
                state = (int) (f >>> 32);
                base = (int) f & BASE_MASK;
            }
        }
        if (out) {
            emit(state, idx, runEnd, ring, clock, sink);
        }
    }

    /** Reports the terms that end in {@code state}, whose last run ended at raw offset {@code end}. */
    private boolean emit(int state, int idx, int end, long[] ring, InstantSource clock, HitSink sink) {
        Instant now = null;
        for (int o = entryAt[state] != NONE ? state : outLink[state]; o != NONE; o = outLink[o]) {
            for (int e = entryAt[o]; e != NONE; e = nextEntry[e]) {
                ScreenTerm term = entries[e];
                if (term.expiresAt() != null) {
                    if (now == null) {
                        now = clock.instant();
                    }
                    if (!term.liveAt(now)) {
                        continue;
                    }
                }
                int first = idx - entryLength[e] + 1;
                int[] runs = entryRuns[e];
                if (runs != null && !runsLongEnough(runs, first, ring)) {
                    continue;
                }
                int start = (int) (ring[first & ringMask] >>> 32);
                if (!sink.hit(start, end, term)) {
                    return false;
                }
            }
        }
        return true;
    }

    private boolean runsLongEnough(int[] runs, int first, long[] ring) {
        for (int k = 0; k < runs.length; k++) {
            if ((int) ring[(first + k) & ringMask] < runs[k]) {
                return false;
            }
        }
        return true;
    }

    /** Receives hits; returning false stops the scan. */
    @FunctionalInterface
    interface HitSink {
        boolean hit(int start, int end, ScreenTerm term);
    }
}
