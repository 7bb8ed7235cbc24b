package dev.moddesk.screening;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Finds the terms of a word list in text, resisting the usual evasions: full-width letters (ＶＸ), case (Vx),
 * traditional characters (兼職), and symbols, spaces or zero-width characters inserted between letters (加.微.信).
 * Thread-safe. {@link #replaceTerms} swaps in a newly built automaton atomically: a scan in progress finishes on the
 * list it started with, the next one uses the new list.
 */
public final class WordScreen {

    private volatile TermAutomaton automaton;

    public WordScreen(Collection<String> terms) {
        this.automaton = new TermAutomaton(terms);
    }

    public static WordScreen empty() {
        return new WordScreen(List.of());
    }

    /** Replaces the whole list. Building happens on the caller's thread, before the swap. */
    public void replaceTerms(Collection<String> terms) {
        this.automaton = new TermAutomaton(terms);
    }

    public int termCount() {
        return automaton.termCount();
    }

    /** Every occurrence of a list term, with offsets in {@code text}, ordered by where they end. */
    public List<ScreenHit> find(CharSequence text) {
        List<ScreenHit> hits = new ArrayList<>(2);
        automaton.scan(text, (start, end, term) -> hits.add(new ScreenHit(start, end, term)));
        return hits;
    }

    /** Whether any list term occurs; stops at the first hit. */
    public boolean matchesAny(CharSequence text) {
        boolean[] found = {false};
        automaton.scan(text, (start, end, term) -> {
            found[0] = true;
            return false;
        });
        return found[0];
    }

    /** Counts occurrences without allocating hit objects (the benchmark's and a rate counter's path). */
    public int count(CharSequence text) {
        int[] n = {0};
        automaton.scan(text, (start, end, term) -> {
            n[0]++;
            return true;
        });
        return n[0];
    }
}
