package dev.moddesk.server.rooms.actions;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** The SQL of {@code room_action} (V35__room_actions.sql); every method runs in the caller's transaction. */
final class RoomActionStore {

    /** A stored action: what an undo needs, and the answer a replay returns (null until its transaction wrote it). */
    record Row(long id, String roomId, String action, String targetType, String targetId, String targetUserId,
               String requestHash, String responseJson, Long undoneBy) {
    }

    private static final String COLUMNS =
            "id, room_id, action, target_type, target_id, target_user_id, request_hash, response_json, undone_by";

    Optional<Row> byKey(Handle h, long staffId, String key) {
        return h.createQuery("SELECT " + COLUMNS + " FROM room_action WHERE staff_id = :staff AND idem_key = :key")
                .bind("staff", staffId).bind("key", key)
                .map((rs, ctx) -> row(rs)).findOne();
    }

    /** The action {@code id} in {@code roomId}, locked until the transaction ends. */
    Optional<Row> lockInRoom(Handle h, long id, String roomId) {
        return h.createQuery("SELECT " + COLUMNS + " FROM room_action WHERE id = :id AND room_id = :room FOR UPDATE")
                .bind("id", id).bind("room", roomId)
                .map((rs, ctx) -> row(rs)).findOne();
    }

    /** {@code targetUserId}: whom the action is against (a user action's target, a deleted message's author), or null. */
    long insert(Handle h, String roomId, RoomActionKind kind, String targetId, String targetUserId, long staffId,
                String key, String hash, Long undoes, Instant now) {
        return h.createUpdate("INSERT INTO room_action (room_id, action, target_type, target_id, target_user_id,"
                        + " staff_id, idem_key, request_hash, undoes, created_at) VALUES (:room, :action, :targetType,"
                        + " :targetId, :targetUser, :staff, :key, :hash, :undoes, :at)")
                .bind("room", roomId).bind("action", kind.wire()).bind("targetType", kind.target().wire())
                .bind("targetId", targetId).bind("targetUser", targetUserId).bind("staff", staffId).bind("key", key).bind("hash", hash)
                .bind("undoes", undoes).bind("at", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    /** The answer a replay returns, and the evidence kept with the action (for appeals). */
    void answer(Handle h, long id, String responseJson, String evidenceJson) {
        h.createUpdate("UPDATE room_action SET response_json = :json, evidence_json = :evidence WHERE id = :id")
                .bind("json", responseJson).bind("evidence", evidenceJson).bind("id", id).execute();
    }

    void markUndone(Handle h, long id, long undoneBy) {
        h.createUpdate("UPDATE room_action SET undone_by = :by WHERE id = :id").bind("by", undoneBy).bind("id", id)
                .execute();
    }

    private static Row row(java.sql.ResultSet rs) throws java.sql.SQLException {
        Long undone = rs.getObject("undone_by") == null ? null : rs.getLong("undone_by");
        return new Row(rs.getLong("id"), rs.getString("room_id"), rs.getString("action"),
                rs.getString("target_type"), rs.getString("target_id"), rs.getString("target_user_id"),
                rs.getString("request_hash"),
                rs.getString("response_json"), undone);
    }
}
