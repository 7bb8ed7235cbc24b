package dev.moddesk.server.rooms.actions;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.moddesk.contract.ProblemType;
import dev.moddesk.contract.rooms.ModerationAction;
import dev.moddesk.contract.rooms.RoomActionRequest;
import dev.moddesk.contract.rooms.RoomActionResult;
import dev.moddesk.contract.rooms.RoomClosed;
import dev.moddesk.contract.rooms.RoomEvent;
import dev.moddesk.contract.rooms.RoomStatus;
import dev.moddesk.contract.rooms.SlowModeChange;
import dev.moddesk.server.core.AuditLog;
import dev.moddesk.server.core.Json;
import dev.moddesk.server.core.Principal;
import dev.moddesk.server.core.ProblemException;
import dev.moddesk.server.core.Sql;
import dev.moddesk.server.platform.ActionPublisher;
import dev.moddesk.server.rooms.bus.RoomBus;
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
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * Takes a staff action in a room, once per Idempotency-Key: in one transaction it stores the action, writes its audit
 * entry with the evidence (the room's and the user's last lines), publishes it on the action feed and appends the
 * {@code action} event (plus {@code closed} / {@code slow-mode} where the room's state changes) to the room bus, last,
 * so a bus that cannot take it rolls the rest back (503). A replay with the same key answers the stored result.
 */
public final class RoomActions {

    private final Jdbi jdbi;
    private final RoomBus bus;
    private final AuditLog audit;
    private final ActionPublisher feed;
    private final Clock clock;
    private final RoomActionStore store = new RoomActionStore();
    private final RoomEvidence evidence;
    private final ActionFollower follower;

    public RoomActions(Jdbi jdbi, RoomBus bus, AuditLog audit, ActionPublisher feed, Clock clock) {
        this(jdbi, bus, audit, feed, clock, ActionFollower.NONE);
    }

    /** {@code follower} hears every action in its transaction (live rooms: the user reports it resolves). */
    public RoomActions(Jdbi jdbi, RoomBus bus, AuditLog audit, ActionPublisher feed, Clock clock,
                       ActionFollower follower) {
        this.follower = follower;
        this.jdbi = jdbi;
        this.bus = bus;
        this.audit = audit;
        this.feed = feed;
        this.clock = clock;
        this.evidence = new RoomEvidence(bus);
    }

    public RoomActionResult take(Principal actor, String roomId, String key, RoomActionRequest request) {
        RoomActionRules.requireKey(key);
        RoomActionKind kind = RoomActionRules.check(roomId, request);
        String hash = hash(roomId, request);
        try {
            return jdbi.inTransaction(h -> takeOnce(h, actor, roomId, key, hash, kind, request));
        } catch (JdbiException e) {
            if (!Sql.isUniqueViolation(e)) {
                throw e;
            }
            // Another request with this key (or undoing the same action) committed first: answer as it left things.
            return jdbi.inTransaction(h -> takeOnce(h, actor, roomId, key, hash, kind, request));
        } catch (RoomBusException e) {
            throw ProblemException.keyed(ProblemType.UNAVAILABLE, "rooms.actions.busDown");
        }
    }

    /**
     * Takes an action inside the caller's transaction (an appeal's lift undoes its sanction in the appeal's own
     * transaction); a replay with the same key answers the stored result. The caller maps a bus failure.
     */
    public RoomActionResult takeWithin(Handle h, Principal actor, String roomId, String key,
                                       RoomActionRequest request) {
        RoomActionRules.requireKey(key);
        RoomActionKind kind = RoomActionRules.check(roomId, request);
        return takeOnce(h, actor, roomId, key, hash(roomId, request), kind, request);
    }

    private RoomActionResult takeOnce(Handle h, Principal actor, String roomId, String key, String hash,
                                      RoomActionKind kind, RoomActionRequest request) {
        var stored = store.byKey(h, actor.staffId(), key);
        if (stored.isPresent()) {
            if (!stored.get().requestHash().equals(hash) || stored.get().responseJson() == null) {
                throw ProblemException.keyed(ProblemType.IDEMPOTENCY_KEY_REUSED, "rooms.actions.keyReused", key);
            }
            return read(stored.get().responseJson());
        }
        Instant now = clock.instant();
        Long undoes = null;
        String targetId = kind.target() == RoomActionKind.Target.ROOM ? roomId : request.targetId();
        String targetUser = null;
        if (kind.undoes().isPresent()) {
            RoomActionStore.Row original = undoTarget(h, roomId, kind, Long.parseLong(request.undoes()));
            undoes = original.id();
            targetId = original.targetId();
            targetUser = original.targetUserId();
        }
        RoomEvidence.Evidence found = evidence.collect(roomId,
                kind.target() == RoomActionKind.Target.USER ? targetId : null,
                kind.target() == RoomActionKind.Target.MESSAGE ? targetId : null);
        if (kind.target() == RoomActionKind.Target.USER) {
            targetUser = targetId;
        } else if (kind.target() == RoomActionKind.Target.MESSAGE && !found.userLines().isEmpty()) {
            targetUser = found.userLines().getFirst().userId(); // the author, when the window still has the line
        }
        long id = store.insert(h, roomId, kind, targetId, targetUser, actor.staffId(), key, hash, undoes, now);
        String actionId = Long.toString(id);
        ModerationAction action = new ModerationAction(actionId, kind.wire(), kind.target().wire(), targetId,
                request.reason(), Long.toString(actor.staffId()), actor.username(), request.params(),
                undoes == null ? null : Long.toString(undoes));

        Map<String, Object> after = new LinkedHashMap<>();
        after.put("room", roomId);
        after.put("action", action);
        after.put("evidence", found);
        audit.record(h, AuditLog.Entry.by(actor, "room." + kind.wire(), kind.target().wire(), targetId, null, after,
                request.reason()));

        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("room", roomId);
        payload.put("action", action);
        long feedId = feed.publish(h, "room." + kind.wire(), kind.target().wire(), targetId, payload);
        if (undoes != null) {
            store.markUndone(h, undoes, id);
        }
        follower.acted(h, actor, roomId, kind.wire(), targetId, targetUser, id);

        List<RoomEvent> appended = bus.append(roomId, events(kind, action, request, actor, now));
        RoomActionResult result = new RoomActionResult(roomId, appended.getFirst().seq(), feedId, action);
        store.answer(h, id, write(result), write(found));
        return result;
    }

    private RoomActionStore.Row undoTarget(Handle h, String roomId, RoomActionKind kind, long originalId) {
        RoomActionStore.Row original = store.lockInRoom(h, originalId, roomId)
                .orElseThrow(() -> ProblemException.keyed(ProblemType.NOT_FOUND, "rooms.actions.undoNotFound",
                        originalId));
        String expected = kind.undoes().orElseThrow().wire();
        if (!expected.equals(original.action())) {
            throw ProblemException.keyed(ProblemType.CONFLICT, "rooms.actions.undoMismatch", kind.wire(), expected)
                    .withExtension("undoes", original.action());
        }
        if (original.undoneBy() != null) {
            throw ProblemException.keyed(ProblemType.CONFLICT, "rooms.actions.alreadyUndone", originalId)
                    .withExtension("undoneBy", Long.toString(original.undoneBy()));
        }
        return original;
    }

    /** The events the action appends: itself first, then the room state it changes. */
    private static List<RoomBus.Pending> events(RoomActionKind kind, ModerationAction action,
                                                RoomActionRequest request, Principal actor, Instant now) {
        List<RoomBus.Pending> out = new ArrayList<>();
        out.add(new RoomBus.Pending(now, action));
        if (kind == RoomActionKind.ROOM_CLOSE) {
            out.add(new RoomBus.Pending(now, new RoomClosed(RoomStatus.CLOSED, request.reason(),
                    Long.toString(actor.staffId()))));
        } else if (kind == RoomActionKind.ROOM_SLOW_MODE) {
            out.add(new RoomBus.Pending(now, new SlowModeChange(Integer.parseInt(request.params().get("seconds")),
                    Long.toString(actor.staffId()), actor.username())));
        }
        return out;
    }

    private static String hash(String roomId, RoomActionRequest request) {
        try {
            String text = Json.mapper().writeValueAsString(java.util.Arrays.asList(roomId, request.action(),
                    request.targetId(), request.reason(), request.undoes(), new java.util.TreeMap<>(request.params())));
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String write(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RoomActionResult read(String json) {
        try {
            return Json.mapper().readValue(json, RoomActionResult.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored room action answer is unreadable", e);
        }
    }
}
