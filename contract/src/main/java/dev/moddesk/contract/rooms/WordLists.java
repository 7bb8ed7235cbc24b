package dev.moddesk.contract.rooms;

import java.util.List;

/** What both sides know about the word list: its categories and actions, and the limits of a term. */
public final class WordLists {
    /** The categories a term may have (the console shows each in the user's language). */
    public static final List<String> CATEGORIES =
            List.of("contact", "ads", "sexual", "abuse", "gambling", "fraud", "general");
    /** FLAG marks and highlights a message; HOLD also has the platform withhold it until staff decide. */
    public static final List<String> ACTIONS = List.of("FLAG", "HOLD");
    public static final int MAX_TERM = 200;
    /** The most terms a list may hold: the whole list goes out with every change. */
    public static final int MAX_TERMS = 20_000;

    private WordLists() {
    }
}
