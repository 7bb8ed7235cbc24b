package dev.moddesk.server.rooms.appeals;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.moddesk.contract.ProblemType;
import dev.moddesk.contract.rooms.Appeal;
import dev.moddesk.contract.rooms.ModerationAction;
import dev.moddesk.contract.rooms.RoomActionRequest;
import dev.moddesk.contract.rooms.RoomActionResult;
import dev.moddesk.server.core.AuditLog;
import dev.moddesk.server.core.Json;
import dev.moddesk.server.core.Principal;
import dev.moddesk.server.core.ProblemException;
import dev.moddesk.server.core.Sql;
import dev.moddesk.server.platform.ActionPublisher;
import dev.moddesk.server.platform.IngestNote;
import dev.moddesk.server.rooms.actions.RoomActions;
import dev.moddesk.server.rooms.bus.RoomBusException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * Appeals against room sanctions. The platform's {@code appeal.created} names the sanction (a room action id) and
 * the user appealing; it is queued only for a sanction against that user that still stands. Staff see it next to the
 * sanction and the evidence kept with it, and uphold it (the sanction stays) or lift it: the sanction's own undo
 * (unmute, lift the kick) taken through {@link RoomActions} in the appeal's transaction. Each decision, once per
 * Idempotency-Key: the appeal marked, an audit entry ({@code room.appeal.uphold|lift}) and an {@code appeal.decided}
 * feed action.
 */
public final class RoomAppeals {

    static final String OPEN = "OPEN";
    static final String UPHELD = "UPHELD";
    static final String LIFTED = "LIFTED";
    static final int MAX_LIST = 500;
    /** Sanctions a user can appeal (an undo or a room-wide action is not against them). */
    static final Set<String> APPEALABLE = Set.of("user.mute", "user.kick", "user.warn", "message.delete");
    private static final Map<String, String> UNDO = Map.of("user.mute", "user.unmute", "user.kick", "user.kick.lift");

    /** Why an appeal was not queued; the ingest handler refuses or notes it, keyed. */
    enum Received { QUEUED, AGAIN, UNKNOWN_ACTION, NOT_A_SANCTION, NOT_THEIRS, ALREADY_LIFTED }

    private final Jdbi jdbi;
    private final RoomActions actions;
    private final AuditLog audit;
    private final ActionPublisher feed;
    private final Clock clock;
    private final AppealStore store = new AppealStore();

    public RoomAppeals(Jdbi jdbi, RoomActions actions, AuditLog audit, ActionPublisher feed, Clock clock) {
        this.jdbi = jdbi;
        this.actions = actions;
        this.audit = audit;
        this.feed = feed;
        this.clock = clock;
    }

    Received receive(Handle h, String appealId, String userId, long actionId, String text, Instant at) {
        if (store.exists(h, appealId)) {
            return Received.AGAIN;
        }
        AppealStore.Action action = store.action(h, actionId, false).orElse(null);
        if (action == null) {
            return Received.UNKNOWN_ACTION;
        }
        if (action.undoes() != null || !APPEALABLE.contains(action.action())) {
            return Received.NOT_A_SANCTION;
        }
        if (!userId.equals(action.targetUserId())) {
            return Received.NOT_THEIRS;
        }
        if (action.undoneBy() != null) {
            return Received.ALREADY_LIFTED;
        }
        store.insert(h, appealId, userId, actionId, action.roomId(), text, at == null ? clock.instant() : at);
        return Received.QUEUED;
    }

    /** Appeals in {@code status} (OPEN, UPHELD, LIFTED; null: all), oldest first, with their sanctions. */
    public List<Appeal> list(String status) {
        return jdbi.withHandle(h -> {
            List<Appeal> out = new ArrayList<>();
            for (var row : store.list(h, status, MAX_LIST)) {
                out.add(view(h, row));
            }
            return out;
        });
    }

    public Appeal decide(Principal actor, long id, String key, boolean lift, String note) {
        AppealRules.requireKey(key);
        AppealRules.checkNote(note);
        String hash = hash(id, lift, note);
        try {
            return jdbi.inTransaction(h -> decideOnce(h, actor, id, key, hash, lift, note));
        } catch (JdbiException e) {
            if (!Sql.isUniqueViolation(e)) {
                throw e;
            }
            return jdbi.inTransaction(h -> decideOnce(h, actor, id, key, hash, lift, note));
        } catch (RoomBusException e) {
            throw ProblemException.keyed(ProblemType.UNAVAILABLE, "rooms.actions.busDown");
        }
    }

    private Appeal decideOnce(Handle h, Principal actor, long id, String key, String hash, boolean lift,
                              String note) {
        var stored = store.byKey(h, actor.staffId(), key);
        if (stored.isPresent()) {
            if (!hash.equals(stored.get().requestHash()) || stored.get().responseJson() == null) {
                throw ProblemException.keyed(ProblemType.IDEMPOTENCY_KEY_REUSED, "rooms.actions.keyReused", key);
            }
            return read(stored.get().responseJson());
        }
        AppealStore.Row appeal = store.lock(h, id).orElseThrow(
                () -> ProblemException.keyed(ProblemType.NOT_FOUND, "rooms.appeals.notFound", id));
        if (!OPEN.equals(appeal.status())) {
            throw ProblemException.keyed(ProblemType.CONFLICT, "rooms.appeals.decided", id, appeal.status())
                    .withExtension("appealStatus", appeal.status());
        }
        AppealStore.Action action = store.action(h, appeal.actionId(), true).orElseThrow(
                () -> ProblemException.keyed(ProblemType.CONFLICT, "rooms.appeals.actionGone", appeal.actionId()));
        if (action.undoneBy() != null) {
            throw ProblemException.keyed(ProblemType.CONFLICT, "rooms.appeals.alreadyLifted", appeal.actionId())
                    .withExtension("undoneBy", Long.toString(action.undoneBy()));
        }
        Long undoId = null;
        if (lift) {
            String undo = UNDO.get(action.action());
            if (undo == null) {
                throw ProblemException.keyed(ProblemType.CONFLICT, "rooms.appeals.cannotLift", action.action());
            }
            RoomActionResult undone = actions.takeWithin(h, actor, action.roomId(), "appeal-" + appeal.id(),
                    new RoomActionRequest(undo, null, note == null || note.isBlank() ? "appeal " + appeal.appealId()
                            : note, Map.of(), Long.toString(action.id())));
            undoId = Long.parseLong(undone.action().actionId());
        }
        Instant now = clock.instant();
        String outcome = lift ? LIFTED : UPHELD;
        store.decide(h, id, outcome, note, undoId, actor.staffId(), actor.username(), now, key, hash);
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("appealId", appeal.appealId());
        after.put("actionId", Long.toString(action.id()));
        after.put("outcome", outcome);
        after.put("undoActionId", undoId == null ? null : Long.toString(undoId));
        audit.record(h, AuditLog.Entry.by(actor, lift ? "room.appeal.lift" : "room.appeal.uphold", "appeal",
                appeal.appealId(), null, after, note));
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("appealId", appeal.appealId());
        payload.put("userId", appeal.userId());
        payload.put("room", action.roomId());
        payload.put("actionId", Long.toString(action.id()));
        payload.put("action", action.action());
        payload.put("outcome", outcome);
        payload.put("undoActionId", undoId == null ? null : Long.toString(undoId));
        feed.publish(h, "appeal.decided", "appeal", appeal.appealId(), payload);
        Appeal result = view(h, store.lock(h, id).orElseThrow());
        store.answer(h, id, write(result));
        return result;
    }

    private Appeal view(Handle h, AppealStore.Row row) {
        AppealStore.Action action = store.action(h, row.actionId(), false).orElse(null);
        ModerationAction sanction = null;
        List<Appeal.EvidenceLine> roomLines = List.of();
        List<Appeal.EvidenceLine> userLines = List.of();
        if (action != null) {
            try {
                sanction = action.responseJson() == null ? null
                        : Json.mapper().readValue(action.responseJson(), RoomActionResult.class).action();
                if (action.evidenceJson() != null) {
                    JsonNode evidence = Json.mapper().readTree(action.evidenceJson());
                    roomLines = lines(evidence.path("roomLines"));
                    userLines = lines(evidence.path("userLines"));
                }
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a stored room action is unreadable", e);
            }
        }
        return new Appeal(row.id(), row.appealId(), row.userId(), row.text(), row.receivedAt(), row.status(),
                row.roomId(), action == null ? null : action.roomTitle(), sanction,
                action == null ? null : action.createdAt(), action != null && action.undoneBy() != null, roomLines,
                userLines, row.note(), row.staffName(), row.decidedAt(),
                row.undoId() == null ? null : Long.toString(row.undoId()));
    }

    private static List<Appeal.EvidenceLine> lines(JsonNode list) {
        List<Appeal.EvidenceLine> out = new ArrayList<>();
        for (JsonNode l : list) {
            out.add(new Appeal.EvidenceLine(l.path("seq").asLong(), l.path("at").asText(null),
                    l.path("messageId").asText(null), l.path("userId").asText(null), l.path("nickname").asText(null),
                    l.path("text").asText(null)));
        }
        return out;
    }

    private static String hash(long id, boolean lift, String note) {
        try {
            String text = Json.mapper().writeValueAsString(java.util.Arrays.asList(id, lift, note));
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String write(Appeal appeal) {
        try {
            return Json.mapper().writeValueAsString(appeal);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Appeal read(String json) {
        try {
            return Json.mapper().readValue(json, Appeal.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored appeal decision is unreadable", e);
        }
    }
}
