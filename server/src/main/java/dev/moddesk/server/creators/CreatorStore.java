package dev.moddesk.server.creators;

import static dev.moddesk.server.core.Sql.instant;
import static dev.moddesk.server.core.Sql.utc;

import dev.moddesk.contract.creators.CreatorValues;
import dev.moddesk.contract.creators.FeatureFlag;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/** The SQL of creators, tiers and overrides (the same on H2 and PostgreSQL). */
final class CreatorStore {

    private static Set<FeatureFlag> flags(String csv) {
        Set<FeatureFlag> on = EnumSet.noneOf(FeatureFlag.class);
        Arrays.stream(csv.split(",")).filter(s -> !s.isBlank()).forEach(s -> FeatureFlag.named(s).ifPresent(on::add));
        return on;
    }

    static String csv(CreatorValues values) {
        return values.features().entrySet().stream().filter(Map.Entry::getValue).map(e -> e.getKey().name())
                .collect(Collectors.joining(","));
    }

    private static CreatorRows.Creator creator(ResultSet rs) throws SQLException {
        return new CreatorRows.Creator(rs.getLong("id"), rs.getString("external_id"), rs.getString("user_id"),
                rs.getString("display_name"), rs.getLong("followers"), rs.getString("tier"),
                rs.getBoolean("verified"), rs.getInt("version"));
    }

    private static CreatorRows.Tier tier(ResultSet rs) throws SQLException {
        return new CreatorRows.Tier(rs.getString("code"), rs.getString("name"), CreatorValues.of(
                rs.getInt("fan_group_quota"), rs.getInt("display_slots"), rs.getInt("member_capacity"),
                flags(rs.getString("features"))), rs.getInt("version"));
    }

    private static CreatorRows.Override override(ResultSet rs) throws SQLException {
        return new CreatorRows.Override(rs.getString("setting"), rs.getString("setting_value"), rs.getString("set_by"),
                rs.getString("reason"), instant(rs, "set_at"), instant(rs, "expires_at"));
    }

    Optional<CreatorRows.Creator> creator(Handle h, long id, boolean forUpdate) {
        return h.createQuery("SELECT * FROM creator WHERE id = :id" + (forUpdate ? " FOR UPDATE" : ""))
                .bind("id", id).map((rs, ctx) -> creator(rs)).findOne();
    }

    Optional<CreatorRows.Creator> creatorByExternalId(Handle h, String externalId, boolean forUpdate) {
        return h.createQuery("SELECT * FROM creator WHERE external_id = :ext" + (forUpdate ? " FOR UPDATE" : ""))
                .bind("ext", externalId).map((rs, ctx) -> creator(rs)).findOne();
    }

    /** The creators with these ids, locked, in id order (so bulk writers lock in one order). */
    List<CreatorRows.Creator> lockCreators(Handle h, Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return h.createQuery("SELECT * FROM creator WHERE id IN (<ids>) ORDER BY id FOR UPDATE")
                .bindList("ids", List.copyOf(ids)).map((rs, ctx) -> creator(rs)).list();
    }

    /** The creators with these ids that exist, in id order, unlocked. */
    List<CreatorRows.Creator> creators(Handle h, Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return h.createQuery("SELECT * FROM creator WHERE id IN (<ids>) ORDER BY id")
                .bindList("ids", List.copyOf(ids)).map((rs, ctx) -> creator(rs)).list();
    }

    /** The ids of a tier's creators after {@code afterId}, in id order. */
    List<Long> creatorIdsOfTier(Handle h, String tier, long afterId, int limit) {
        return h.createQuery("SELECT id FROM creator WHERE tier = :tier AND id > :after ORDER BY id LIMIT :limit")
                .bind("tier", tier).bind("after", afterId).bind("limit", limit).mapTo(Long.class).list();
    }

    void insertCreator(Handle h, String externalId, String userId, String displayName, long followers, String tier,
                       boolean verified, Instant profileAt, Instant now) {
        h.createUpdate("""
                INSERT INTO creator (external_id, user_id, display_name, search_name, followers, tier, verified,
                                     version, profile_at, updated_at)
                VALUES (:ext, :user, :name, :search, :followers, :tier, :verified, 1, :profileAt, :now)""")
                .bind("ext", externalId).bind("user", userId).bind("name", displayName)
                .bind("search", searchName(displayName)).bind("followers", followers).bind("tier", tier)
                .bind("verified", verified).bind("profileAt", utc(profileAt)).bind("now", utc(now)).execute();
    }

    /** Takes a profile no older than the one the row holds; bumps the version when {@code bump}. */
    int updateProfile(Handle h, long id, String userId, String displayName, long followers, String tier,
                      boolean verified, boolean bump, Instant profileAt, Instant now) {
        return h.createUpdate("""
                UPDATE creator SET user_id = :user, display_name = :name, search_name = :search, followers = :followers,
                       tier = :tier, verified = :verified, version = version + :bump, profile_at = :profileAt,
                       updated_at = :now
                WHERE id = :id AND profile_at <= :profileAt""")
                .bind("id", id).bind("user", userId).bind("name", displayName).bind("search", searchName(displayName))
                .bind("followers", followers).bind("tier", tier).bind("verified", verified).bind("bump", bump ? 1 : 0)
                .bind("profileAt", utc(profileAt)).bind("now", utc(now)).execute();
    }

    static String searchName(String displayName) {
        return displayName.toLowerCase(java.util.Locale.ROOT);
    }

    void bumpVersions(Handle h, Collection<Long> ids, Instant now) {
        if (ids.isEmpty()) {
            return;
        }
        h.createUpdate("UPDATE creator SET version = version + 1, updated_at = :now WHERE id IN (<ids>)")
                .bind("now", utc(now)).bindList("ids", List.copyOf(ids)).execute();
    }

    Optional<CreatorRows.Tier> tier(Handle h, String code, boolean forUpdate) {
        return h.createQuery("SELECT * FROM creator_tier WHERE code = :code" + (forUpdate ? " FOR UPDATE" : ""))
                .bind("code", code).map((rs, ctx) -> tier(rs)).findOne();
    }

    List<CreatorRows.Tier> tiers(Handle h) {
        return h.createQuery("SELECT * FROM creator_tier ORDER BY fan_group_quota, code").map((rs, ctx) -> tier(rs))
                .list();
    }

    Map<String, Integer> creatorsPerTier(Handle h) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        h.createQuery("SELECT tier, COUNT(*) AS n FROM creator GROUP BY tier")
                .map((rs, ctx) -> Map.entry(rs.getString("tier"), rs.getInt("n"))).forEach(e -> counts.put(e.getKey(),
                        e.getValue()));
        return counts;
    }

    int updateTier(Handle h, String code, CreatorValues defaults, int expectedVersion, Instant now) {
        return h.createUpdate("""
                UPDATE creator_tier SET fan_group_quota = :quota, display_slots = :slots, member_capacity = :capacity,
                       features = :features, version = version + 1, updated_at = :now
                WHERE code = :code AND version = :version""")
                .bind("code", code).bind("quota", defaults.fanGroupQuota()).bind("slots", defaults.displaySlots())
                .bind("capacity", defaults.memberCapacity()).bind("features", csv(defaults))
                .bind("version", expectedVersion).bind("now", utc(now)).execute();
    }

    List<CreatorRows.Override> overrides(Handle h, long creatorId) {
        return h.createQuery("SELECT * FROM creator_override WHERE creator_id = :id ORDER BY setting")
                .bind("id", creatorId).map((rs, ctx) -> override(rs)).list();
    }

    Map<Long, List<CreatorRows.Override>> overridesOf(Handle h, Collection<Long> creatorIds) {
        Map<Long, List<CreatorRows.Override>> all = new LinkedHashMap<>();
        creatorIds.forEach(id -> all.put(id, new ArrayList<>()));
        if (creatorIds.isEmpty()) {
            return all;
        }
        h.createQuery("SELECT * FROM creator_override WHERE creator_id IN (<ids>) ORDER BY creator_id, setting")
                .bindList("ids", List.copyOf(creatorIds))
                .map((rs, ctx) -> Map.entry(rs.getLong("creator_id"), override(rs)))
                .forEach(e -> all.get(e.getKey()).add(e.getValue()));
        return all;
    }

    void replaceOverride(Handle h, long creatorId, CreatorRows.Override o) {
        deleteOverride(h, creatorId, o.setting());
        h.createUpdate("""
                INSERT INTO creator_override (creator_id, setting, setting_value, set_by, reason, set_at, expires_at)
                VALUES (:creator, :setting, :value, :by, :reason, :setAt, :expiresAt)""")
                .bind("creator", creatorId).bind("setting", o.setting()).bind("value", o.value())
                .bind("by", o.setBy()).bind("reason", o.reason()).bind("setAt", utc(o.setAt()))
                .bind("expiresAt", utc(o.expiresAt())).execute();
    }

    void deleteOverride(Handle h, long creatorId, String setting) {
        h.createUpdate("DELETE FROM creator_override WHERE creator_id = :creator AND setting = :setting")
                .bind("creator", creatorId).bind("setting", setting).execute();
    }

    /** Overrides whose expiry has passed at {@code now}, oldest expiry first. */
    List<CreatorRows.Lapse> lapsed(Handle h, Instant now, int limit) {
        return h.createQuery("""
                SELECT creator_id, setting, expires_at FROM creator_override
                WHERE expires_at <= :now ORDER BY expires_at, creator_id, setting LIMIT :limit""")
                .bind("now", utc(now)).bind("limit", limit)
                .map((rs, ctx) -> new CreatorRows.Lapse(rs.getLong("creator_id"), rs.getString("setting"),
                        instant(rs, "expires_at"))).list();
    }

    /** The claim on a lapse: 1 for the one transaction (on any node) that removes the lapsed override, else 0. */
    int deleteLapsed(Handle h, CreatorRows.Lapse lapse, Instant now) {
        return h.createUpdate("""
                DELETE FROM creator_override
                WHERE creator_id = :creator AND setting = :setting AND expires_at = :expiresAt AND expires_at <= :now""")
                .bind("creator", lapse.creatorId()).bind("setting", lapse.setting())
                .bind("expiresAt", utc(lapse.expiresAt())).bind("now", utc(now)).execute();
    }

    /** Search by name prefix or exact creator/user id; optionally one tier and one feature as set (rules aside). */
    List<CreatorRows.Creator> search(Handle h, String query, String tier, FeatureFlag feature, Instant now,
                                     long afterId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT c.* FROM creator c WHERE c.id > :after");
        if (query != null) {
            sql.append(" AND (c.search_name LIKE :prefix ESCAPE '\\' OR c.external_id = :exact OR c.user_id = :exact)");
        }
        if (tier != null) {
            sql.append(" AND c.tier = :tier");
        }
        if (feature != null) {
            sql.append("""
                     AND (EXISTS (SELECT 1 FROM creator_override o WHERE o.creator_id = c.id AND o.setting = :flag
                                  AND o.setting_value = 'true' AND (o.expires_at IS NULL OR o.expires_at > :now))
                      OR (NOT EXISTS (SELECT 1 FROM creator_override o WHERE o.creator_id = c.id AND o.setting = :flag
                                      AND (o.expires_at IS NULL OR o.expires_at > :now))
                          AND c.tier IN (SELECT t.code FROM creator_tier t
                                         WHERE ',' || t.features || ',' LIKE :flagPattern)))""");
        }
        sql.append(" ORDER BY c.id LIMIT :limit");
        Query q = h.createQuery(sql.toString()).bind("after", afterId).bind("limit", limit);
        if (query != null) {
            q.bind("prefix", escapeLike(searchName(query)) + "%").bind("exact", query);
        }
        if (tier != null) {
            q.bind("tier", tier);
        }
        if (feature != null) {
            q.bind("flag", feature.name()).bind("now", utc(now)).bind("flagPattern", "%," + feature.name() + ",%");
        }
        return q.map((rs, ctx) -> creator(rs)).list();
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** A creator's audit entries, newest first: id, at, actor, action, reason, before and after JSON. */
    List<AuditRow> history(Handle h, long creatorId, long beforeId, int limit) {
        return h.createQuery("""
                SELECT id, at, actor_name, action, reason, before_json, after_json FROM audit_log
                WHERE target_type = 'creator' AND target_id = :target AND id < :before ORDER BY id DESC LIMIT :limit""")
                .bind("target", Long.toString(creatorId)).bind("before", beforeId).bind("limit", limit)
                .map((rs, ctx) -> new AuditRow(rs.getLong("id"), instant(rs, "at"), rs.getString("actor_name"),
                        rs.getString("action"), rs.getString("reason"), rs.getString("before_json"),
                        rs.getString("after_json"))).list();
    }

    record AuditRow(long id, Instant at, String actor, String action, String reason, String beforeJson,
                    String afterJson) {
    }

    Optional<StoredAnswer> idempotencyRecord(Handle h, long staffId, String key) {
        return h.createQuery("SELECT request_hash, response_json FROM creator_idempotency"
                        + " WHERE staff_id = :staff AND idem_key = :key")
                .bind("staff", staffId).bind("key", key)
                .map((rs, ctx) -> new StoredAnswer(rs.getString("request_hash"), rs.getString("response_json")))
                .findOne();
    }

    void insertIdempotencyRecord(Handle h, long staffId, String key, String hash, String responseJson, Instant now) {
        h.createUpdate("""
                INSERT INTO creator_idempotency (staff_id, idem_key, request_hash, response_json, created_at)
                VALUES (:staff, :key, :hash, :response, :now)""")
                .bind("staff", staffId).bind("key", key).bind("hash", hash).bind("response", responseJson)
                .bind("now", utc(now)).execute();
    }

    int forgetIdempotencyRecords(Handle h, Instant olderThan) {
        return h.createUpdate("DELETE FROM creator_idempotency WHERE created_at < :before")
                .bind("before", utc(olderThan)).execute();
    }

    record StoredAnswer(String requestHash, String responseJson) {
    }
}
