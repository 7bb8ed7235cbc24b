package dev.moddesk.contract.rooms;

import java.util.List;

/** The whole word list at {@code version} (raised by one with every change), terms in the order they were added. */
public record WordList(long version, List<WordTerm> terms) {
    public WordList {
        terms = terms == null ? List.of() : List.copyOf(terms);
    }
}
