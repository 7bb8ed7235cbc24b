package dev.moddesk.server.rooms.words;

import dev.moddesk.contract.rooms.WordLists;
import dev.moddesk.contract.rooms.WordTermRequest;
import dev.moddesk.screening.TextNormalizer;
import dev.moddesk.server.core.FieldProblem;
import dev.moddesk.server.core.ProblemException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a term staff typed (hostile input like any other): required, at most {@link WordLists#MAX_TERM} chars, no
 * control or bidi characters, something left to match once folded; a known category and action; an expiry in the
 * future. Every refusal is a keyed 422 naming its field.
 */
final class WordRules {

    private WordRules() {
    }

    static WordListStore.Row check(WordTermRequest request, Instant now) {
        if (request == null) {
            throw ProblemException.invalid("term", "rooms.words.field.termEmpty");
        }
        List<FieldProblem> problems = new ArrayList<>();
        String term = request.term() == null ? "" : request.term().strip();
        String key = TextNormalizer.normalize(term);
        if (term.isEmpty()) {
            problems.add(FieldProblem.of("term", "rooms.words.field.termEmpty"));
        } else if (term.length() > WordLists.MAX_TERM) {
            problems.add(FieldProblem.of("term", "rooms.words.field.termLong", WordLists.MAX_TERM));
        } else if (hasControlOrBidi(term)) {
            problems.add(FieldProblem.of("term", "rooms.words.field.termControl"));
        } else if (key.isEmpty()) {
            problems.add(FieldProblem.of("term", "rooms.words.field.termNothing"));
        }
        if (request.category() == null || !WordLists.CATEGORIES.contains(request.category())) {
            problems.add(FieldProblem.of("category", "rooms.words.field.category",
                    String.join(", ", WordLists.CATEGORIES)));
        }
        if (request.action() == null || !WordLists.ACTIONS.contains(request.action())) {
            problems.add(FieldProblem.of("action", "rooms.words.field.action"));
        }
        if (request.expiresAt() != null && !request.expiresAt().isAfter(now)) {
            problems.add(FieldProblem.of("expiresAt", "rooms.words.field.expiryPast"));
        }
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
        return new WordListStore.Row(term, key, request.category(), request.action(), request.expiresAt());
    }

    private static boolean hasControlOrBidi(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c) || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069')
                    || c == '\u2028' || c == '\u2029') {
                return true;
            }
        }
        return false;
    }
}
