package dev.moddesk.server.rooms.reports;

import dev.moddesk.contract.ProblemType;
import dev.moddesk.contract.rooms.ReportDismissRequest;
import dev.moddesk.server.core.FieldProblem;
import dev.moddesk.server.core.ProblemException;
import java.util.ArrayList;
import java.util.List;

/** Checks a dismissal before anything is read; every field is the caller's (hostile) text. */
final class ReportRules {

    static final int MAX_KEY = 200;
    static final int MAX_ID = 200;
    static final int MAX_NOTE = 500;

    private ReportRules() {
    }

    static void requireKey(String key) {
        if (key == null || key.isBlank() || key.length() > MAX_KEY) {
            throw ProblemException.keyed(ProblemType.BAD_REQUEST, "rooms.actions.needsKey", MAX_KEY);
        }
    }

    static void check(ReportDismissRequest r) {
        List<FieldProblem> problems = new ArrayList<>();
        if (!plainId(r.roomId())) {
            problems.add(FieldProblem.of("roomId", "rooms.actions.field.id", MAX_ID));
        }
        if (r.targetKind() == null) {
            problems.add(FieldProblem.of("targetKind", "rooms.reports.field.targetKind"));
        }
        if (!plainId(r.targetId())) {
            problems.add(FieldProblem.of("targetId", "rooms.actions.field.id", MAX_ID));
        }
        if (r.reason() == null) {
            problems.add(FieldProblem.of("reason", "rooms.reports.field.reason"));
        }
        if (r.note() != null && (r.note().length() > MAX_NOTE
                || r.note().chars().anyMatch(c -> Character.isISOControl(c) && c != '\n'))) {
            problems.add(FieldProblem.of("note", "rooms.reports.field.note", MAX_NOTE));
        }
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
    }

    static boolean plainId(String id) {
        return id != null && !id.isBlank() && id.length() <= MAX_ID && id.chars().noneMatch(Character::isISOControl);
    }

    static String shortened(String raw) {
        return raw.length() <= 80 ? raw : raw.substring(0, 80) + "…";
    }
}
