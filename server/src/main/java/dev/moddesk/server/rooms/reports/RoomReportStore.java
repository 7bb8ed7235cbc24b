package dev.moddesk.server.rooms.reports;

import dev.moddesk.contract.rooms.ReportGroup;
import dev.moddesk.contract.rooms.ReportReason;
import dev.moddesk.contract.rooms.ReportTarget;
import dev.moddesk.server.core.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** The SQL of {@code room_report} and {@code room_report_decision} (V81); every method runs in the caller's handle. */
final class RoomReportStore {

    /** What a {@code report.created} event brings. */
    record NewReport(String reportId, String roomId, ReportTarget kind, String targetId, String messageId,
                     Long messageSeq, String messageText, String targetUserId, String targetNickname, String reporterId,
                     ReportReason reason, String text, Instant reportedAt) {
    }

    /** One target's open reports, counted (the details come from {@link #reportsOf}). */
    record Group(String roomId, ReportTarget kind, String targetId, long count, Instant firstAt, Instant lastAt) {
    }

    /** One stored report. */
    record Row(long id, String reportId, String roomId, ReportTarget kind, String targetId, String messageId,
               Long messageSeq, String messageText, String targetUserId, String targetNickname, String reporterId,
               ReportReason reason, String text, Instant reportedAt, String status) {

        ReportGroup.Report report() {
            return new ReportGroup.Report(reportId, reporterId, reason, text, reportedAt);
        }
    }

    /** A stored dismissal, for an Idempotency-Key replay. */
    record Stored(long id, String requestHash, String responseJson) {
    }

    private static final String COLUMNS = "id, report_id, room_id, target_kind, target_id, message_id, message_seq,"
            + " message_text, target_user_id, target_nickname, reporter_id, reason, text, reported_at, status";

    boolean exists(Handle h, String reportId) {
        return h.createQuery("SELECT COUNT(*) FROM room_report WHERE report_id = :id").bind("id", reportId)
                .mapTo(Long.class).one() > 0;
    }

    void insert(Handle h, NewReport r) {
        h.createUpdate("INSERT INTO room_report (report_id, room_id, target_kind, target_id, message_id, message_seq,"
                        + " message_text, target_user_id, target_nickname, reporter_id, reason, text, reported_at,"
                        + " status) VALUES (:reportId, :room, :kind, :target, :message, :messageSeq, :messageText,"
                        + " :user, :nickname, :reporter, :reason, :text, :at, 'OPEN')")
                .bind("reportId", r.reportId()).bind("room", r.roomId()).bind("kind", r.kind().name())
                .bind("target", r.targetId()).bind("message", r.messageId()).bind("messageSeq", r.messageSeq())
                .bind("messageText", r.messageText())
                .bind("user", r.targetUserId()).bind("nickname", r.targetNickname()).bind("reporter", r.reporterId())
                .bind("reason", r.reason().name()).bind("text", r.text()).bind("at", Sql.utc(r.reportedAt()))
                .execute();
    }

    /** Raises (or lowers) a room's count of open reports; 0 rows when the room is unknown. */
    int addToRoomCount(Handle h, String roomId, long delta) {
        return h.createUpdate("UPDATE room SET reports = CASE WHEN reports + :d < 0 THEN 0 ELSE reports + :d END"
                + " WHERE room_id = :room").bind("d", delta).bind("room", roomId).execute();
    }

    /** Whether the room is known (any status). */
    Optional<String> roomTitle(Handle h, String roomId) {
        return h.createQuery("SELECT title FROM room WHERE room_id = :room").bind("room", roomId)
                .mapTo(String.class).findOne();
    }

    /** Open report groups, the most reported first, then the newest; {@code null} filters are off. */
    List<Group> openGroups(Handle h, String roomId, ReportReason reason, ReportTarget kind, int limit) {
        StringBuilder where = new StringBuilder("status = 'OPEN'");
        if (roomId != null) {
            where.append(" AND room_id = :room");
        }
        if (reason != null) {
            where.append(" AND reason = :reason");
        }
        if (kind != null) {
            where.append(" AND target_kind = :kind");
        }
        var q = h.createQuery("SELECT room_id, target_kind, target_id, COUNT(*) AS n, MIN(reported_at) AS first_at,"
                + " MAX(reported_at) AS last_at FROM room_report WHERE " + where
                + " GROUP BY room_id, target_kind, target_id ORDER BY n DESC, last_at DESC, room_id, target_id"
                + " LIMIT :limit").bind("limit", limit);
        if (roomId != null) {
            q.bind("room", roomId);
        }
        if (reason != null) {
            q.bind("reason", reason.name());
        }
        if (kind != null) {
            q.bind("kind", kind.name());
        }
        return q.map((rs, ctx) -> new Group(rs.getString("room_id"), ReportTarget.valueOf(rs.getString("target_kind")),
                rs.getString("target_id"), rs.getLong("n"), Sql.instant(rs, "first_at"), Sql.instant(rs, "last_at")))
                .list();
    }

    /** The open reports of one target, newest first. */
    List<Row> reportsOf(Handle h, String roomId, ReportTarget kind, String targetId, boolean lock) {
        return h.createQuery("SELECT " + COLUMNS + " FROM room_report WHERE status = 'OPEN' AND room_id = :room"
                        + " AND target_kind = :kind AND target_id = :target ORDER BY reported_at DESC, id DESC"
                        + (lock ? " FOR UPDATE" : ""))
                .bind("room", roomId).bind("kind", kind.name()).bind("target", targetId)
                .map((rs, ctx) -> row(rs)).list();
    }

    /** Open reports in a room about messages by {@code userId} or about that user, newest first, locked. */
    List<Row> openAboutUser(Handle h, String roomId, String userId) {
        return h.createQuery("SELECT " + COLUMNS + " FROM room_report WHERE status = 'OPEN' AND room_id = :room"
                        + " AND target_kind IN ('MESSAGE', 'USER') AND target_user_id = :user"
                        + " ORDER BY reported_at DESC, id DESC FOR UPDATE")
                .bind("room", roomId).bind("user", userId).map((rs, ctx) -> row(rs)).list();
    }

    /** Settles the given reports (only those still OPEN); returns how many. */
    int settle(Handle h, List<Long> ids, String status, long decisionId) {
        if (ids.isEmpty()) {
            return 0;
        }
        return h.createUpdate("UPDATE room_report SET status = :status, decision_id = :decision"
                        + " WHERE id IN (<ids>) AND status = 'OPEN'")
                .bind("status", status).bind("decision", decisionId).bindList("ids", ids).execute();
    }

    Optional<Stored> decisionByKey(Handle h, long staffId, String key) {
        return h.createQuery("SELECT id, request_hash, response_json FROM room_report_decision"
                        + " WHERE staff_id = :staff AND idem_key = :key")
                .bind("staff", staffId).bind("key", key)
                .map((rs, ctx) -> new Stored(rs.getLong("id"), rs.getString("request_hash"),
                        rs.getString("response_json"))).findOne();
    }

    long insertDecision(Handle h, String roomId, ReportTarget kind, String targetId, String outcome, Long actionId,
                        String reason, String note, Long staffId, String staffName, String key, String hash,
                        Instant at) {
        return h.createUpdate("INSERT INTO room_report_decision (room_id, target_kind, target_id, outcome, action_id,"
                        + " reason, note, staff_id, staff_name, idem_key, request_hash, decided_at) VALUES (:room,"
                        + " :kind, :target, :outcome, :action, :reason, :note, :staff, :staffName, :key, :hash, :at)")
                .bind("room", roomId).bind("kind", kind.name()).bind("target", targetId).bind("outcome", outcome)
                .bind("action", actionId).bind("reason", reason).bind("note", note).bind("staff", staffId)
                .bind("staffName", staffName).bind("key", key).bind("hash", hash).bind("at", Sql.utc(at))
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    void answerDecision(Handle h, long id, String responseJson) {
        h.createUpdate("UPDATE room_report_decision SET response_json = :json WHERE id = :id")
                .bind("json", responseJson).bind("id", id).execute();
    }

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(rs.getLong("id"), rs.getString("report_id"), rs.getString("room_id"),
                ReportTarget.valueOf(rs.getString("target_kind")), rs.getString("target_id"),
                rs.getString("message_id"), rs.getObject("message_seq") == null ? null : rs.getLong("message_seq"),
                rs.getString("message_text"), rs.getString("target_user_id"),
                rs.getString("target_nickname"), rs.getString("reporter_id"),
                ReportReason.valueOf(rs.getString("reason")), rs.getString("text"), Sql.instant(rs, "reported_at"),
                rs.getString("status"));
    }
}
