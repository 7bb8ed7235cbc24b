package dev.moddesk.server.rooms.actions;

import dev.moddesk.server.core.Sql;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** The SQL of a user's room infractions: sanctions in {@code room_action} (V35, V80) and denied held messages (V50). */
final class RoomInfractionStore {

    /** A sanction against the user, with its room (null fields when the room row is gone) and its undo's time. */
    record Sanction(long id, String roomId, String action, Instant at, String responseJson, Instant liftedAt,
                    boolean lifted, String title, String kind, String city) {
    }

    /** A held message of the user that staff denied. */
    record Denial(long id, String roomId, Instant at, String decidedBy, String hitsJson, String title, String kind,
                  String city) {
    }

    List<Sanction> sanctions(Handle h, String userId, List<String> actions, int limit) {
        return h.createQuery("SELECT a.id, a.room_id, a.action, a.created_at, a.response_json, a.undone_by,"
                        + " u.created_at AS lifted_at, r.title, r.kind, r.city FROM room_action a"
                        + " LEFT JOIN room_action u ON u.id = a.undone_by LEFT JOIN room r ON r.room_id = a.room_id"
                        + " WHERE a.target_user_id = :user AND a.undoes IS NULL AND a.action IN (<actions>)"
                        + " ORDER BY a.created_at DESC, a.id DESC LIMIT :limit")
                .bind("user", userId).bindList("actions", actions).bind("limit", limit)
                .map((rs, ctx) -> new Sanction(rs.getLong("id"), rs.getString("room_id"), rs.getString("action"),
                        Sql.instant(rs, "created_at"), rs.getString("response_json"),
                        rs.getObject("lifted_at") == null ? null : Sql.instant(rs, "lifted_at"),
                        rs.getObject("undone_by") != null, rs.getString("title"), rs.getString("kind"),
                        rs.getString("city")))
                .list();
    }

    List<Denial> denials(Handle h, String userId, int limit) {
        return h.createQuery("SELECT m.id, m.room_id, m.decided_at, m.decided_by, m.hits_json, r.title, r.kind, r.city"
                        + " FROM room_held_message m LEFT JOIN room r ON r.room_id = m.room_id"
                        + " WHERE m.user_id = :user AND m.status = 'DENIED' ORDER BY m.decided_at DESC, m.id DESC"
                        + " LIMIT :limit")
                .bind("user", userId).bind("limit", limit)
                .map((rs, ctx) -> new Denial(rs.getLong("id"), rs.getString("room_id"), Sql.instant(rs, "decided_at"),
                        rs.getString("decided_by"), rs.getString("hits_json"), rs.getString("title"),
                        rs.getString("kind"), rs.getString("city")))
                .list();
    }
}
