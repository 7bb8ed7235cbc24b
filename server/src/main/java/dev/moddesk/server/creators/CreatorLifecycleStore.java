package dev.moddesk.server.creators;

import dev.moddesk.server.core.Sql;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/** Creators' lifecycle SQL: one platform user's creator profiles and what hangs off them (export, erasure). */
final class CreatorLifecycleStore {

    /** A creator profile of the user. */
    record Profile(long id, String externalId, String displayName) {
    }

    List<Profile> profiles(Handle h, String userId) {
        return h.createQuery("SELECT id, external_id, display_name FROM creator WHERE user_id = :u ORDER BY id")
                .bind("u", userId)
                .map((rs, ctx) -> new Profile(rs.getLong("id"), rs.getString("external_id"),
                        rs.getString("display_name"))).list();
    }

    List<String> justifications(Handle h, List<Long> creatorIds) {
        return h.createQuery("SELECT justification FROM creator_quota_request WHERE creator_id IN (<ids>)")
                .bindList("ids", creatorIds).mapTo(String.class).list();
    }

    /** Profiles, fan groups, overrides and quota requests of {@code creatorIds}, for the access request. */
    List<Map<String, Object>> export(Handle h, String userId) {
        return h.createQuery("SELECT * FROM creator WHERE user_id = :u ORDER BY id").bind("u", userId)
                .map((rs, ctx) -> {
                    long id = rs.getLong("id");
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("creatorId", rs.getString("external_id"));
                    m.put("displayName", rs.getString("display_name"));
                    m.put("followers", rs.getLong("followers"));
                    m.put("tier", rs.getString("tier"));
                    m.put("verified", rs.getBoolean("verified"));
                    m.put("updatedAt", Sql.instant(rs, "updated_at"));
                    m.put("internalId", id);
                    return m;
                }).list().stream().map(m -> {
                    long id = (Long) m.remove("internalId");
                    m.put("fanGroups", h.createQuery("SELECT external_id, name, members, created_at FROM"
                            + " creator_fan_group WHERE creator_id = :c ORDER BY display_order").bind("c", id)
                            .mapToMap().list());
                    m.put("overrides", h.createQuery("SELECT setting, setting_value, set_by, reason, set_at, expires_at"
                            + " FROM creator_override WHERE creator_id = :c ORDER BY setting").bind("c", id)
                            .mapToMap().list());
                    m.put("quotaRequests", h.createQuery("SELECT external_id, setting, current_value, requested,"
                            + " justification, status, granted, note, decided_by, requested_at, decided_at"
                            + " FROM creator_quota_request WHERE creator_id = :c ORDER BY id").bind("c", id)
                            .mapToMap().list());
                    return m;
                }).toList();
    }

    /** The user's profiles under {@code pseudonym}, without their name; tier, overrides and history stay. */
    int pseudonymize(Handle h, String userId, String pseudonym, String erased) {
        return h.createUpdate("UPDATE creator SET user_id = :p, display_name = :e, search_name = '',"
                        + " version = version + 1 WHERE user_id = :u")
                .bind("u", userId).bind("p", pseudonym).bind("e", erased).execute();
    }

    int eraseJustifications(Handle h, List<Long> creatorIds, String erased) {
        return h.createUpdate("UPDATE creator_quota_request SET justification = :e WHERE creator_id IN (<ids>)")
                .bindList("ids", creatorIds).bind("e", erased).execute();
    }

    /** Stored answers of idempotent changes that carry {@code text} (a creator's name), any staff member's. */
    int deleteStoredAnswersHolding(Handle h, String text) {
        return h.createUpdate("DELETE FROM creator_idempotency WHERE response_json LIKE :p ESCAPE '!'")
                .bind("p", Sql.containing(text)).execute();
    }
}
