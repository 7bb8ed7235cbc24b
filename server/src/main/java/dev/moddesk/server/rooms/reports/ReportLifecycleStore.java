package dev.moddesk.server.rooms.reports;

import dev.moddesk.server.core.Sql;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/** Reports' lifecycle SQL: settled reports and decisions by age, one user's rows (export, erasure). */
final class ReportLifecycleStore {

    private final boolean postgres;

    ReportLifecycleStore(boolean postgres) {
        this.postgres = postgres;
    }

    private String skipLocked() {
        return postgres ? " FOR UPDATE SKIP LOCKED" : "";
    }

    /** Settled reports about targets decided before {@code cutoff}, then those decisions once no report names them. */
    int prune(Handle h, Instant cutoff, int limit) {
        int n = h.createUpdate("DELETE FROM room_report WHERE id IN (SELECT r.id FROM room_report r"
                        + " JOIN room_report_decision d ON d.id = r.decision_id WHERE r.status <> 'OPEN'"
                        + " AND d.decided_at < :cutoff ORDER BY r.id LIMIT :limit" + skipLocked() + ")")
                .bind("cutoff", Sql.utc(cutoff)).bind("limit", limit).execute();
        if (n >= limit) {
            return n;
        }
        return n + h.createUpdate("DELETE FROM room_report_decision WHERE id IN (SELECT d.id FROM room_report_decision d"
                        + " WHERE d.decided_at < :cutoff AND NOT EXISTS (SELECT 1 FROM room_report r"
                        + " WHERE r.decision_id = d.id) ORDER BY d.id LIMIT :limit" + skipLocked() + ")")
                .bind("cutoff", Sql.utc(cutoff)).bind("limit", limit - n).execute();
    }

    /** Personal texts of the user found in reports: their nickname and reported lines, their own report texts. */
    List<String> texts(Handle h, String userId) {
        List<String> about = h.createQuery("SELECT target_nickname FROM room_report WHERE target_user_id = :u"
                + " AND target_nickname IS NOT NULL UNION SELECT message_text FROM room_report WHERE target_user_id = :u"
                + " AND message_text IS NOT NULL UNION SELECT text FROM room_report WHERE reporter_id = :u"
                + " AND text IS NOT NULL").bind("u", userId).mapTo(String.class).list();
        return about;
    }

    List<Map<String, Object>> exportFiled(Handle h, String userId) {
        return h.createQuery("SELECT report_id, room_id, target_kind, reason, text, reported_at, status"
                + " FROM room_report WHERE reporter_id = :u ORDER BY id").bind("u", userId).mapToMap().list();
    }

    /** Reports about the user, without who filed them (that is the reporters' data). */
    List<Map<String, Object>> exportAbout(Handle h, String userId) {
        return h.createQuery("SELECT room_id, target_kind, message_text, reason, reported_at, status"
                + " FROM room_report WHERE target_user_id = :u ORDER BY id").bind("u", userId).mapToMap().list();
    }

    int eraseAbout(Handle h, String userId, String pseudonym, String erased) {
        return h.createUpdate("UPDATE room_report SET target_user_id = :p, target_nickname = CASE WHEN target_nickname"
                        + " IS NULL THEN NULL ELSE :e END, message_text = CASE WHEN message_text IS NULL THEN NULL"
                        + " ELSE :e END, target_id = CASE WHEN target_id = :u THEN :p ELSE target_id END"
                        + " WHERE target_user_id = :u")
                .bind("u", userId).bind("p", pseudonym).bind("e", erased).execute();
    }

    int eraseFiled(Handle h, String userId, String pseudonym, String erased) {
        return h.createUpdate("UPDATE room_report SET reporter_id = :p, text = CASE WHEN text IS NULL THEN NULL"
                        + " ELSE :e END WHERE reporter_id = :u")
                .bind("u", userId).bind("p", pseudonym).bind("e", erased).execute();
    }

    int eraseDecisions(Handle h, String userId, String pseudonym) {
        return h.createUpdate("UPDATE room_report_decision SET target_id = :p WHERE target_id = :u")
                .bind("u", userId).bind("p", pseudonym).execute();
    }
}
