package dev.moddesk.server.audit;

import dev.moddesk.server.core.AuditLog;
import dev.moddesk.server.core.ErasureSubject;
import dev.moddesk.server.core.Sql;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/** The audit log's lifecycle SQL: pruning past retention, and the entries about one user (export, erasure). */
final class AuditLifecycleStore {

    private final boolean postgres;

    AuditLifecycleStore(boolean postgres) {
        this.postgres = postgres;
    }

    /** Deletes up to {@code limit} of the oldest entries before {@code cutoff}, in the caller's transaction. */
    int pruneBefore(Handle h, Instant cutoff, int limit) {
        return AuditLog.maintaining(h, AuditLog.Maintenance.RETENTION, () -> h.createUpdate(
                        "DELETE FROM audit_log WHERE id IN (SELECT id FROM audit_log WHERE at < :cutoff ORDER BY id"
                                + " LIMIT :limit" + (postgres ? " FOR UPDATE SKIP LOCKED" : "") + ")")
                .bind("cutoff", Sql.utc(cutoff)).bind("limit", limit).execute());
    }

    /** An entry as stored, for export and scrubbing. */
    record Row(long id, Instant at, String actorName, String action, String targetType, String targetId,
               String before, String after, String reason) {

        Map<String, Object> export() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id);
            m.put("at", at);
            m.put("actor", actorName);
            m.put("action", action);
            m.put("targetType", targetType);
            m.put("targetId", targetId);
            m.put("before", AuditLog.fromJson(before));
            m.put("after", AuditLog.fromJson(after));
            m.put("reason", reason);
            return m;
        }
    }

    /**
     * Entries about the user: their id as the target, a record about them ({@code references} by target type) as the
     * target, or their id as a whole string value in the before/after states or the reason.
     */
    List<Row> about(Handle h, String userId, Map<String, List<String>> references) {
        List<String> where = new ArrayList<>(List.of("target_id = :user", "before_json LIKE :json ESCAPE '!'",
                "after_json LIKE :json ESCAPE '!'", "reason = :user"));
        Map<String, List<String>> byType = new TreeMap<>(references);
        int i = 0;
        for (var e : byType.entrySet()) {
            if (!e.getValue().isEmpty()) {
                where.add("(target_type = :type" + i + " AND target_id IN (<ids" + i + ">))");
            }
            i++;
        }
        Query q = h.createQuery("SELECT id, at, actor_name, action, target_type, target_id, before_json, after_json,"
                        + " reason FROM audit_log WHERE " + String.join(" OR ", where) + " ORDER BY id")
                .bind("user", userId).bind("json", Sql.containingJsonString(userId));
        i = 0;
        for (var e : byType.entrySet()) {
            if (!e.getValue().isEmpty()) {
                q.bind("type" + i, e.getKey()).bindList("ids" + i, e.getValue());
            }
            i++;
        }
        return q.map((rs, ctx) -> new Row(rs.getLong("id"), Sql.instant(rs, "at"), rs.getString("actor_name"),
                rs.getString("action"), rs.getString("target_type"), rs.getString("target_id"),
                rs.getString("before_json"), rs.getString("after_json"), rs.getString("reason"))).list();
    }

    /** Rewrites the entries with the user replaced; returns how many changed. The time, actor and action stay. */
    int pseudonymize(Handle h, List<Row> rows, ErasureSubject subject) {
        return AuditLog.maintaining(h, AuditLog.Maintenance.ERASURE, () -> {
            int changed = 0;
            for (Row row : rows) {
                String targetId = subject.scrubText(row.targetId());
                String before = subject.scrubJson(row.before());
                String after = subject.scrubJson(row.after());
                String reason = subject.scrubText(row.reason());
                if (java.util.Objects.equals(targetId, row.targetId()) && java.util.Objects.equals(before, row.before())
                        && java.util.Objects.equals(after, row.after())
                        && java.util.Objects.equals(reason, row.reason())) {
                    continue;
                }
                changed += h.createUpdate("UPDATE audit_log SET target_id = :target, before_json = :before,"
                                + " after_json = :after, reason = :reason WHERE id = :id")
                        .bind("target", targetId).bind("before", before).bind("after", after).bind("reason", reason)
                        .bind("id", row.id()).execute();
            }
            return changed;
        });
    }
}
