package dev.moddesk.screening;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds a {@link TermAutomaton}: folds and run-collapses each term, numbers the characters the terms use (the
 * alphabet), builds the trie (edges in an open-addressed table while building), places it in a double array (first fit
 * with the usual "leave full regions behind" heuristic), then links fail and output states breadth first.
 */
final class AutomatonBuilder {

    private static final int NONE = TermAutomaton.NONE;
    private static final int ROOT_CHECK = -2;
    /** Nodes with at least this many children are placed first, widest first. */
    private static final int WIDE = 8;
    /** Nodes with at least this many children search from where the previous one ended. */
    private static final int VERY_WIDE = 64;

    private AutomatonBuilder() {
    }

    /** Symbols of supplementary code points that occur in terms (rare: CJK extension characters). */
    record SupplementarySymbols(char[] symbolOfRaw, Map<Integer, Character> symbols) {
        /** The symbol of the code point at {@code i} (a surrogate), {@link TermAutomaton#SKIP_SYM} if it is skipped. */
        int symbolAt(CharSequence text, int i) {
            int f = TextNormalizer.foldSurrogateAt(text, i);
            if (f == 0) {
                return TermAutomaton.SKIP_SYM;
            }
            if (f <= 0xFFFF) {
                return symbolOfRaw[f]; // folding is idempotent, so a folded char maps to its own symbol
            }
            Character s = symbols.get(f);
            return s == null ? 0 : s;
        }
    }

    private record Prepared(ScreenTerm term, int[] codePoints, int[] runs) {
    }

    static TermAutomaton build(Collection<ScreenTerm> terms) {
        List<Prepared> prepared = prepare(terms);
        int count = prepared.size();

        char[] foldedSymbol = new char[65536];
        Map<Integer, Character> supplementary = new HashMap<>();
        int alphabet = 0;
        int[][] symbols = new int[count][];
        for (int t = 0; t < count; t++) {
            int[] cps = prepared.get(t).codePoints();
            int[] syms = new int[cps.length];
            for (int k = 0; k < cps.length; k++) {
                int cp = cps[k];
                int s = cp <= 0xFFFF ? foldedSymbol[cp] : supplementary.getOrDefault(cp, (char) 0);
                if (s == 0) {
                    if (alphabet == TermAutomaton.MAX_SYMBOL) {
                        throw new IllegalArgumentException("word list uses more than " + alphabet + " distinct characters");
                    }
                    s = ++alphabet;
                    if (cp <= 0xFFFF) {
                        foldedSymbol[cp] = (char) s;
                    } else {
                        supplementary.put(cp, (char) s);
                    }
                }
                syms[k] = s;
            }
            symbols[t] = syms;
        }
        renumberByFrequency(symbols, alphabet, foldedSymbol, supplementary);
        // One gather turns the marked fold table into raw char → symbol; the marks land on the two marker symbols.
        char[] symbolOfRaw = TextNormalizer.markedFoldTable();
        char[] bySymbol = foldedSymbol.clone();
        bySymbol[TextNormalizer.MARK_SURROGATE] = TermAutomaton.SURROGATE_SYM;
        bySymbol[TextNormalizer.MARK_SKIP] = TermAutomaton.SKIP_SYM;
        for (int c = 0; c < symbolOfRaw.length; c++) {
            symbolOfRaw[c] = bySymbol[symbolOfRaw[c]];
        }

        Trie trie = Trie.of(symbols);
        DoubleArray da = DoubleArray.place(trie, alphabet);

        ScreenTerm[] entries = new ScreenTerm[count];
        int[] entryLength = new int[count];
        int[][] entryRuns = new int[count][];
        for (int t = 0; t < count; t++) {
            entries[t] = prepared.get(t).term();
            entryLength[t] = symbols[t].length;
            entryRuns[t] = prepared.get(t).runs();
        }
        int slots = da.base.length;
        int[] entryAt = new int[slots];
        Arrays.fill(entryAt, NONE);
        for (int n = 0; n < trie.nodes; n++) {
            if (trie.entryHead[n] != NONE) {
                entryAt[da.slotOf[n]] = trie.entryHead[n];
            }
        }
        int[] fail = new int[slots];
        int[] outLink = new int[slots];
        Arrays.fill(outLink, NONE);
        for (int k = 1; k < trie.nodes; k++) {
            int n = trie.bfs[k];
            int s = da.slotOf[n];
            int parent = trie.parent[n];
            int f = 0;
            if (parent != 0) {
                int sym = trie.symbolInto[n];
                f = fail[da.slotOf[parent]];
                while (true) {
                    int g = da.transition(f, sym);
                    if (g != NONE) {
                        f = g;
                        break;
                    }
                    if (f == 0) {
                        break;
                    }
                    f = fail[f];
                }
            }
            fail[s] = f;
            outLink[s] = entryAt[f] != NONE ? f : outLink[f];
        }

        int[] info = new int[slots];
        for (int k = 0; k < trie.nodes; k++) {
            int s = da.slotOf[trie.bfs[k]];
            if (da.base[s] > TermAutomaton.BASE_MASK) {
                throw new IllegalArgumentException("word list too large for the automaton");
            }
            info[s] = da.base[s] | (entryAt[s] != NONE || outLink[s] != NONE ? TermAutomaton.OUT_BIT : 0)
                    | (k > 0 && fail[s] == 0 ? TermAutomaton.FAIL_TO_ROOT : 0);
        }
        long[] node = new long[slots];
        long[] failInfo = new long[slots];
        for (int p = 0; p < slots; p++) {
            node[p] = ((long) da.check[p] << 32) | (info[p] & 0xFFFF_FFFFL);
        }
        for (int k = 0; k < trie.nodes; k++) {
            int s = da.slotOf[trie.bfs[k]];
            failInfo[s] = ((long) fail[s] << 32) | (info[fail[s]] & 0xFFFF_FFFFL);
        }
        return new TermAutomaton(symbolOfRaw, new SupplementarySymbols(symbolOfRaw, supplementary), node, failInfo,
                entryAt, outLink, entries, entryLength, entryRuns, trie.nextEntry);
    }

    /**
     * Gives the most used characters the smallest symbols, so the children of a node span a narrow range of slots and
     * the double array packs densely (a smaller array is a faster scan).
     */
    private static void renumberByFrequency(int[][] symbols, int alphabet, char[] foldedSymbol,
                                            Map<Integer, Character> supplementary) {
        long[] keyed = new long[alphabet];
        int[] uses = new int[alphabet + 1];
        for (int[] syms : symbols) {
            for (int sym : syms) {
                uses[sym]++;
            }
        }
        for (int sym = 1; sym <= alphabet; sym++) {
            keyed[sym - 1] = ((long) (Integer.MAX_VALUE - uses[sym]) << 32) | sym; // most used first, then first seen
        }
        Arrays.sort(keyed);
        char[] renamed = new char[alphabet + 1];
        for (int r = 0; r < alphabet; r++) {
            renamed[(int) keyed[r]] = (char) (r + 1);
        }
        for (int[] syms : symbols) {
            for (int k = 0; k < syms.length; k++) {
                syms[k] = renamed[syms[k]];
            }
        }
        for (int c = 0; c < foldedSymbol.length; c++) {
            foldedSymbol[c] = renamed[foldedSymbol[c]];
        }
        supplementary.replaceAll((cp, sym) -> renamed[sym]);
    }

    /** Folds, collapses and de-duplicates the terms; terms that fold to nothing are dropped. */
    private static List<Prepared> prepare(Collection<ScreenTerm> terms) {
        List<Prepared> out = new ArrayList<>(terms.size());
        Set<List<Object>> seen = HashSet.newHashSet(terms.size());
        for (ScreenTerm term : terms) {
            if (term == null) {
                continue;
            }
            String n = TextNormalizer.normalize(term.text());
            if (n.isEmpty() || !seen.add(Arrays.asList(n, term.category(), term.action(), term.expiresAt()))) {
                continue;
            }
            int[] all = n.codePoints().toArray();
            int[] cps = new int[all.length];
            int[] runs = new int[all.length];
            int len = 0;
            boolean repeats = false;
            for (int cp : all) {
                if (len > 0 && cps[len - 1] == cp) {
                    runs[len - 1]++;
                    repeats = true;
                } else {
                    cps[len] = cp;
                    runs[len++] = 1;
                }
            }
            out.add(new Prepared(term, Arrays.copyOf(cps, len), repeats ? Arrays.copyOf(runs, len) : null));
        }
        return out;
    }

    /** The trie of the terms, built in list order (so entries that fold alike keep their list order). */
    private static final class Trie {
        int nodes = 1;
        int[] parent = new int[16];
        int[] symbolInto = new int[16];
        int[] firstChild = filled(16);
        int[] lastChild = filled(16);
        int[] nextSibling = filled(16);
        int[] entryHead = filled(16);
        int[] entryTail = filled(16);
        int[] nextEntry;
        int[] bfs;

        static Trie of(int[][] symbols) {
            Trie trie = new Trie();
            trie.nextEntry = new int[symbols.length];
            Arrays.fill(trie.nextEntry, NONE);
            long edges = 0;
            for (int[] s : symbols) {
                edges += s.length;
            }
            EdgeTable table = new EdgeTable((int) Math.min(edges, 1 << 28));
            for (int t = 0; t < symbols.length; t++) {
                int state = 0;
                for (int sym : symbols[t]) {
                    int next = table.get(state, sym);
                    if (next == NONE) {
                        next = trie.addChild(state, sym);
                        table.put(state, sym, next);
                    }
                    state = next;
                }
                if (trie.entryHead[state] == NONE) {
                    trie.entryHead[state] = t;
                } else {
                    trie.nextEntry[trie.entryTail[state]] = t;
                }
                trie.entryTail[state] = t;
            }
            trie.bfs = new int[trie.nodes];
            int tail = 1;
            for (int head = 0; head < tail; head++) {
                for (int c = trie.firstChild[trie.bfs[head]]; c != NONE; c = trie.nextSibling[c]) {
                    trie.bfs[tail++] = c;
                }
            }
            return trie;
        }

        private int addChild(int from, int symbol) {
            if (nodes == parent.length) {
                int size = nodes * 2;
                parent = Arrays.copyOf(parent, size);
                symbolInto = Arrays.copyOf(symbolInto, size);
                firstChild = grow(firstChild, size);
                lastChild = grow(lastChild, size);
                nextSibling = grow(nextSibling, size);
                entryHead = grow(entryHead, size);
                entryTail = grow(entryTail, size);
            }
            int n = nodes++;
            parent[n] = from;
            symbolInto[n] = symbol;
            if (firstChild[from] == NONE) {
                firstChild[from] = n;
            } else {
                nextSibling[lastChild[from]] = n;
            }
            lastChild[from] = n;
            return n;
        }
    }

    /** Trie nodes placed into base/check arrays. */
    private static final class DoubleArray {
        int[] base;
        int[] check;
        int[] slotOf;

        /**
         * Chooses every internal node's base, then derives slots and checks top down (only a node's children need
         * their slots reserved when its base is chosen). Wide nodes (at least {@link #WIDE} children, like the root
         * and the states after common characters) go first, widest first, while the array is still empty (the very
         * wide ones each search on from where the previous one's search ended, never again through the spread-out
         * children before it, where hundreds of slots would not line up); the rest
         * follow breadth first and fill the holes. Each takes the first base where all its children's slots are free,
         * anchored on its smallest child symbol; the search starts at the lowest free slot and leaves a region behind
         * once a search crossed it and found it 95 % full (the usual double-array heuristic). The array ends up about
         * 80 % used, which keeps the scan in cache.
         */
        static DoubleArray place(Trie trie, int alphabet) {
            int[] children = new int[trie.nodes];
            int[] minSym = new int[trie.nodes];
            List<Integer> wide = new ArrayList<>();
            for (int n = 0; n < trie.nodes; n++) {
                minSym[n] = Integer.MAX_VALUE;
                for (int c = trie.firstChild[n]; c != NONE; c = trie.nextSibling[c]) {
                    children[n]++;
                    minSym[n] = Math.min(minSym[n], trie.symbolInto[c]);
                }
                if (children[n] >= WIDE) {
                    wide.add(n);
                }
            }
            wide.sort((x, y) -> Integer.compare(children[y], children[x]));
            int[] order = new int[trie.nodes];
            int count = 0;
            for (int n : wide) {
                order[count++] = n;
            }
            for (int k = 0; k < trie.nodes; k++) {
                int n = trie.bfs[k];
                if (children[n] > 0 && children[n] < WIDE) {
                    order[count++] = n;
                }
            }

            int[] baseOf = new int[trie.nodes];
            BitSet used = new BitSet(trie.nodes + alphabet + 1);
            used.set(0);
            int nextCheckPos = 1;
            int wideStart = 1;
            int maxBase = 0;
            for (int k = 0; k < count; k++) {
                int n = order[k];
                int first = trie.firstChild[n];
                int anchor = minSym[n];
                boolean isWide = children[n] >= VERY_WIDE;
                // a wide node starts where the previous wide node's search ended: the region before it is full of
                // their spread-out children, where hundreds of slots would never line up again
                int pos = Math.max(isWide ? Math.max(nextCheckPos, wideStart) : nextCheckPos, anchor);
                boolean fromNext = pos == nextCheckPos; // only a search from nextCheckPos may move it
                boolean firstFree = fromNext;
                int occupied = 0;
                int b;
                while (true) {
                    int q = used.nextClearBit(pos);
                    if (firstFree) {
                        nextCheckPos = q;
                        firstFree = false;
                    } else {
                        occupied += q - pos;
                    }
                    pos = q;
                    b = pos - anchor;
                    int blocker = collision(trie, first, b, used);
                    if (blocker == NONE) {
                        break;
                    }
                    // the next base worth trying frees the blocking child's slot: jump past its used run
                    int blocked = b + trie.symbolInto[blocker];
                    pos = Math.max(pos + 1, used.nextClearBit(blocked) - blocked + pos);
                }
                if (fromNext && pos > nextCheckPos && occupied * 20L >= (pos - nextCheckPos + 1) * 19L) {
                    nextCheckPos = pos; // the region before pos is 95 % full: stop searching it
                }
                if (isWide) {
                    wideStart = pos + 1;
                }
                for (int c = first; c != NONE; c = trie.nextSibling[c]) {
                    used.set(b + trie.symbolInto[c]);
                }
                baseOf[n] = b;
                maxBase = Math.max(maxBase, b);
            }

            DoubleArray da = new DoubleArray();
            int size = Math.max(maxBase + alphabet + 1, used.length());
            da.base = new int[size];
            da.check = filled(size);
            da.check[0] = ROOT_CHECK;
            da.slotOf = new int[trie.nodes];
            for (int k = 0; k < trie.nodes; k++) {
                int n = trie.bfs[k];
                int slot = da.slotOf[n];
                da.base[slot] = baseOf[n];
                for (int c = trie.firstChild[n]; c != NONE; c = trie.nextSibling[c]) {
                    int p = baseOf[n] + trie.symbolInto[c];
                    da.check[p] = slot;
                    da.slotOf[c] = p;
                }
            }
            return da;
        }

        /** The first child whose slot is taken at base {@code b}, or NONE if they all fit. */
        private static int collision(Trie trie, int first, int b, BitSet used) {
            for (int c = first; c != NONE; c = trie.nextSibling[c]) {
                if (used.get(b + trie.symbolInto[c])) {
                    return c;
                }
            }
            return NONE;
        }

        int transition(int state, int symbol) {
            int p = base[state] + symbol;
            return p < check.length && check[p] == state ? p : NONE;
        }
    }

    /** Trie edges while building: (state, symbol) → child, open addressing over packed longs, no boxing. */
    private static final class EdgeTable {
        private final long[] keys;
        private final int[] values;
        private final int mask;
        private final int shift;

        EdgeTable(int expected) {
            int size = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) * 2;
            keys = new long[size];
            values = new int[size];
            mask = size - 1;
            shift = 64 - Integer.numberOfTrailingZeros(size);
        }

        private int slot(long key) {
            return (int) ((key * 0x9E37_79B9_7F4A_7C15L) >>> shift);
        }

        /** Key 0 (the root and symbol 0) never occurs, so 0 marks an empty slot. */
        int get(int state, int symbol) {
            long key = ((long) state << 32) | symbol;
            for (int i = slot(key); ; i = (i + 1) & mask) {
                if (keys[i] == key) {
                    return values[i];
                }
                if (keys[i] == 0) {
                    return NONE;
                }
            }
        }

        void put(int state, int symbol, int child) {
            long key = ((long) state << 32) | symbol;
            int i = slot(key);
            while (keys[i] != 0) {
                i = (i + 1) & mask;
            }
            keys[i] = key;
            values[i] = child;
        }
    }

    private static int[] filled(int size) {
        int[] a = new int[size];
        Arrays.fill(a, NONE);
        return a;
    }

    private static int[] grow(int[] a, int size) {
        int old = a.length;
        int[] b = Arrays.copyOf(a, size);
        Arrays.fill(b, old, size, NONE);
        return b;
    }
}
