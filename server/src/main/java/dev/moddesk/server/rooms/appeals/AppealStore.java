package dev.moddesk.server.rooms.appeals;

import dev.moddesk.server.core.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** The SQL of {@code room_appeal} (V82) and what it reads of {@code room_action}; runs in the caller's handle. */
final class AppealStore {

    /** The sanction an appeal is about, with its room's title and the evidence kept with it. */
    record Action(long id, String roomId, String action, String targetUserId, String responseJson,
                  String evidenceJson, Instant createdAt, Long undoneBy, Long undoes, String roomTitle) {
    }

    /** A stored appeal. */
    record Row(long id, String appealId, String userId, long actionId, String roomId, String text,
               Instant receivedAt, String status, String note, Long undoId, String staffName, Instant decidedAt,
               String requestHash, String responseJson) {
    }

    private static final String COLUMNS = "id, appeal_id, user_id, action_id, room_id, text, received_at, status, note,"
            + " undo_id, staff_name, decided_at, request_hash, response_json";

    Optional<Action> action(Handle h, long id, boolean lock) {
        if (lock) {
            h.createQuery("SELECT id FROM room_action WHERE id = :id FOR UPDATE").bind("id", id).mapTo(Long.class)
                    .findOne();
        }
        return h.createQuery("SELECT a.id, a.room_id, a.action, a.target_user_id, a.response_json, a.evidence_json,"
                        + " a.created_at, a.undone_by, a.undoes, r.title FROM room_action a LEFT JOIN room r"
                        + " ON r.room_id = a.room_id WHERE a.id = :id")
                .bind("id", id)
                .map((rs, ctx) -> new Action(rs.getLong("id"), rs.getString("room_id"), rs.getString("action"),
                        rs.getString("target_user_id"), rs.getString("response_json"), rs.getString("evidence_json"),
                        Sql.instant(rs, "created_at"), nullableLong(rs, "undone_by"), nullableLong(rs, "undoes"),
                        rs.getString("title")))
                .findOne();
    }

    boolean exists(Handle h, String appealId) {
        return h.createQuery("SELECT COUNT(*) FROM room_appeal WHERE appeal_id = :id").bind("id", appealId)
                .mapTo(Long.class).one() > 0;
    }

    void insert(Handle h, String appealId, String userId, long actionId, String roomId, String text, Instant at) {
        h.createUpdate("INSERT INTO room_appeal (appeal_id, user_id, action_id, room_id, text, received_at, status)"
                        + " VALUES (:appeal, :user, :action, :room, :text, :at, 'OPEN')")
                .bind("appeal", appealId).bind("user", userId).bind("action", actionId).bind("room", roomId)
                .bind("text", text).bind("at", Sql.utc(at)).execute();
    }

    /** Appeals in {@code status} (all when null), oldest first, at most {@code limit}. */
    List<Row> list(Handle h, String status, int limit) {
        var q = h.createQuery("SELECT " + COLUMNS + " FROM room_appeal"
                + (status == null ? "" : " WHERE status = :status") + " ORDER BY received_at, id LIMIT :limit")
                .bind("limit", limit);
        if (status != null) {
            q.bind("status", status);
        }
        return q.map((rs, ctx) -> row(rs)).list();
    }

    Optional<Row> lock(Handle h, long id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM room_appeal WHERE id = :id FOR UPDATE").bind("id", id)
                .map((rs, ctx) -> row(rs)).findOne();
    }

    Optional<Row> byKey(Handle h, long staffId, String key) {
        return h.createQuery("SELECT " + COLUMNS + " FROM room_appeal WHERE staff_id = :staff AND idem_key = :key")
                .bind("staff", staffId).bind("key", key).map((rs, ctx) -> row(rs)).findOne();
    }

    void decide(Handle h, long id, String status, String note, Long undoId, long staffId, String staffName,
                Instant at, String key, String hash) {
        h.createUpdate("UPDATE room_appeal SET status = :status, note = :note, undo_id = :undo, staff_id = :staff,"
                        + " staff_name = :staffName, decided_at = :at, idem_key = :key, request_hash = :hash"
                        + " WHERE id = :id AND status = 'OPEN'")
                .bind("status", status).bind("note", note).bind("undo", undoId).bind("staff", staffId)
                .bind("staffName", staffName).bind("at", Sql.utc(at)).bind("key", key).bind("hash", hash)
                .bind("id", id).execute();
    }

    void answer(Handle h, long id, String json) {
        h.createUpdate("UPDATE room_appeal SET response_json = :json WHERE id = :id").bind("json", json).bind("id", id)
                .execute();
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column) == null ? null : rs.getLong(column);
    }

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(rs.getLong("id"), rs.getString("appeal_id"), rs.getString("user_id"), rs.getLong("action_id"),
                rs.getString("room_id"), rs.getString("text"), Sql.instant(rs, "received_at"),
                rs.getString("status"), rs.getString("note"), nullableLong(rs, "undo_id"),
                rs.getString("staff_name"), rs.getObject("decided_at") == null ? null : Sql.instant(rs, "decided_at"),
                rs.getString("request_hash"), rs.getString("response_json"));
    }
}
