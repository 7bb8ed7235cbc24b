package dev.moddesk.server.rooms;

import dev.moddesk.contract.rooms.ScreenHit;
import dev.moddesk.screening.WordScreen;
import java.util.ArrayList;
import java.util.List;

/**
 * Screens chat lines with the shared {@code screening/} word screen: each hit keeps its range and its term's category.
 * The screen is the managed word list's ({@code rooms/words/ManagedWordList}, swapped atomically on every change);
 * HOLD is the platform's to apply before it shows a line (see docs/platform.md), so here every hit flags.
 */
final class MessageScreen {
    private final WordScreen words;

    MessageScreen(WordScreen words) {
        this.words = words;
    }

    List<ScreenHit> screen(String text) {
        var found = words.find(text);
        if (found.isEmpty()) {
            return List.of();
        }
        List<ScreenHit> hits = new ArrayList<>(found.size());
        for (var hit : found) {
            hits.add(new ScreenHit(hit.start(), hit.end(), hit.category()));
        }
        return hits;
    }
}
