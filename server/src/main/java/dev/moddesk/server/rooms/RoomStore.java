package dev.moddesk.server.rooms;

import dev.moddesk.contract.rooms.RoomKind;
import dev.moddesk.contract.rooms.RoomStatus;
import dev.moddesk.server.core.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/** The SQL of live rooms: the room rows and the events kept beyond the bus's window. */
final class RoomStore {

    /** What {@code room.opened} says about a room. */
    record Opened(String roomId, RoomKind kind, String title, String hostId, String hostName, String city,
                  Instant startedAt, int seatCount, String seatsJson) {
    }

    /** Creates the room, or opens it again with what the platform says now (a reopened or re-announced room). */
    void open(Handle h, Opened o, Instant now) {
        int updated = h.createUpdate("""
                UPDATE room SET kind = :kind, title = :title, host_id = :host, host_name = :hostName, city = :city,
                       status = 'LIVE', started_at = :started, ended_at = NULL, seat_count = :seats,
                       seats_json = :seatsJson, updated_at = :now
                 WHERE room_id = :id""")
                .bind("id", o.roomId()).bind("kind", o.kind().name()).bind("title", o.title())
                .bind("host", o.hostId()).bind("hostName", o.hostName()).bind("city", o.city())
                .bind("started", Sql.utc(o.startedAt())).bind("seats", o.seatCount())
                .bind("seatsJson", o.seatsJson()).bind("now", Sql.utc(now)).execute();
        if (updated == 0) {
            h.createUpdate("""
                    INSERT INTO room (room_id, kind, title, host_id, host_name, city, status, started_at, seat_count,
                                      seats_json, updated_at)
                    VALUES (:id, :kind, :title, :host, :hostName, :city, 'LIVE', :started, :seats, :seatsJson, :now)""")
                    .bind("id", o.roomId()).bind("kind", o.kind().name()).bind("title", o.title())
                    .bind("host", o.hostId()).bind("hostName", o.hostName()).bind("city", o.city())
                    .bind("started", Sql.utc(o.startedAt())).bind("seats", o.seatCount())
                    .bind("seatsJson", o.seatsJson()).bind("now", Sql.utc(now)).execute();
        }
    }

    /** The room's row, locked until the transaction ends (state changes of one room are applied one at a time). */
    Optional<RoomRow> lock(Handle h, String roomId) {
        return h.createQuery("SELECT * FROM room WHERE room_id = :id FOR UPDATE").bind("id", roomId)
                .map((rs, ctx) -> row(rs)).findOne();
    }

    Optional<RoomRow> find(Handle h, String roomId) {
        return h.createQuery("SELECT * FROM room WHERE room_id = :id").bind("id", roomId)
                .map((rs, ctx) -> row(rs)).findOne();
    }

    /** Live rooms, optionally of one kind and city, oldest first. */
    List<RoomRow> live(Handle h, RoomKind kind, String city) {
        StringBuilder sql = new StringBuilder("SELECT * FROM room WHERE status = 'LIVE'");
        if (kind != null) {
            sql.append(" AND kind = :kind");
        }
        if (city != null) {
            sql.append(" AND city = :city");
        }
        sql.append(" ORDER BY started_at, room_id");
        Query q = h.createQuery(sql.toString());
        if (kind != null) {
            q.bind("kind", kind.name());
        }
        if (city != null) {
            q.bind("city", city);
        }
        return q.map((rs, ctx) -> row(rs)).list();
    }

    void setAudience(Handle h, String roomId, int audience, Instant now) {
        h.createUpdate("UPDATE room SET audience = :a, updated_at = :now WHERE room_id = :id")
                .bind("id", roomId).bind("a", Math.max(0, audience)).bind("now", Sql.utc(now)).execute();
    }

    void setSeats(Handle h, String roomId, String seatsJson, Instant now) {
        h.createUpdate("UPDATE room SET seats_json = :s, updated_at = :now WHERE room_id = :id")
                .bind("id", roomId).bind("s", seatsJson).bind("now", Sql.utc(now)).execute();
    }

    void setSongs(Handle h, String roomId, String songsJson, Instant now) {
        h.createUpdate("UPDATE room SET songs_json = :s, updated_at = :now WHERE room_id = :id")
                .bind("id", roomId).bind("s", songsJson).bind("now", Sql.utc(now)).execute();
    }

    void setSource(Handle h, String roomId, String sourceJson, Instant now) {
        h.createUpdate("UPDATE room SET source_json = :s, updated_at = :now WHERE room_id = :id")
                .bind("id", roomId).bind("s", sourceJson).bind("now", Sql.utc(now)).execute();
    }

    void setSlowMode(Handle h, String roomId, int seconds, Instant now) {
        h.createUpdate("UPDATE room SET slow_mode_seconds = :s, updated_at = :now WHERE room_id = :id")
                .bind("id", roomId).bind("s", seconds).bind("now", Sql.utc(now)).execute();
    }

    void close(Handle h, String roomId, RoomStatus status, Instant endedAt, Instant now) {
        h.createUpdate("UPDATE room SET status = :st, ended_at = :ended, updated_at = :now WHERE room_id = :id")
                .bind("id", roomId).bind("st", status.name()).bind("ended", Sql.utc(endedAt))
                .bind("now", Sql.utc(now)).execute();
    }

    void addFlagged(Handle h, String roomId, long count) {
        h.createUpdate("UPDATE room SET flagged = flagged + :n WHERE room_id = :id")
                .bind("id", roomId).bind("n", count).execute();
    }

    /** An event that must outlive the bus's window (a flagged or held message, an action). */
    record Kept(String roomId, long seq, String type, String userId, Instant at, String eventJson) {
    }

    void keep(Handle h, List<Kept> events) {
        if (events.isEmpty()) {
            return;
        }
        var batch = h.prepareBatch("""
                INSERT INTO room_kept_event (room_id, seq, type, user_id, at, event_json)
                VALUES (:room, :seq, :type, :user, :at, :json)""");
        for (Kept k : events) {
            batch.bind("room", k.roomId()).bind("seq", k.seq()).bind("type", k.type()).bind("user", k.userId())
                    .bind("at", Sql.utc(k.at())).bind("json", k.eventJson()).add();
        }
        batch.execute();
    }

    /** Kept events of a room with {@code after < seq < before}, oldest first, at most {@code limit}. */
    List<String> keptBetween(Handle h, String roomId, long after, long before, int limit) {
        return h.createQuery("""
                SELECT event_json FROM room_kept_event WHERE room_id = :room AND seq > :after AND seq < :before
                 ORDER BY seq LIMIT :limit""")
                .bind("room", roomId).bind("after", after).bind("before", before).bind("limit", limit)
                .mapTo(String.class).list();
    }

    long reserved(Handle h, String roomId) {
        return h.createQuery("SELECT reserved FROM room_seq_reservation WHERE room_id = :id").bind("id", roomId)
                .mapTo(Long.class).findOne().orElse(0L);
    }

    /** Raises the room's mark (a unique violation when another node made the row first: the caller tries again). */
    void reserve(Handle h, String roomId, long upTo) {
        int updated = h.createUpdate("UPDATE room_seq_reservation SET reserved = :upTo WHERE room_id = :id"
                        + " AND reserved < :upTo")
                .bind("id", roomId).bind("upTo", upTo).execute();
        if (updated > 0 || reserved(h, roomId) >= upTo) {
            return;
        }
        h.createUpdate("INSERT INTO room_seq_reservation (room_id, reserved) VALUES (:id, :upTo)")
                .bind("id", roomId).bind("upTo", upTo).execute();
    }

    private static RoomRow row(ResultSet rs) throws SQLException {
        return new RoomRow(rs.getString("room_id"), RoomKind.valueOf(rs.getString("kind")), rs.getString("title"),
                rs.getString("host_id"), rs.getString("host_name"), rs.getString("city"),
                RoomStatus.valueOf(rs.getString("status")), Sql.instant(rs, "started_at"),
                Sql.instant(rs, "ended_at"), rs.getInt("audience"), rs.getInt("seat_count"),
                rs.getString("seats_json"), rs.getString("songs_json"), rs.getString("source_json"),
                rs.getInt("slow_mode_seconds"), rs.getLong("flagged"), rs.getLong("reports"));
    }
}
