package dev.moddesk.server.review;

import static dev.moddesk.server.review.ApplicationStore.nullableLong;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/** The SQL of reason codes. */
final class ReasonCodeStore {

    record ReasonRow(String code, Long circleId, String titlesJson, String templatesJson, int cooldownDays,
                     int position, boolean active, int version) {
    }

    private static ReasonRow reasonRow(ResultSet rs) throws SQLException {
        return new ReasonRow(rs.getString("code"), nullableLong(rs, "circle_id"), rs.getString("titles_json"),
                rs.getString("templates_json"), rs.getInt("cooldown_days"), rs.getInt("position"),
                rs.getBoolean("active"), rs.getInt("version"));
    }

    List<ReasonRow> reasonCodes(Handle h, Long circleId, boolean activeOnly) {
        String sql = "SELECT * FROM review_reason_code WHERE (circle_id IS NULL"
                + (circleId != null ? " OR circle_id = :circle)" : ")")
                + (activeOnly ? " AND active = TRUE" : "")
                + " ORDER BY position, code";
        Query q = h.createQuery(sql);
        if (circleId != null) {
            q.bind("circle", circleId);
        }
        return q.map((rs, ctx) -> reasonRow(rs)).list();
    }

    Optional<ReasonRow> reasonCode(Handle h, String code, boolean forUpdate) {
        return h.createQuery("SELECT * FROM review_reason_code WHERE code = :code" + (forUpdate ? " FOR UPDATE" : ""))
                .bind("code", code).map((rs, ctx) -> reasonRow(rs)).findOne();
    }

    void insertReasonCode(Handle h, ReasonRow r) {
        h.createUpdate("""
                INSERT INTO review_reason_code (code, circle_id, titles_json, templates_json, cooldown_days, position, active, version)
                VALUES (:code, :circle, :titles, :templates, :cooldown, :position, :active, 1)""")
                .bind("code", r.code()).bind("circle", r.circleId()).bind("titles", r.titlesJson())
                .bind("templates", r.templatesJson()).bind("cooldown", r.cooldownDays()).bind("position", r.position())
                .bind("active", r.active()).execute();
    }

    int updateReasonCode(Handle h, ReasonRow r, int expectedVersion) {
        return h.createUpdate("""
                UPDATE review_reason_code SET circle_id = :circle, titles_json = :titles, templates_json = :templates,
                       cooldown_days = :cooldown, position = :position, active = :active, version = version + 1
                WHERE code = :code AND version = :version""")
                .bind("code", r.code()).bind("circle", r.circleId()).bind("titles", r.titlesJson())
                .bind("templates", r.templatesJson()).bind("cooldown", r.cooldownDays()).bind("position", r.position())
                .bind("active", r.active()).bind("version", expectedVersion).execute();
    }

    int nextReasonPosition(Handle h) {
        return h.createQuery("SELECT COALESCE(MAX(position), 0) + 1 FROM review_reason_code").mapTo(Integer.class).one();
    }
}
