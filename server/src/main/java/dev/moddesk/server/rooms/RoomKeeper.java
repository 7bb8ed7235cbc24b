package dev.moddesk.server.rooms;

import dev.moddesk.contract.rooms.ModerationAction;
import dev.moddesk.contract.rooms.RoomEvent;
import dev.moddesk.contract.rooms.RoomMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the room events that must outlive the bus's window ({@code room_kept_event}): flagged messages (one
 * transaction per ingest run, which also counts them on the room) and, through {@link #keep}, actions. A failure is
 * logged: the events are on the stream already, and only their long-term copy is missing.
 */
final class RoomKeeper {
    private static final Logger LOG = LoggerFactory.getLogger(RoomKeeper.class);

    private final Jdbi jdbi;
    private final RoomStore store;
    private final RoomJson json;

    RoomKeeper(Jdbi jdbi, RoomStore store, RoomJson json) {
        this.jdbi = jdbi;
        this.store = store;
        this.json = json;
    }

    void keepFlagged(List<RoomEvent> flagged) {
        if (flagged.isEmpty()) {
            return;
        }
        // In room id order: two runs flagging lines in the same rooms take the rooms' row locks in the same order
        // (in run order, concurrent ingest requests deadlocked on H2 and lost their flagged lines).
        Map<String, Long> perRoom = new TreeMap<>();
        for (RoomEvent e : flagged) {
            perRoom.merge(e.roomId(), 1L, Long::sum);
        }
        try {
            jdbi.useTransaction(h -> {
                store.keep(h, kept(flagged));
                perRoom.forEach((room, n) -> store.addFlagged(h, room, n));
            });
        } catch (RuntimeException e) {
            LOG.error("{} flagged room messages could not be stored", flagged.size(), e);
        }
    }

    /** Stores {@code events} in the caller's transaction (actions keep their evidence with them). */
    void keep(org.jdbi.v3.core.Handle handle, List<RoomEvent> events) {
        store.keep(handle, kept(events));
    }

    private List<RoomStore.Kept> kept(List<RoomEvent> events) {
        List<RoomStore.Kept> out = new ArrayList<>(events.size());
        for (RoomEvent e : events) {
            String userId = switch (e.payload()) {
                case RoomMessage m -> m.userId();
                case ModerationAction a -> "user".equals(a.targetType()) ? a.targetId() : null;
                default -> null;
            };
            out.add(new RoomStore.Kept(e.roomId(), e.seq(), e.type().wire(), userId, e.at(), json.write(e)));
        }
        return out;
    }
}
