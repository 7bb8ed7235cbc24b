package dev.moddesk.server.rooms;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.moddesk.contract.rooms.RoomEvent;
import dev.moddesk.contract.rooms.RoomMessage;
import dev.moddesk.server.core.DataLifecycle;
import dev.moddesk.server.core.ErasureSubject;
import dev.moddesk.server.core.Json;
import dev.moddesk.server.core.PersonalData;
import dev.moddesk.server.core.Prunable;
import dev.moddesk.server.core.Services;
import dev.moddesk.server.rooms.bus.RoomBus;
import dev.moddesk.server.rooms.bus.RoomBuses;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Live rooms' place in the data lifecycle. Held messages and flagged lines age out after the held-messages retention
 * ({@code rooms.held_messages}, 90 days by default); staff actions and the action events kept with them after the
 * audit retention ({@code rooms.actions}), like the evidence in their audit entries. An erased user's held messages
 * keep their room, status and decision without nickname or text; their flagged lines, the actions on them and the
 * rooms they host or sit in keep their facts under the pseudonym, with their texts scrubbed. The chat lines kept as
 * evidence in audit entries are found here and scrubbed by the audit log.
 */
final class RoomsLifecycle implements PersonalData {

    static final String HELD_KIND = "rooms.held_messages";
    static final String ACTIONS_KIND = "rooms.actions";
    private static final String MESSAGE = "message";

    private final Jdbi jdbi;
    private final RoomLifecycleStore store;
    private final RoomBus bus;

    private RoomsLifecycle(Services services) {
        this.jdbi = services.database().jdbi();
        this.bus = RoomBuses.of(services);
        this.store = new RoomLifecycleStore(services.database().isPostgres());
    }

    /** Registers live rooms' retention kinds and personal data with the server's lifecycle. */
    static void register(Services services) {
        RoomsLifecycle lifecycle = new RoomsLifecycle(services);
        var retention = services.config().retention();
        DataLifecycle.of(services)
                .register(Prunable.inTransactions(lifecycle.jdbi, HELD_KIND, retention.heldMessages(),
                        lifecycle::pruneHeld))
                .register(Prunable.inTransactions(lifecycle.jdbi, ACTIONS_KIND, retention.auditLog(),
                        lifecycle::pruneActions))
                .register(lifecycle);
    }

    /** Settled held messages, then flagged lines kept as events, up to {@code limit} in all. */
    private int pruneHeld(Handle h, Instant cutoff, int limit) {
        int n = store.pruneHeld(h, cutoff, limit);
        return n < limit ? n + store.pruneKept(h, MESSAGE, false, cutoff, limit - n) : n;
    }

    /** Staff actions, then the action events kept with them, up to {@code limit} in all. */
    private int pruneActions(Handle h, Instant cutoff, int limit) {
        int n = store.pruneActions(h, cutoff, limit);
        return n < limit ? n + store.pruneKept(h, MESSAGE, true, cutoff, limit - n) : n;
    }

    @Override
    public String part() {
        return "rooms";
    }

    @Override
    public Found find(Handle handle, String userId) {
        Set<String> texts = new HashSet<>();
        Set<Reference> references = new HashSet<>();
        for (var held : store.held(handle, userId)) {
            add(texts, held.nickname());
            add(texts, held.text());
            references.add(new Reference("held_message", Long.toString(held.id())));
            references.add(new Reference(MESSAGE, held.messageId()));
        }
        for (var kept : store.keptAbout(handle, userId)) {
            JsonNode payload = tree(kept.eventJson()).path("payload");
            if (userId.equals(payload.path("userId").asText(null))) {
                add(texts, payload.path("nickname").asText(null));
                add(texts, payload.path("text").asText(null));
                String messageId = payload.path("messageId").asText(null);
                if (messageId != null) {
                    references.add(new Reference(MESSAGE, messageId));
                }
            }
        }
        for (var room : store.roomsAbout(handle, userId)) {
            if (userId.equals(room.hostId())) {
                add(texts, room.hostName());
            }
        }
        for (String after : store.actionEvidence(handle, userId)) {
            JsonNode evidence = tree(after).path("evidence");
            for (String list : new String[] {"roomLines", "userLines"}) {
                for (JsonNode line : evidence.path(list)) {
                    if (userId.equals(line.path("userId").asText(null))) {
                        add(texts, line.path("nickname").asText(null));
                        add(texts, line.path("text").asText(null));
                    }
                }
            }
        }
        return new Found(texts, references);
    }

    @Override
    public List<Removed> erase(Handle handle, ErasureSubject subject) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("rooms.erased.held", store.eraseHeld(handle, subject.userId(), subject.pseudonym(),
                ErasureSubject.ERASED_TEXT));
        int kept = 0;
        for (var k : store.keptAbout(handle, subject.userId())) {
            String user = k.userId() == null ? null : subject.scrubText(k.userId());
            String json = subject.scrubJson(k.eventJson());
            if (!Objects.equals(user, k.userId()) || !json.equals(k.eventJson())) {
                kept += store.rewriteKept(handle, k, user, json);
            }
        }
        counts.put("rooms.erased.kept", kept);
        int rooms = 0;
        for (var r : store.roomsAbout(handle, subject.userId())) {
            boolean host = subject.userId().equals(r.hostId());
            var scrubbed = new RoomLifecycleStore.Room(r.roomId(), subject.scrubText(r.title()),
                    host ? subject.pseudonym() : r.hostId(), host ? ErasureSubject.ERASED_TEXT : r.hostName(),
                    subject.scrubJson(r.seatsJson()), subject.scrubJson(r.songsJson()),
                    subject.scrubJson(r.sourceJson()));
            rooms += store.rewriteRoom(handle, scrubbed);
        }
        counts.put("rooms.erased.rooms", rooms);
        int actions = 0;
        for (var a : store.actionsAbout(handle, subject.userId())) {
            actions += store.rewriteAction(handle, a.id(), subject.scrubText(a.targetId()),
                    a.targetUserId() == null ? null : subject.scrubText(a.targetUserId()),
                    subject.scrubJson(a.responseJson()));
        }
        // The evidence kept with each action (for appeals) holds the user's lines in any action taken near them.
        for (var e : store.evidenceAbout(handle, subject.userId())) {
            String scrubbed = subject.scrubJson(e.getValue());
            if (!scrubbed.equals(e.getValue())) {
                store.rewriteEvidence(handle, e.getKey(), scrubbed);
            }
        }
        counts.put("rooms.erased.actions", actions);
        // Not undone if the transaction rolls back: the lines are the user's either way, and erasing again is safe.
        counts.put("rooms.erased.streamEvents", bus.scrubUser(subject.userId(), subject.pseudonym()));
        return PersonalData.counts(counts);
    }

    /** The most chat lines from the live window one access export lists. */
    static final int STREAM_LINES_EXPORTED = 100_000;

    @Override
    public Object export(Handle handle, String userId) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("heldMessages", store.exportHeld(handle, userId));
        List<Object> flagged = new ArrayList<>();
        List<Object> hosted = new ArrayList<>();
        for (var k : store.keptAbout(handle, userId)) {
            if (MESSAGE.equals(k.type()) && userId.equals(k.userId())) {
                flagged.add(Json.mapper().convertValue(tree(k.eventJson()), Object.class));
            }
        }
        for (var r : store.roomsAbout(handle, userId)) {
            if (userId.equals(r.hostId())) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("room", r.roomId());
                m.put("title", r.title());
                m.put("hostName", r.hostName());
                hosted.add(m);
            }
        }
        out.put("flaggedMessages", flagged);
        // Every line of theirs the live window still holds (NATS JetStream with --nats-url, else this node's memory).
        List<Object> lines = new ArrayList<>();
        for (RoomEvent e : bus.linesBy(userId, STREAM_LINES_EXPORTED)) {
            RoomMessage m = (RoomMessage) e.payload();
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("room", e.roomId());
            line.put("seq", e.seq());
            line.put("at", e.at());
            line.put("nickname", m.nickname());
            line.put("text", m.text());
            lines.add(line);
        }
        out.put("chatLinesInLiveWindow", lines);
        out.put("hostedRooms", hosted);
        out.put("actionsOnUser", store.actionsAbout(handle, userId).stream()
                .filter(a -> userId.equals(a.targetId()) || userId.equals(a.targetUserId()))
                .map(RoomLifecycleStore.Action::export).toList());
        return out;
    }

    private static JsonNode tree(String json) {
        try {
            return json == null ? Json.mapper().missingNode() : Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            return Json.mapper().missingNode();
        }
    }

    private static void add(Set<String> texts, String text) {
        if (text != null && !text.isBlank()) {
            texts.add(text.strip());
        }
    }
}
