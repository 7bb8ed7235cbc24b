package dev.moddesk.server.rooms.appeals;

import dev.moddesk.contract.ProblemType;
import dev.moddesk.server.core.FieldProblem;
import dev.moddesk.server.core.ProblemException;
import java.util.List;

/** Checks an appeal decision before anything is read: the key, and the note (the caller's hostile text). */
final class AppealRules {
    static final int MAX_KEY = 200;
    static final int MAX_NOTE = 500;

    private AppealRules() {
    }

    static void requireKey(String key) {
        if (key == null || key.isBlank() || key.length() > MAX_KEY) {
            throw ProblemException.keyed(ProblemType.BAD_REQUEST, "rooms.actions.needsKey", MAX_KEY);
        }
    }

    static void checkNote(String note) {
        if (note != null && (note.length() > MAX_NOTE
                || note.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n'))) {
            throw ProblemException.invalid(List.of(FieldProblem.of("note", "rooms.reports.field.note", MAX_NOTE)));
        }
    }
}
