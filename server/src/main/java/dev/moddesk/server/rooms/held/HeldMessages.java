package dev.moddesk.server.rooms.held;

import dev.moddesk.contract.ProblemType;
import dev.moddesk.contract.rooms.HeldMessage;
import dev.moddesk.contract.rooms.HeldStatus;
import dev.moddesk.contract.rooms.ModerationAction;
import dev.moddesk.contract.rooms.RoomHeld;
import dev.moddesk.contract.rooms.ScreenHit;
import dev.moddesk.screening.WordScreen;
import dev.moddesk.server.core.AuditLog;
import dev.moddesk.server.core.Principal;
import dev.moddesk.server.core.ProblemException;
import dev.moddesk.server.platform.ActionPublisher;
import dev.moddesk.server.platform.IngestNote;
import dev.moddesk.server.rooms.bus.RoomBus;
import dev.moddesk.server.rooms.bus.RoomBusException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The held-for-review queue. The platform's {@code message.held} stores a withheld message (screened again with the
 * current list for its highlights) with a deadline and appends a {@code held} event to its room (so every node's
 * stream tells the consoles at once); staff release or deny it, once; one nobody decides is dropped
 * at its deadline. Each settlement, in one transaction, marks the row, writes an audit entry, publishes
 * {@code message.released} / {@code message.denied} / {@code message.dropped} on the action feed and appends an
 * {@code action} event to the room (last, so a bus that cannot take it rolls the rest back).
 */
public final class HeldMessages {
    private static final Logger LOG = LoggerFactory.getLogger(HeldMessages.class);
    static final int MAX_LIST = 500;
    private static final int DROP_BATCH = 200;

    private final Jdbi jdbi;
    private final RoomBus bus;
    private final AuditLog audit;
    private final ActionPublisher feed;
    private final WordScreen words;
    private final Clock clock;
    private final Duration deadline;
    private final HeldStore store = new HeldStore();

    public HeldMessages(Jdbi jdbi, RoomBus bus, AuditLog audit, ActionPublisher feed, WordScreen words, Clock clock,
                        Duration deadline) {
        this.jdbi = jdbi;
        this.bus = bus;
        this.audit = audit;
        this.feed = feed;
        this.words = words;
        this.clock = clock;
        this.deadline = deadline;
    }

    /** How a settlement reads on the feed, in the room and in the audit log. */
    enum Outcome {
        RELEASED(HeldStatus.RELEASED, "message.released", "message.release"),
        DENIED(HeldStatus.DENIED, "message.denied", "message.deny"),
        DROPPED(HeldStatus.DROPPED, "message.dropped", "message.drop");

        final HeldStatus status;
        final String feedType;
        final String roomAction;

        Outcome(HeldStatus status, String feedType, String roomAction) {
            this.status = status;
            this.feedType = feedType;
            this.roomAction = roomAction;
        }
    }

    /** Stores a withheld message in the ingest transaction; a note when the platform held it before. */
    IngestNote hold(Handle h, String roomId, String messageId, String userId, String nickname, String text,
                Long listVersion, Instant occurredAt) {
        if (store.byMessage(h, roomId, messageId).isPresent()) {
            return IngestNote.of("rooms.held.alreadyHeld", messageId);
        }
        List<ScreenHit> hits = new ArrayList<>();
        for (var hit : words.find(text)) {
            hits.add(new ScreenHit(hit.start(), hit.end(), hit.category()));
        }
        Instant now = clock.instant();
        Instant heldAt = occurredAt == null ? now : occurredAt;
        long id = store.insert(h, new HeldStore.NewHeld(roomId, messageId, userId, nickname, text, hits, listVersion,
                heldAt, now.plus(deadline)));
        // Last: every node's room streams hear it and tell the consoles following the held queue at once.
        bus.append(roomId, List.of(new RoomBus.Pending(heldAt,
                new RoomHeld(id, messageId, userId, nickname, text, hits, now.plus(deadline)))));
        return null;
    }

    public List<HeldMessage> list(HeldStatus status, String roomId) {
        return jdbi.withHandle(h -> store.list(h, status, roomId, MAX_LIST));
    }

    /**
     * Releases or denies a held message. Deciding what it already is answers it unchanged (nothing published
     * again); a message settled otherwise is 409.
     */
    public HeldMessage decide(Principal actor, long id, Outcome outcome) {
        try {
            return jdbi.inTransaction(h -> {
                HeldMessage current = store.lock(h, id).orElseThrow(
                        () -> ProblemException.keyed(ProblemType.NOT_FOUND, "rooms.held.notFound", id));
                if (current.status() == outcome.status) {
                    return current;
                }
                if (current.status() != HeldStatus.HELD) {
                    throw ProblemException.keyed(ProblemType.CONFLICT, "rooms.held.settled", id,
                            current.status().name()).withExtension("heldStatus", current.status().name());
                }
                return settle(h, current, outcome, actor.staffId() == null ? null : actor.staffId().toString(),
                        actor.username(), AuditLog.Entry.by(actor, "room." + outcome.roomAction, "held_message",
                                Long.toString(id), current, null, null));
            });
        } catch (RoomBusException e) {
            throw ProblemException.keyed(ProblemType.UNAVAILABLE, "rooms.actions.busDown");
        }
    }

    /** Drops every message whose deadline has come (each in its own transaction); returns how many. */
    public int dropOverdue() {
        int dropped = 0;
        while (true) {
            Instant now = clock.instant();
            List<Long> ids = jdbi.withHandle(h -> store.overdue(h, now, DROP_BATCH));
            int before = dropped;
            for (long id : ids) {
                try {
                    if (jdbi.inTransaction(h -> dropOne(h, id, now))) {
                        dropped++;
                    }
                } catch (RoomBusException e) {
                    LOG.warn("A held message past its deadline could not be dropped yet; trying again later", e);
                    return dropped;
                }
            }
            if (ids.size() < DROP_BATCH || dropped == before) {
                return dropped;
            }
        }
    }

    /** Retention: removes at most {@code limit} settled messages decided before {@code cutoff}; returns how many. */
    public int pruneSettled(Instant cutoff, int limit) {
        return jdbi.inTransaction(h -> store.pruneSettled(h, cutoff, limit));
    }

    private boolean dropOne(Handle h, long id, Instant now) {
        HeldMessage current = store.lock(h, id).orElse(null);
        if (current == null || current.status() != HeldStatus.HELD || current.deadline().isAfter(now)) {
            return false;
        }
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("deadline", current.deadline());
        settle(h, current, Outcome.DROPPED, null, "system", new AuditLog.Entry(null, "system",
                "room." + Outcome.DROPPED.roomAction, "held_message", Long.toString(id), current, after,
                "deadline passed", null));
        return true;
    }

    private HeldMessage settle(Handle h, HeldMessage current, Outcome outcome, String staffId, String staffName,
                               AuditLog.Entry entry) {
        Instant now = clock.instant();
        store.settle(h, current.id(), outcome.status, staffName, now);
        audit.record(h, entry);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("room", current.room());
        payload.put("messageId", current.messageId());
        payload.put("userId", current.userId());
        payload.put("heldId", current.id());
        payload.put("status", outcome.status.name());
        feed.publish(h, outcome.feedType, "message", current.messageId(), payload);
        ModerationAction action = new ModerationAction("held-" + current.id(), outcome.roomAction, "message",
                current.messageId(), null, staffId, staffName,
                Map.of("heldId", Long.toString(current.id()), "userId", current.userId()), null);
        bus.append(current.room(), List.of(new RoomBus.Pending(now, action)));
        return store.lock(h, current.id()).orElseThrow();
    }
}
