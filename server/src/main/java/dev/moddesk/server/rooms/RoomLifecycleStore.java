package dev.moddesk.server.rooms;

import dev.moddesk.server.core.Sql;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * Live rooms' lifecycle SQL: pruning held messages, flagged lines and actions by age, and one user's rows in the room
 * tables (export, erasure). Every method runs in the caller's handle.
 */
final class RoomLifecycleStore {

    private final boolean postgres;

    RoomLifecycleStore(boolean postgres) {
        this.postgres = postgres;
    }

    private String skipLocked() {
        return postgres ? " FOR UPDATE SKIP LOCKED" : "";
    }

    /** Settled held messages held before {@code cutoff}, at most {@code limit}. */
    int pruneHeld(Handle h, Instant cutoff, int limit) {
        return h.createUpdate("DELETE FROM room_held_message WHERE id IN (SELECT id FROM room_held_message"
                        + " WHERE status <> 'HELD' AND held_at < :cutoff ORDER BY held_at LIMIT :limit"
                        + skipLocked() + ")")
                .bind("cutoff", Sql.utc(cutoff)).bind("limit", limit).execute();
    }

    /** Kept events of {@code type} (or, with {@code other}, of any other type) from before {@code cutoff}. */
    int pruneKept(Handle h, String type, boolean other, Instant cutoff, int limit) {
        String match = other ? "type <> :type" : "type = :type";
        return h.createUpdate("DELETE FROM room_kept_event WHERE (room_id, seq) IN (SELECT room_id, seq FROM"
                        + " room_kept_event WHERE " + match + " AND at < :cutoff ORDER BY at LIMIT :limit"
                        + skipLocked() + ")")
                .bind("type", type).bind("cutoff", Sql.utc(cutoff)).bind("limit", limit).execute();
    }

    /** Staff actions taken before {@code cutoff}, at most {@code limit}. */
    int pruneActions(Handle h, Instant cutoff, int limit) {
        return h.createUpdate("DELETE FROM room_action WHERE id IN (SELECT id FROM room_action"
                        + " WHERE created_at < :cutoff ORDER BY id LIMIT :limit" + skipLocked() + ")")
                .bind("cutoff", Sql.utc(cutoff)).bind("limit", limit).execute();
    }

    /** A held message of the user. */
    record Held(long id, String roomId, String messageId, String nickname, String text) {
    }

    List<Held> held(Handle h, String userId) {
        return h.createQuery("SELECT id, room_id, message_id, nickname, text FROM room_held_message"
                        + " WHERE user_id = :u ORDER BY id")
                .bind("u", userId).map((rs, ctx) -> new Held(rs.getLong("id"), rs.getString("room_id"),
                        rs.getString("message_id"), rs.getString("nickname"), rs.getString("text"))).list();
    }

    List<Map<String, Object>> exportHeld(Handle h, String userId) {
        return h.createQuery("SELECT room_id, message_id, nickname, text, held_at, status, decided_at"
                + " FROM room_held_message WHERE user_id = :u ORDER BY id").bind("u", userId).mapToMap().list();
    }

    /** The held messages' personal texts go; the room, message id, status and decision stay. */
    int eraseHeld(Handle h, String userId, String pseudonym, String erased) {
        return h.createUpdate("UPDATE room_held_message SET user_id = :p, nickname = :e, text = :e, hits_json = '[]'"
                        + " WHERE user_id = :u")
                .bind("u", userId).bind("p", pseudonym).bind("e", erased).execute();
    }

    /** A kept event (flagged line, action) as stored. */
    record Kept(String roomId, long seq, String type, String userId, Instant at, String eventJson) {
    }

    /** Kept events by or about the user: theirs, or naming their id as a whole JSON string value. */
    List<Kept> keptAbout(Handle h, String userId) {
        return h.createQuery("SELECT room_id, seq, type, user_id, at, event_json FROM room_kept_event"
                        + " WHERE user_id = :u OR event_json LIKE :json ESCAPE '!' ORDER BY room_id, seq")
                .bind("u", userId).bind("json", Sql.containingJsonString(userId))
                .map((rs, ctx) -> new Kept(rs.getString("room_id"), rs.getLong("seq"), rs.getString("type"),
                        rs.getString("user_id"), Sql.instant(rs, "at"), rs.getString("event_json"))).list();
    }

    int rewriteKept(Handle h, Kept kept, String userId, String eventJson) {
        return h.createUpdate("UPDATE room_kept_event SET user_id = :user, event_json = :json"
                        + " WHERE room_id = :room AND seq = :seq")
                .bind("user", userId).bind("json", eventJson).bind("room", kept.roomId()).bind("seq", kept.seq())
                .execute();
    }

    /** A room hosted by the user, or whose seats, songs or source name them. */
    record Room(String roomId, String title, String hostId, String hostName, String seatsJson, String songsJson,
                String sourceJson) {
    }

    List<Room> roomsAbout(Handle h, String userId) {
        return h.createQuery("SELECT room_id, title, host_id, host_name, seats_json, songs_json, source_json FROM room"
                        + " WHERE host_id = :u OR seats_json LIKE :json ESCAPE '!' OR songs_json LIKE :json ESCAPE '!'"
                        + " OR source_json LIKE :json ESCAPE '!' ORDER BY room_id")
                .bind("u", userId).bind("json", Sql.containingJsonString(userId))
                .map((rs, ctx) -> new Room(rs.getString("room_id"), rs.getString("title"), rs.getString("host_id"),
                        rs.getString("host_name"), rs.getString("seats_json"), rs.getString("songs_json"),
                        rs.getString("source_json"))).list();
    }

    int rewriteRoom(Handle h, Room room) {
        return h.createUpdate("UPDATE room SET title = :title, host_id = :host, host_name = :hostName,"
                        + " seats_json = :seats, songs_json = :songs, source_json = :source WHERE room_id = :id")
                .bind("title", room.title()).bind("host", room.hostId()).bind("hostName", room.hostName())
                .bind("seats", room.seatsJson()).bind("songs", room.songsJson()).bind("source", room.sourceJson())
                .bind("id", room.roomId()).execute();
    }

    /** A staff action on the user (target {@code user}). */
    record Action(long id, String roomId, String action, String targetId, String targetUserId, String responseJson,
                  Instant createdAt, Long undoneBy) {

        Map<String, Object> export() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("room", roomId);
            m.put("action", action);
            m.put("at", createdAt);
            m.put("undone", undoneBy != null);
            return m;
        }
    }

    /** Actions whose target is the user, or whose stored answer names their id. */
    List<Action> actionsAbout(Handle h, String userId) {
        return h.createQuery("SELECT id, room_id, action, target_id, target_user_id, response_json, created_at,"
                        + " undone_by FROM room_action WHERE target_id = :u OR target_user_id = :u"
                        + " OR response_json LIKE :json ESCAPE '!' ORDER BY id")
                .bind("u", userId).bind("json", Sql.containingJsonString(userId))
                .map((rs, ctx) -> new Action(rs.getLong("id"), rs.getString("room_id"), rs.getString("action"),
                        rs.getString("target_id"), rs.getString("target_user_id"), rs.getString("response_json"),
                        Sql.instant(rs, "created_at"),
                        rs.getObject("undone_by") == null ? null : rs.getLong("undone_by"))).list();
    }

    int rewriteAction(Handle h, long id, String targetId, String targetUserId, String responseJson) {
        return h.createUpdate("UPDATE room_action SET target_id = :t, target_user_id = :tu, response_json = :r"
                        + " WHERE id = :id")
                .bind("t", targetId).bind("tu", targetUserId).bind("r", responseJson).bind("id", id).execute();
    }

    /** Staff actions whose kept evidence (V82 {@code evidence_json}) names the user's id: id and evidence. */
    List<Map.Entry<Long, String>> evidenceAbout(Handle h, String userId) {
        return h.createQuery("SELECT id, evidence_json FROM room_action WHERE evidence_json LIKE :json ESCAPE '!'"
                        + " ORDER BY id")
                .bind("json", Sql.containingJsonString(userId))
                .map((rs, ctx) -> Map.entry(rs.getLong("id"), rs.getString("evidence_json"))).list();
    }

    int rewriteEvidence(Handle h, long id, String evidenceJson) {
        return h.createUpdate("UPDATE room_action SET evidence_json = :e WHERE id = :id")
                .bind("e", evidenceJson).bind("id", id).execute();
    }

    /**
     * The {@code after} states of the audit entries of room actions naming the user: the evidence (chat lines) they
     * keep is live rooms' own record, read here to find the user's lines (the bus's window is gone by then).
     */
    List<String> actionEvidence(Handle h, String userId) {
        return h.createQuery("SELECT after_json FROM audit_log WHERE action LIKE 'room.%'"
                        + " AND after_json LIKE :json ESCAPE '!'")
                .bind("json", Sql.containingJsonString(userId)).mapTo(String.class).list();
    }
}
