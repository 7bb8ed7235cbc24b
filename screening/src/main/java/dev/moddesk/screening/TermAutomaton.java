package dev.moddesk.screening;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable Aho–Corasick automaton over normalized terms. The alphabet is only the chars that occur in terms, so
 * any other char sends matching straight back to the root. The root's transitions are a dense array (most steps
 * start there); every other edge lives in one open-addressed hash table keyed by (state, symbol), which keeps a
 * 20,000-term list in a few hundred kilobytes and each step to one or two probes.
 */
final class TermAutomaton {

    private static final int NONE = -1;
    private static final int SKIPPED = -1;
    private static final int MAX_STATES = 1 << 23;
    private static final long KEY_MASK = (1L << 40) - 1;

    private final String[] terms;
    private final int[] termLength;
    private final int[] symbolOf;
    private final int[] symbolOfRaw;
    private final int[] rootNext;
    /** Packed edges: bits 0–16 symbol, 17–39 from-state, 40–63 target; 0 marks an empty slot. */
    private final long[] edges;
    private final int edgeMask;
    private final int edgeShift;
    private final int[] fail;
    private final int[] termAt;
    private final int[] outLink;
    private final int ringMask;

    TermAutomaton(Collection<String> rawTerms) {
        List<String> kept = new ArrayList<>();
        List<String> normalized = new ArrayList<>();
        Map<String, Boolean> seen = new HashMap<>();
        for (String raw : rawTerms) {
            if (raw == null) {
                continue;
            }
            String n = TextNormalizer.normalize(raw);
            if (!n.isEmpty() && seen.putIfAbsent(n, Boolean.TRUE) == null) {
                kept.add(raw.strip());
                normalized.add(n);
            }
        }
        terms = kept.toArray(String[]::new);
        termLength = new int[terms.length];

        symbolOf = new int[65536];
        int alphabet = 0;
        int maxLength = 1;
        for (int t = 0; t < terms.length; t++) {
            String n = normalized.get(t);
            termLength[t] = n.length();
            maxLength = Math.max(maxLength, n.length());
            for (int i = 0; i < n.length(); i++) {
                char c = n.charAt(i);
                if (symbolOf[c] == 0) {
                    symbolOf[c] = ++alphabet;
                }
            }
        }
        // One table from the raw char straight to its symbol saves a dependent load per char in the scan loop.
        symbolOfRaw = new int[65536];
        for (int c = 0; c < symbolOfRaw.length; c++) {
            char f = TextNormalizer.fold((char) c);
            symbolOfRaw[c] = f == TextNormalizer.SKIP ? SKIPPED : symbolOf[f];
        }
        ringMask = Integer.highestOneBit(Math.max(1, maxLength - 1)) * 2 - 1;

        // Build the trie with growable arrays: per state its first child and next sibling (for the BFS below).
        Map<Long, Integer> trieEdges = new HashMap<>();
        int[] firstChild = new int[16];
        int[] nextSibling = new int[16];
        int[] symbolInto = new int[16];
        int[] ends = new int[16];
        Arrays.fill(firstChild, NONE);
        Arrays.fill(ends, NONE);
        int states = 1;
        for (int t = 0; t < terms.length; t++) {
            String n = normalized.get(t);
            int s = 0;
            for (int i = 0; i < n.length(); i++) {
                int sym = symbolOf[n.charAt(i)];
                long key = key(s, sym);
                Integer next = trieEdges.get(key);
                if (next == null) {
                    if (states == firstChild.length) {
                        int size = states * 2;
                        firstChild = grow(firstChild, size);
                        nextSibling = grow(nextSibling, size);
                        symbolInto = grow(symbolInto, size);
                        ends = grow(ends, size);
                    }
                    next = states++;
                    trieEdges.put(key, next);
                    symbolInto[next] = sym;
                    nextSibling[next] = firstChild[s];
                    firstChild[s] = next;
                }
                s = next;
            }
            ends[s] = t;
        }

        rootNext = new int[alphabet + 1];
        if (states >= MAX_STATES) {
            throw new IllegalArgumentException("word list too large: " + states + " automaton states");
        }
        // Load factor at most 1/4: most probes in real text are misses, and short probe runs keep them cheap.
        int tableSize = Integer.highestOneBit(Math.max(2, trieEdges.size() * 4 - 1)) * 2;
        edges = new long[tableSize];
        edgeMask = tableSize - 1;
        edgeShift = 64 - Integer.numberOfTrailingZeros(tableSize);
        for (Map.Entry<Long, Integer> e : trieEdges.entrySet()) {
            long key = e.getKey();
            int from = (int) (key >>> 17);
            int sym = (int) (key & 0x1FFFF);
            if (from == 0) {
                rootNext[sym] = e.getValue();
            } else {
                int slot = slot(key);
                while (edges[slot] != 0) {
                    slot = (slot + 1) & edgeMask;
                }
                edges[slot] = key | ((long) e.getValue() << 40);
            }
        }

        fail = new int[states];
        termAt = Arrays.copyOf(ends, states);
        outLink = new int[states];
        Arrays.fill(outLink, NONE);
        int[] queue = new int[states];
        int head = 0;
        int tail = 0;
        for (int c = firstChild[0]; c != NONE; c = nextSibling[c]) {
            fail[c] = 0;
            queue[tail++] = c;
        }
        while (head < tail) {
            int s = queue[head++];
            for (int c = firstChild[s]; c != NONE; c = nextSibling[c]) {
                int sym = symbolInto[c];
                int f = fail[s];
                int target;
                while (true) {
                    target = f == 0 ? rootNext[sym] : edge(f, sym);
                    if (target != NONE || f == 0) {
                        break;
                    }
                    f = fail[f];
                }
                fail[c] = target == NONE ? 0 : target;
                outLink[c] = termAt[fail[c]] != NONE ? fail[c] : outLink[fail[c]];
                queue[tail++] = c;
            }
        }
    }

    private static int[] grow(int[] a, int size) {
        int old = a.length;
        int[] b = Arrays.copyOf(a, size);
        Arrays.fill(b, old, size, NONE);
        return b;
    }

    private static long key(int state, int sym) {
        return ((long) state << 17) | sym;
    }

    private int slot(long key) {
        return (int) ((key * 0x9E3779B97F4A7C15L) >>> edgeShift);
    }

    private int edge(int state, int sym) {
        long key = key(state, sym);
        int slot = slot(key);
        while (true) {
            long packed = edges[slot];
            if ((packed & KEY_MASK) == key) {
                return (int) (packed >>> 40);
            }
            if (packed == 0) {
                return NONE;
            }
            slot = (slot + 1) & edgeMask;
        }
    }

    int termCount() {
        return terms.length;
    }

    /** Calls {@code sink} for every term occurrence (overlapping ones included), in order of their end. */
    void scan(CharSequence text, HitSink sink) {
        if (terms.length == 0) {
            return;
        }
        int[] ring = new int[ringMask + 1];
        int normalizedIndex = -1;
        int state = 0;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            int sym = symbolOfRaw[text.charAt(i)];
            if (sym == SKIPPED) {
                continue;
            }
            normalizedIndex++;
            ring[normalizedIndex & ringMask] = i;
            if (sym == 0) {
                state = 0;
                continue;
            }
            while (true) {
                if (state == 0) {
                    state = rootNext[sym];
                    break;
                }
                int next = edge(state, sym);
                if (next != NONE) {
                    state = next;
                    break;
                }
                state = fail[state];
            }
            if (state == 0) {
                continue;
            }
            int out = termAt[state] != NONE ? state : outLink[state];
            while (out != NONE) {
                int t = termAt[out];
                int start = ring[(normalizedIndex - termLength[t] + 1) & ringMask];
                if (!sink.hit(start, i + 1, terms[t])) {
                    return;
                }
                out = outLink[out];
            }
        }
    }

    /** Receives hits; returning false stops the scan. */
    @FunctionalInterface
    interface HitSink {
        boolean hit(int start, int end, String term);
    }
}
