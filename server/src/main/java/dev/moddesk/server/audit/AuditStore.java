package dev.moddesk.server.audit;

import dev.moddesk.contract.AuditEntry;
import dev.moddesk.server.core.AuditLog;
import dev.moddesk.server.core.Sql;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/** All SQL that reads the audit log (writing is {@link AuditLog}'s job). */
final class AuditStore {
    /** Filters; null fields do not filter. {@code beforeId} is the keyset cursor (entries with smaller ids). */
    record Filter(Long actorId, String actorName, String action, String targetType, String targetId, Instant from,
                  Instant to, Long beforeId) {
    }

    /** Up to {@code limit} entries matching {@code filter}, newest (highest id) first. */
    List<AuditEntry> find(Handle h, Filter filter, int limit) {
        List<String> where = new ArrayList<>();
        if (filter.actorId() != null) {
            where.add("actor_id = :actorId");
        }
        if (filter.actorName() != null) {
            where.add("actor_name = :actorName");
        }
        if (filter.action() != null) {
            where.add("action = :action");
        }
        if (filter.targetType() != null) {
            where.add("target_type = :targetType");
        }
        if (filter.targetId() != null) {
            where.add("target_id = :targetId");
        }
        if (filter.from() != null) {
            where.add("at >= :from");
        }
        if (filter.to() != null) {
            where.add("at < :to");
        }
        if (filter.beforeId() != null) {
            where.add("id < :beforeId");
        }
        String sql = "SELECT id, at, actor_id, actor_name, action, target_type, target_id, before_json, after_json, "
                + "reason, client_address FROM audit_log"
                + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + " ORDER BY id DESC LIMIT :limit";
        Query query = h.createQuery(sql).bind("limit", limit);
        if (filter.actorId() != null) {
            query.bind("actorId", filter.actorId());
        }
        if (filter.actorName() != null) {
            query.bind("actorName", filter.actorName());
        }
        if (filter.action() != null) {
            query.bind("action", filter.action());
        }
        if (filter.targetType() != null) {
            query.bind("targetType", filter.targetType());
        }
        if (filter.targetId() != null) {
            query.bind("targetId", filter.targetId());
        }
        if (filter.from() != null) {
            query.bind("from", Sql.utc(filter.from()));
        }
        if (filter.to() != null) {
            query.bind("to", Sql.utc(filter.to()));
        }
        if (filter.beforeId() != null) {
            query.bind("beforeId", filter.beforeId());
        }
        return query.map((rs, ctx) -> new AuditEntry(rs.getLong("id"), Sql.instant(rs, "at"),
                        (Long) rs.getObject("actor_id", Long.class), rs.getString("actor_name"),
                        rs.getString("action"), rs.getString("target_type"), rs.getString("target_id"),
                        AuditLog.fromJson(rs.getString("before_json")), AuditLog.fromJson(rs.getString("after_json")),
                        rs.getString("reason"), rs.getString("client_address")))
                .list();
    }

    /** Distinct action names, optionally only those of one actor. */
    List<String> actions(Handle h, Long actorId) {
        return actorId == null
                ? h.createQuery("SELECT DISTINCT action FROM audit_log ORDER BY action").mapTo(String.class).list()
                : h.createQuery("SELECT DISTINCT action FROM audit_log WHERE actor_id = :actorId ORDER BY action")
                        .bind("actorId", actorId).mapTo(String.class).list();
    }
}
