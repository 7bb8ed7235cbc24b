package dev.moddesk.server.rooms.held;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.moddesk.contract.rooms.HeldMessage;
import dev.moddesk.contract.rooms.HeldStatus;
import dev.moddesk.contract.rooms.ScreenHit;
import dev.moddesk.server.core.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** The SQL of {@code room_held_message} (V50); every method runs in the caller's handle. */
final class HeldStore {

    private static final String COLUMNS = "id, room_id, message_id, user_id, nickname, text, hits_json, list_version,"
            + " held_at, deadline, status, decided_by, decided_at";
    private static final TypeReference<List<ScreenHit>> HITS = new TypeReference<>() { };

    /** What a {@code message.held} event brings. */
    record NewHeld(String roomId, String messageId, String userId, String nickname, String text, List<ScreenHit> hits,
                   Long listVersion, Instant heldAt, Instant deadline) {
    }

    Optional<HeldMessage> byMessage(Handle h, String roomId, String messageId) {
        return h.createQuery("SELECT " + COLUMNS + " FROM room_held_message WHERE room_id = :room"
                        + " AND message_id = :message")
                .bind("room", roomId).bind("message", messageId).map((rs, ctx) -> held(rs)).findOne();
    }

    long insert(Handle h, NewHeld held) {
        return h.createUpdate("INSERT INTO room_held_message (room_id, message_id, user_id, nickname, text, hits_json,"
                        + " list_version, held_at, deadline, status) VALUES (:room, :message, :user, :nickname, :text,"
                        + " :hits, :listVersion, :heldAt, :deadline, 'HELD')")
                .bind("room", held.roomId()).bind("message", held.messageId()).bind("user", held.userId())
                .bind("nickname", held.nickname()).bind("text", held.text()).bind("hits", write(held.hits()))
                .bind("listVersion", held.listVersion()).bind("heldAt", utc(held.heldAt()))
                .bind("deadline", utc(held.deadline()))
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    /** The held message {@code id}, locked until the transaction ends. */
    Optional<HeldMessage> lock(Handle h, long id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM room_held_message WHERE id = :id FOR UPDATE")
                .bind("id", id).map((rs, ctx) -> held(rs)).findOne();
    }

    /** Messages in {@code status} (all when null), the nearest deadline first, at most {@code limit}. */
    List<HeldMessage> list(Handle h, HeldStatus status, String roomId, int limit) {
        String where = status == null ? "1 = 1" : "status = :status";
        if (roomId != null) {
            where += " AND room_id = :room";
        }
        var query = h.createQuery("SELECT " + COLUMNS + " FROM room_held_message WHERE " + where
                + " ORDER BY deadline, id LIMIT :limit").bind("limit", limit);
        if (status != null) {
            query.bind("status", status.name());
        }
        if (roomId != null) {
            query.bind("room", roomId);
        }
        return query.map((rs, ctx) -> held(rs)).list();
    }

    /** Ids of messages still held whose deadline is at or before {@code now}, at most {@code limit}. */
    List<Long> overdue(Handle h, Instant now, int limit) {
        return h.createQuery("SELECT id FROM room_held_message WHERE status = 'HELD' AND deadline <= :now"
                        + " ORDER BY deadline, id LIMIT :limit")
                .bind("now", utc(now)).bind("limit", limit).mapTo(Long.class).list();
    }

    /** Settles a message that is still HELD; false when it was settled meanwhile. */
    boolean settle(Handle h, long id, HeldStatus status, String by, Instant at) {
        return h.createUpdate("UPDATE room_held_message SET status = :status, decided_by = :by, decided_at = :at"
                        + " WHERE id = :id AND status = 'HELD'")
                .bind("status", status.name()).bind("by", by).bind("at", utc(at)).bind("id", id).execute() == 1;
    }

    /** Deletes at most {@code limit} settled messages decided before {@code cutoff}; a rival's delete first is a no-op. */
    int pruneSettled(Handle h, Instant cutoff, int limit) {
        List<Long> ids = h.createQuery("SELECT id FROM room_held_message WHERE status <> 'HELD'"
                        + " AND decided_at < :cutoff ORDER BY id LIMIT :limit")
                .bind("cutoff", utc(cutoff)).bind("limit", limit).mapTo(Long.class).list();
        if (ids.isEmpty()) {
            return 0;
        }
        return h.createUpdate("DELETE FROM room_held_message WHERE id IN (<ids>) AND status <> 'HELD'")
                .bindList("ids", ids).execute();
    }

    private static OffsetDateTime utc(Instant at) {
        return at == null ? null : OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    private static String write(List<ScreenHit> hits) {
        try {
            return Json.mapper().writeValueAsString(hits);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HeldMessage held(ResultSet rs) throws SQLException {
        List<ScreenHit> hits;
        try {
            hits = Json.mapper().readValue(rs.getString("hits_json"), HITS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored hits are unreadable", e);
        }
        OffsetDateTime decided = rs.getObject("decided_at", OffsetDateTime.class);
        Long listVersion = rs.getObject("list_version") == null ? null : rs.getLong("list_version");
        return new HeldMessage(rs.getLong("id"), rs.getString("room_id"), rs.getString("message_id"),
                rs.getString("user_id"), rs.getString("nickname"), rs.getString("text"), hits, listVersion,
                rs.getObject("held_at", OffsetDateTime.class).toInstant(),
                rs.getObject("deadline", OffsetDateTime.class).toInstant(), HeldStatus.valueOf(rs.getString("status")),
                rs.getString("decided_by"), decided == null ? null : decided.toInstant());
    }
}
