package dev.moddesk.screening;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Finds the terms of a word list in text, resisting the usual evasions: full-width letters (ＶＸ), case (Vx), styled
 * and enclosed letters (𝐯𝐱, ⓥⓧ), traditional characters (兼職), repeated characters (加加微微信信), and symbols,
 * spaces, zero-width or combining characters inserted between letters (加.微.信). Each term carries a category and an
 * action (FLAG or HOLD) that its hits report, and may expire; expiry is judged with the injected clock.
 *
 * <p>Thread-safe. {@link #replaceList} swaps in a newly built automaton atomically: a scan in progress finishes on
 * the list it started with, the next one uses the new list. The same class screens on the server, in the sandbox
 * platform and (for personal watch lists) in the console.
 */
public final class WordScreen {

    private final InstantSource clock;
    private volatile TermAutomaton automaton;

    private WordScreen(Collection<ScreenTerm> terms, InstantSource clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.automaton = AutomatonBuilder.build(terms);
    }

    /** A list of plain FLAG terms in the default category that never expire. */
    public WordScreen(Collection<String> terms) {
        this(plain(terms), InstantSource.system());
    }

    /** A list of full entries; expiries are judged with {@code clock}. */
    public static WordScreen of(Collection<ScreenTerm> terms, InstantSource clock) {
        return new WordScreen(terms, clock);
    }

    public static WordScreen empty() {
        return new WordScreen(List.of(), InstantSource.system());
    }

    /** Replaces the whole list with plain FLAG terms. Building happens on the caller's thread, before the swap. */
    public void replaceTerms(Collection<String> terms) {
        replaceList(plain(terms));
    }

    /** Replaces the whole list. Building happens on the caller's thread, before the swap. */
    public void replaceList(Collection<ScreenTerm> terms) {
        this.automaton = AutomatonBuilder.build(terms);
    }

    /** Distinct entries in the list (terms that fold to nothing, and exact duplicates after folding, are dropped). */
    public int termCount() {
        return automaton.termCount();
    }

    /** Every occurrence of a live list term, with offsets in {@code text}, ordered by where they end. */
    public List<ScreenHit> find(CharSequence text) {
        List<ScreenHit> hits = new ArrayList<>(2);
        automaton.scan(text, clock, (start, end, term) -> hits.add(ScreenHit.of(start, end, term)));
        return hits;
    }

    /** Whether any live list term occurs; stops at the first hit. */
    public boolean matchesAny(CharSequence text) {
        boolean[] found = {false};
        automaton.scan(text, clock, (start, end, term) -> {
            found[0] = true;
            return false;
        });
        return found[0];
    }

    /** Whether a live HOLD term occurs (the message must be withheld); stops at the first such hit. */
    public boolean holds(CharSequence text) {
        boolean[] hold = {false};
        automaton.scan(text, clock, (start, end, term) -> {
            hold[0] = term.action() == ScreenAction.HOLD;
            return !hold[0];
        });
        return hold[0];
    }

    /** Counts occurrences without allocating hit objects (the benchmark's and a rate counter's path). */
    public int count(CharSequence text) {
        return automaton.scan(text, clock, null);
    }

    private static List<ScreenTerm> plain(Collection<String> terms) {
        List<ScreenTerm> out = new ArrayList<>(terms.size());
        for (String t : terms) {
            if (t != null) {
                out.add(ScreenTerm.flag(t));
            }
        }
        return out;
    }
}
