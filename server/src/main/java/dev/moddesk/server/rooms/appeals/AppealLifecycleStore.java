package dev.moddesk.server.rooms.appeals;

import dev.moddesk.server.core.Sql;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/** The SQL of appeals' lifecycle. */
final class AppealLifecycleStore {
    private final boolean postgres;

    AppealLifecycleStore(boolean postgres) {
        this.postgres = postgres;
    }

    int prune(Handle h, java.time.Instant cutoff, int limit) {
        return h.createUpdate("DELETE FROM room_appeal WHERE id IN (SELECT id FROM room_appeal WHERE status <> 'OPEN'"
                        + " AND decided_at < :cutoff ORDER BY id LIMIT :limit"
                        + (postgres ? " FOR UPDATE SKIP LOCKED" : "") + ")")
                .bind("cutoff", Sql.utc(cutoff)).bind("limit", limit).execute();
    }

    List<String> texts(Handle h, String userId) {
        return h.createQuery("SELECT text FROM room_appeal WHERE user_id = :u AND text IS NOT NULL")
                .bind("u", userId).mapTo(String.class).list();
    }

    int erase(Handle h, String userId, String pseudonym, String erased) {
        return h.createUpdate("UPDATE room_appeal SET user_id = :p, text = CASE WHEN text IS NULL THEN NULL"
                        + " ELSE :e END WHERE user_id = :u")
                .bind("u", userId).bind("p", pseudonym).bind("e", erased).execute();
    }

    List<Map<String, Object>> export(Handle h, String userId) {
        return h.createQuery("SELECT appeal_id, room_id, action_id, text, received_at, status, decided_at"
                + " FROM room_appeal WHERE user_id = :u ORDER BY id").bind("u", userId).mapToMap().list();
    }
}
