package dev.moddesk.server.rooms.actions;

import dev.moddesk.contract.ProblemType;
import dev.moddesk.contract.rooms.RoomActionRequest;
import dev.moddesk.server.core.FieldProblem;
import dev.moddesk.server.core.ProblemException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Checks a room action request before anything is read or written; every field is the caller's (hostile) text. */
final class RoomActionRules {

    static final int MAX_KEY = 200;
    static final int MAX_ID = 200;
    static final int MAX_REASON = 500;

    private RoomActionRules() {
    }

    static void requireKey(String key) {
        if (key == null || key.isBlank() || key.length() > MAX_KEY) {
            throw ProblemException.keyed(ProblemType.BAD_REQUEST, "rooms.actions.needsKey", MAX_KEY);
        }
    }

    /** The request's kind; 422 naming every bad field otherwise. */
    static RoomActionKind check(String roomId, RoomActionRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        if (!plainId(roomId)) {
            problems.add(FieldProblem.of("room", "rooms.actions.field.id", MAX_ID));
        }
        RoomActionKind kind = RoomActionKind.ofWire(request.action()).orElse(null);
        if (kind == null) {
            problems.add(FieldProblem.of("action", "rooms.actions.field.action"));
            throw ProblemException.invalid(problems);
        }
        String reason = request.reason();
        if (reason != null && reason.length() > MAX_REASON) {
            problems.add(FieldProblem.of("reason", "rooms.actions.field.reasonLength", MAX_REASON));
        } else if (kind.needsReason() && (reason == null || reason.isBlank())) {
            problems.add(FieldProblem.of("reason", "rooms.actions.field.reasonRequired"));
        }
        boolean undo = kind.undoes().isPresent();
        if (undo && (request.undoes() == null || !request.undoes().matches("[0-9]{1,18}"))) {
            problems.add(FieldProblem.of("undoes", "rooms.actions.field.undoes"));
        } else if (!undo && request.undoes() != null) {
            problems.add(FieldProblem.of("undoes", "rooms.actions.field.notUndo"));
        }
        if (!undo && kind.target() != RoomActionKind.Target.ROOM && !plainId(request.targetId())) {
            problems.add(FieldProblem.of("targetId", "rooms.actions.field.id", MAX_ID));
        }
        checkParams(kind, request.params(), problems);
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
        return kind;
    }

    private static void checkParams(RoomActionKind kind, Map<String, String> params, List<FieldProblem> problems) {
        String name = kind.param().paramName();
        for (String given : params.keySet()) {
            if (!given.equals(name)) {
                problems.add(FieldProblem.of("params", "rooms.actions.field.paramUnknown"));
                return;
            }
        }
        if (name == null) {
            return;
        }
        String value = params.get(name);
        boolean ok = value != null && value.matches("[0-9]{1,6}") && kind.param().allows(Integer.parseInt(value));
        if (!ok) {
            problems.add(FieldProblem.of("params." + name, "rooms.actions.field.param", kind.param().allowed()));
        }
    }

    /** 1 to {@link #MAX_ID} characters, none of them a control character. */
    static boolean plainId(String id) {
        return id != null && !id.isBlank() && id.length() <= MAX_ID && id.chars().noneMatch(Character::isISOControl);
    }
}
