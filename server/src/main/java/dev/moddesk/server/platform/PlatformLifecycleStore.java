package dev.moddesk.server.platform;

import dev.moddesk.server.core.Sql;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/** The platform side's lifecycle SQL: pruning deliveries and event ids, and a user's rows (export, erasure). */
final class PlatformLifecycleStore {

    private final boolean postgres;

    PlatformLifecycleStore(boolean postgres) {
        this.postgres = postgres;
    }

    private String skipLocked() {
        return postgres ? " FOR UPDATE SKIP LOCKED" : "";
    }

    /** Finished deliveries (delivered, failed, cancelled) created before {@code cutoff}, at most {@code limit}. */
    int pruneDeliveries(Handle h, Instant cutoff, int limit) {
        return h.createUpdate("DELETE FROM webhook_deliveries WHERE id IN (SELECT id FROM webhook_deliveries"
                        + " WHERE status IN ('DELIVERED', 'FAILED', 'CANCELLED') AND created_at < :cutoff ORDER BY id"
                        + " LIMIT :limit" + skipLocked() + ")")
                .bind("cutoff", Sql.utc(cutoff)).bind("limit", limit).execute();
    }

    /** Ids of events applied before {@code cutoff}, at most {@code limit}. */
    int pruneIngestEvents(Handle h, Instant cutoff, int limit) {
        return h.createUpdate("DELETE FROM ingest_events WHERE event_id IN (SELECT event_id FROM ingest_events"
                        + " WHERE received_at < :cutoff ORDER BY received_at LIMIT :limit" + skipLocked() + ")")
                .bind("cutoff", Sql.utc(cutoff)).bind("limit", limit).execute();
    }

    /** The user's row as the platform described them, for export. */
    Map<String, Object> user(Handle h, String userId) {
        return h.createQuery("SELECT user_id, nickname, city, account_created_at, first_seen_at, updated_at"
                        + " FROM platform_users WHERE user_id = :u")
                .bind("u", userId)
                .map((rs, ctx) -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("userId", rs.getString("user_id"));
                    m.put("nickname", rs.getString("nickname"));
                    m.put("city", rs.getString("city"));
                    m.put("accountCreatedAt", Sql.instant(rs, "account_created_at"));
                    m.put("firstSeenAt", Sql.instant(rs, "first_seen_at"));
                    m.put("updatedAt", Sql.instant(rs, "updated_at"));
                    return m;
                }).findOne().orElse(null);
    }

    int deleteUser(Handle h, String userId) {
        return h.createUpdate("DELETE FROM platform_users WHERE user_id = :u").bind("u", userId).execute();
    }

    /** An action as stored. */
    record Action(long id, String type, String targetType, String targetId, String payload, Instant createdAt) {
    }

    /** Actions naming the user: as target, a record about them as target, or their id as a whole payload value. */
    List<Action> actionsAbout(Handle h, String userId, Map<String, List<String>> references) {
        StringBuilder where = new StringBuilder("target_id = :u OR payload_json LIKE :json ESCAPE '!'");
        Map<String, List<String>> byType = new java.util.TreeMap<>(references);
        int i = 0;
        for (var e : byType.entrySet()) {
            if (!e.getValue().isEmpty()) {
                where.append(" OR (target_type = :type").append(i).append(" AND target_id IN (<ids").append(i)
                        .append(">))");
            }
            i++;
        }
        var q = h.createQuery("SELECT id, type, target_type, target_id, payload_json, created_at FROM action_feed"
                        + " WHERE " + where + " ORDER BY id")
                .bind("u", userId).bind("json", Sql.containingJsonString(userId));
        i = 0;
        for (var e : byType.entrySet()) {
            if (!e.getValue().isEmpty()) {
                q.bind("type" + i, e.getKey()).bindList("ids" + i, e.getValue());
            }
            i++;
        }
        return q.map((rs, ctx) -> new Action(rs.getLong("id"), rs.getString("type"), rs.getString("target_type"),
                rs.getString("target_id"), rs.getString("payload_json"), Sql.instant(rs, "created_at"))).list();
    }

    /** Replaces an action's target id and payload; its id (the platform's cursor), type and time stay. */
    int rewriteAction(Handle h, long id, String targetId, String payload) {
        return h.createUpdate("UPDATE action_feed SET target_id = :t, payload_json = :p WHERE id = :id")
                .bind("t", targetId).bind("p", payload).bind("id", id).execute();
    }
}
