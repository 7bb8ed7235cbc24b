package dev.moddesk.server.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.moddesk.contract.platform.DeliveryStatus;
import dev.moddesk.contract.platform.FeedAction;
import dev.moddesk.contract.platform.PlatformKey;
import dev.moddesk.contract.platform.Webhook;
import dev.moddesk.contract.platform.WebhookDelivery;
import dev.moddesk.server.core.Json;
import dev.moddesk.server.core.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/** Every SQL statement of the platform feature (tables of V10__platform.sql), on the caller's handle. */
final class PlatformStore {

    private static final TypeReference<Map<String, Object>> PAYLOAD = new TypeReference<>() {
    };

    private static final RowMapper<PlatformKey> KEY = (rs, ctx) -> new PlatformKey(
            rs.getLong("id"),
            rs.getString("name"),
            rs.getString("key_prefix"),
            Sql.instant(rs, "created_at"),
            Sql.instant(rs, "last_used_at"),
            Sql.instant(rs, "revoked_at"));

    private static final RowMapper<PlatformUser> USER = (rs, ctx) -> new PlatformUser(
            rs.getString("user_id"),
            rs.getString("nickname"),
            rs.getString("city"),
            Sql.instant(rs, "account_created_at"),
            Sql.instant(rs, "first_seen_at"),
            Sql.instant(rs, "updated_at"));

    private static final RowMapper<FeedAction> ACTION = (rs, ctx) -> action(rs);

    private static final RowMapper<Webhook> WEBHOOK = (rs, ctx) -> new Webhook(
            rs.getLong("id"), rs.getString("url"), rs.getBoolean("active"), Sql.instant(rs, "created_at"));

    private static final RowMapper<WebhookDelivery> DELIVERY = (rs, ctx) -> new WebhookDelivery(
            rs.getLong("id"),
            rs.getLong("webhook_id"),
            rs.getLong("action_id"),
            rs.getString("action_type"),
            DeliveryStatus.valueOf(rs.getString("status")),
            rs.getInt("attempts"),
            nullableInt(rs, "last_status_code"),
            rs.getString("last_error"),
            Sql.instant(rs, "last_attempt_at"),
            Sql.instant(rs, "next_attempt_at"),
            Sql.instant(rs, "delivered_at"),
            Sql.instant(rs, "created_at"));

    // ---- keys

    long insertKey(Handle h, String name, String hash, String prefix, Instant now, Long createdBy) {
        return h.createUpdate("""
                        INSERT INTO platform_keys (name, key_hash, key_prefix, created_at, created_by)
                        VALUES (:name, :hash, :prefix, :now, :createdBy)""")
                .bind("name", name)
                .bind("hash", hash)
                .bind("prefix", prefix)
                .bind("now", Sql.utc(now))
                .bindByType("createdBy", createdBy, Long.class)
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one();
    }

    List<PlatformKey> keys(Handle h) {
        return h.createQuery("SELECT * FROM platform_keys ORDER BY id").map(KEY).list();
    }

    Optional<PlatformKey> key(Handle h, long id) {
        return h.createQuery("SELECT * FROM platform_keys WHERE id = :id").bind("id", id).map(KEY).findOne();
    }

    Optional<PlatformKey> validKeyByHash(Handle h, String hash) {
        return h.createQuery("SELECT * FROM platform_keys WHERE key_hash = :hash AND revoked_at IS NULL")
                .bind("hash", hash)
                .map(KEY)
                .findOne();
    }

    void revokeKey(Handle h, long id, Instant now) {
        h.createUpdate("UPDATE platform_keys SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL")
                .bind("id", id)
                .bind("now", Sql.utc(now))
                .execute();
    }

    int revokeKeysNamed(Handle h, String name, Instant now) {
        return h.createUpdate("UPDATE platform_keys SET revoked_at = :now WHERE name = :name AND revoked_at IS NULL")
                .bind("name", name)
                .bind("now", Sql.utc(now))
                .execute();
    }

    void keyUsed(Handle h, long id, Instant now) {
        h.createUpdate("UPDATE platform_keys SET last_used_at = :now WHERE id = :id")
                .bind("id", id)
                .bind("now", Sql.utc(now))
                .execute();
    }

    // ---- ingest

    /** Throws a unique violation when the event id was recorded before. */
    void recordEvent(Handle h, String eventId, String type, long keyId, Instant occurredAt, Instant receivedAt) {
        h.createUpdate("""
                        INSERT INTO ingest_events (event_id, type, key_id, occurred_at, received_at)
                        VALUES (:eventId, :type, :keyId, :occurredAt, :receivedAt)""")
                .bind("eventId", eventId)
                .bind("type", type)
                .bind("keyId", keyId)
                .bindByType("occurredAt", Sql.utc(occurredAt), OffsetDateTime.class)
                .bind("receivedAt", Sql.utc(receivedAt))
                .execute();
    }

    // ---- users

    /** Updates the user when the stored state is not newer than {@code sourceAt}; returns whether it did. */
    boolean updateUser(Handle h, PlatformUser user, Instant sourceAt, Instant now) {
        return h.createUpdate("""
                        UPDATE platform_users
                           SET nickname = :nickname, city = :city, account_created_at = :accountCreatedAt,
                               source_at = :sourceAt, updated_at = :now
                         WHERE user_id = :userId AND source_at <= :sourceAt""")
                .bind("userId", user.userId())
                .bind("nickname", user.nickname())
                .bind("city", user.city())
                .bindByType("accountCreatedAt", Sql.utc(user.accountCreatedAt()), OffsetDateTime.class)
                .bind("sourceAt", Sql.utc(sourceAt))
                .bind("now", Sql.utc(now))
                .execute() > 0;
    }

    void insertUser(Handle h, PlatformUser user, Instant sourceAt, Instant now) {
        h.createUpdate("""
                        INSERT INTO platform_users (user_id, nickname, city, account_created_at, source_at,
                                                    first_seen_at, updated_at)
                        VALUES (:userId, :nickname, :city, :accountCreatedAt, :sourceAt, :now, :now)""")
                .bind("userId", user.userId())
                .bind("nickname", user.nickname())
                .bind("city", user.city())
                .bindByType("accountCreatedAt", Sql.utc(user.accountCreatedAt()), OffsetDateTime.class)
                .bind("sourceAt", Sql.utc(sourceAt))
                .bind("now", Sql.utc(now))
                .execute();
    }

    Optional<PlatformUser> user(Handle h, String userId) {
        return h.createQuery("SELECT * FROM platform_users WHERE user_id = :userId")
                .bind("userId", userId)
                .map(USER)
                .findOne();
    }

    // ---- action feed

    /** Takes the feed's ordering lock; it is held until the caller's transaction ends. */
    void lockFeed(Handle h) {
        h.execute("UPDATE action_feed_lock SET published = published + 1 WHERE id = 1");
    }

    long insertAction(Handle h, String type, String targetType, String targetId, String payloadJson, Instant now) {
        return h.createUpdate("""
                        INSERT INTO action_feed (type, target_type, target_id, payload_json, created_at)
                        VALUES (:type, :targetType, :targetId, :payload, :now)""")
                .bind("type", type)
                .bind("targetType", targetType)
                .bind("targetId", targetId)
                .bind("payload", payloadJson)
                .bind("now", Sql.utc(now))
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one();
    }

    record NewAction(String type, String targetType, String targetId, String payloadJson) {
    }

    /** Inserts the actions in order as one batch; their ids, in the same order. */
    List<Long> insertActions(Handle h, List<NewAction> actions, Instant now) {
        var batch = h.prepareBatch("""
                INSERT INTO action_feed (type, target_type, target_id, payload_json, created_at)
                VALUES (:type, :targetType, :targetId, :payload, :now)""");
        for (NewAction a : actions) {
            batch.bind("type", a.type()).bind("targetType", a.targetType()).bind("targetId", a.targetId())
                    .bind("payload", a.payloadJson()).bind("now", Sql.utc(now)).add();
        }
        return batch.executePreparedBatch("id").mapTo(Long.class).list();
    }

    /** One delivery per active webhook for each of {@code actionIds}, in one statement. */
    void queueAllForActiveWebhooks(Handle h, List<Long> actionIds, Instant now) {
        h.createUpdate("""
                        INSERT INTO webhook_deliveries (webhook_id, action_id, status, attempts, next_attempt_at, created_at)
                        SELECT w.id, f.id, 'PENDING', 0, :now, :now FROM webhooks w JOIN action_feed f ON f.id IN (<ids>)
                         WHERE w.active = TRUE AND w.deleted_at IS NULL""")
                .bindList("ids", actionIds)
                .bind("now", Sql.utc(now))
                .execute();
    }

    void queueForWebhook(Handle h, long webhookId, long actionId, Instant now) {
        h.createUpdate("""
                        INSERT INTO webhook_deliveries (webhook_id, action_id, status, attempts, next_attempt_at, created_at)
                        VALUES (:webhookId, :actionId, 'PENDING', 0, :now, :now)""")
                .bind("webhookId", webhookId)
                .bind("actionId", actionId)
                .bind("now", Sql.utc(now))
                .execute();
    }

    List<FeedAction> actionsAfter(Handle h, long after, int limit) {
        return h.createQuery("SELECT * FROM action_feed WHERE id > :after ORDER BY id LIMIT :limit")
                .bind("after", after)
                .bind("limit", limit)
                .map(ACTION)
                .list();
    }

    // ---- webhooks

    long insertWebhook(Handle h, String url, String secret, boolean active, Instant now, Long createdBy) {
        return h.createUpdate("""
                        INSERT INTO webhooks (url, secret, active, created_at, created_by)
                        VALUES (:url, :secret, :active, :now, :createdBy)""")
                .bind("url", url)
                .bind("secret", secret)
                .bind("active", active)
                .bind("now", Sql.utc(now))
                .bindByType("createdBy", createdBy, Long.class)
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one();
    }

    List<Webhook> webhooks(Handle h) {
        return h.createQuery("SELECT * FROM webhooks WHERE deleted_at IS NULL ORDER BY id").map(WEBHOOK).list();
    }

    Optional<Webhook> webhook(Handle h, long id) {
        return h.createQuery("SELECT * FROM webhooks WHERE id = :id AND deleted_at IS NULL")
                .bind("id", id)
                .map(WEBHOOK)
                .findOne();
    }

    /** Marks the webhook deleted and cancels what it has not received yet. */
    void deleteWebhook(Handle h, long id, Instant now) {
        h.createUpdate("UPDATE webhooks SET active = FALSE, deleted_at = :now WHERE id = :id")
                .bind("id", id)
                .bind("now", Sql.utc(now))
                .execute();
        h.createUpdate("""
                        UPDATE webhook_deliveries SET status = 'CANCELLED', next_attempt_at = NULL
                         WHERE webhook_id = :id AND status = 'PENDING'""")
                .bind("id", id)
                .execute();
    }

    List<WebhookDelivery> deliveries(Handle h, long webhookId, int limit) {
        return h.createQuery("""
                        SELECT d.*, a.type AS action_type
                          FROM webhook_deliveries d JOIN action_feed a ON a.id = d.action_id
                         WHERE d.webhook_id = :webhookId
                         ORDER BY d.id DESC
                         LIMIT :limit""")
                .bind("webhookId", webhookId)
                .bind("limit", limit)
                .map(DELIVERY)
                .list();
    }

    Optional<WebhookDelivery> delivery(Handle h, long webhookId, long deliveryId) {
        return h.createQuery("""
                        SELECT d.*, a.type AS action_type
                          FROM webhook_deliveries d JOIN action_feed a ON a.id = d.action_id
                         WHERE d.id = :id AND d.webhook_id = :webhookId""")
                .bind("id", deliveryId)
                .bind("webhookId", webhookId)
                .map(DELIVERY)
                .findOne();
    }

    /**
     * Puts FAILED deliveries of the endpoint (all of them, or only {@code deliveryId}) back in the queue, due now and
     * with a fresh retry schedule; the last attempt's status and error stay until the next attempt replaces them.
     * The status condition makes it safe against a concurrent redelivery: each FAILED row is queued once.
     */
    int redeliverFailed(Handle h, long webhookId, Long deliveryId, Instant now) {
        return h.createUpdate("""
                        UPDATE webhook_deliveries
                           SET status = 'PENDING', attempts = 0, next_attempt_at = :now,
                               claim_token = NULL, claimed_until = NULL
                         WHERE webhook_id = :webhookId AND status = 'FAILED'
                           AND (CAST(:deliveryId AS BIGINT) IS NULL OR id = :deliveryId)""")
                .bind("webhookId", webhookId)
                .bindByType("deliveryId", deliveryId, Long.class)
                .bind("now", Sql.utc(now))
                .execute();
    }

    // ---- delivery queue

    /** Ids of deliveries due now: pending ones whose time has come and sending ones whose lease ran out. */
    List<Long> dueDeliveries(Handle h, Instant now, int limit) {
        return h.createQuery("""
                        SELECT id FROM webhook_deliveries
                         WHERE (status = 'PENDING' AND next_attempt_at <= :now)
                            OR (status = 'SENDING' AND claimed_until < :now)
                         ORDER BY next_attempt_at, id
                         LIMIT :limit""")
                .bind("now", Sql.utc(now))
                .bind("limit", limit)
                .mapTo(Long.class)
                .list();
    }

    /** Claims the delivery if it is still due (true) or another worker was faster (false). Counts the attempt. */
    boolean claimDelivery(Handle h, long id, String token, Instant now, Instant leaseEnd) {
        return h.createUpdate("""
                        UPDATE webhook_deliveries
                           SET status = 'SENDING', claim_token = :token, claimed_until = :leaseEnd,
                               attempts = attempts + 1, last_attempt_at = :now
                         WHERE id = :id
                           AND ((status = 'PENDING' AND next_attempt_at <= :now)
                             OR (status = 'SENDING' AND claimed_until < :now))""")
                .bind("id", id)
                .bind("token", token)
                .bind("leaseEnd", Sql.utc(leaseEnd))
                .bind("now", Sql.utc(now))
                .execute() == 1;
    }

    /** What a claimed delivery sends: where, with which secret, which action, and the attempt number. */
    record ClaimedDelivery(long deliveryId, String token, int attempts, String url, String secret,
            boolean endpointActive, FeedAction action) {
    }

    Optional<ClaimedDelivery> claimedDelivery(Handle h, long id, String token) {
        return h.createQuery("""
                        SELECT d.attempts, w.url, w.secret, w.active, w.deleted_at, a.*
                          FROM webhook_deliveries d
                          JOIN webhooks w ON w.id = d.webhook_id
                          JOIN action_feed a ON a.id = d.action_id
                         WHERE d.id = :id AND d.claim_token = :token""")
                .bind("id", id)
                .bind("token", token)
                .map((rs, ctx) -> new ClaimedDelivery(id, token, rs.getInt("attempts"), rs.getString("url"),
                        rs.getString("secret"), rs.getBoolean("active") && rs.getObject("deleted_at") == null,
                        action(rs)))
                .findOne();
    }

    /** Records an attempt's outcome; false when the claim was lost (its lease ran out and another worker took it). */
    boolean finishDelivery(Handle h, long id, String token, DeliveryStatus status, Integer statusCode, String error,
            Instant nextAttemptAt, Instant deliveredAt) {
        return h.createUpdate("""
                        UPDATE webhook_deliveries
                           SET status = :status, claim_token = NULL, claimed_until = NULL,
                               next_attempt_at = :next, last_status_code = :code, last_error = :error,
                               delivered_at = :deliveredAt
                         WHERE id = :id AND claim_token = :token""")
                .bind("id", id)
                .bind("token", token)
                .bind("status", status.name())
                .bindByType("next", Sql.utc(nextAttemptAt), OffsetDateTime.class)
                .bindByType("code", statusCode, Integer.class)
                .bindByType("error", error, String.class)
                .bindByType("deliveredAt", Sql.utc(deliveredAt), OffsetDateTime.class)
                .execute() == 1;
    }

    // ---- status

    long count(Handle h, Counted what) {
        return h.createQuery(what.sql).mapTo(Long.class).one();
    }

    /** The figures of the integration status page. */
    enum Counted {
        ACTIVE_KEYS("SELECT COUNT(*) FROM platform_keys WHERE revoked_at IS NULL"),
        EVENTS("SELECT COUNT(*) FROM ingest_events"),
        USERS("SELECT COUNT(*) FROM platform_users"),
        LAST_ACTION("SELECT COALESCE(MAX(id), 0) FROM action_feed"),
        ACTIVE_WEBHOOKS("SELECT COUNT(*) FROM webhooks WHERE active = TRUE AND deleted_at IS NULL"),
        DELIVERIES_PENDING("SELECT COUNT(*) FROM webhook_deliveries WHERE status IN ('PENDING', 'SENDING')"),
        DELIVERIES_FAILED("SELECT COUNT(*) FROM webhook_deliveries WHERE status = 'FAILED'");

        private final String sql;

        Counted(String sql) {
            this.sql = sql;
        }
    }

    private static FeedAction action(ResultSet rs) throws SQLException {
        Map<String, Object> payload;
        try {
            payload = Json.mapper().readValue(rs.getString("payload_json"), PAYLOAD);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("action " + rs.getLong("id") + " has an unreadable payload", e);
        }
        return new FeedAction(rs.getLong("id"), rs.getString("type"), rs.getString("target_type"),
                rs.getString("target_id"), payload, Sql.instant(rs, "created_at"));
    }

    private static Integer nullableInt(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }
}
