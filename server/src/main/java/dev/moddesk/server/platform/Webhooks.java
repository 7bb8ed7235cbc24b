package dev.moddesk.server.platform;

import dev.moddesk.server.core.Sql;
import dev.moddesk.contract.platform.CreatedWebhook;
import dev.moddesk.contract.platform.DeliveryStatus;
import dev.moddesk.contract.platform.Webhook;
import dev.moddesk.contract.platform.WebhookDelivery;
import java.net.URI;
import java.net.URISyntaxException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/** Webhook endpoints: each active one receives every action published after it was created. */
public final class Webhooks {

    public static final String TEST_ACTION = "platform.test";
    static final String SECRET_PREFIX = "whsec_";
    private static final int MAX_URL_LENGTH = 2000;

    private static final RowMapper<Webhook> MAPPER = (rs, ctx) -> new Webhook(
            rs.getLong("id"), rs.getString("url"), rs.getBoolean("active"), Sql.instant(rs, "created_at"));

    private static final RowMapper<WebhookDelivery> DELIVERY_MAPPER = (rs, ctx) -> new WebhookDelivery(
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

    private final ActionFeed feed;
    private final Clock clock;

    public Webhooks(ActionFeed feed, Clock clock) {
        this.feed = feed;
        this.clock = clock;
    }

    /** Creates an endpoint with a fresh signing secret; the answer is the only place the secret appears. */
    public CreatedWebhook create(Handle handle, String url, boolean active, Long createdBy) {
        URI uri = validUrl(url);
        String secret = KeyMaterial.generate(SECRET_PREFIX);
        long id = handle.createUpdate("""
                        INSERT INTO webhooks (url, secret, active, created_at, created_by)
                        VALUES (:url, :secret, :active, :now, :createdBy)""")
                .bind("url", uri.toString())
                .bind("secret", secret)
                .bind("active", active)
                .bind("now", Sql.utc(clock.instant()))
                .bind("createdBy", createdBy)
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one();
        return new CreatedWebhook(find(handle, id).orElseThrow(), secret);
    }

    public List<Webhook> list(Handle handle) {
        return handle.createQuery("SELECT * FROM webhooks WHERE deleted_at IS NULL ORDER BY id").map(MAPPER).list();
    }

    public Optional<Webhook> find(Handle handle, long id) {
        return handle.createQuery("SELECT * FROM webhooks WHERE id = :id AND deleted_at IS NULL")
                .bind("id", id)
                .map(MAPPER)
                .findOne();
    }

    /** Deletes the endpoint and cancels what it has not received yet. Empty when there is no such endpoint. */
    public Optional<Webhook> delete(Handle handle, long id) {
        Optional<Webhook> webhook = find(handle, id);
        if (webhook.isPresent()) {
            Instant now = clock.instant();
            handle.createUpdate("UPDATE webhooks SET active = FALSE, deleted_at = :now WHERE id = :id")
                    .bind("id", id)
                    .bind("now", Sql.utc(now))
                    .execute();
            handle.createUpdate("""
                            UPDATE webhook_deliveries SET status = 'CANCELLED', next_attempt_at = NULL
                             WHERE webhook_id = :id AND status = 'PENDING'""")
                    .bind("id", id)
                    .execute();
        }
        return webhook;
    }

    /** Sends a {@value #TEST_ACTION} action to this endpoint only; returns the action id. */
    public Optional<Long> sendTest(Handle handle, long id) {
        return find(handle, id).map(webhook -> feed.publishTo(handle, id, TEST_ACTION, "webhook", Long.toString(id),
                Map.of("webhookId", id, "message", "ModDesk webhook test")));
    }

    /** The endpoint's most recent deliveries, newest first. */
    public List<WebhookDelivery> deliveries(Handle handle, long webhookId, int limit) {
        return handle.createQuery("""
                        SELECT d.*, a.type AS action_type
                          FROM webhook_deliveries d JOIN action_feed a ON a.id = d.action_id
                         WHERE d.webhook_id = :webhookId
                         ORDER BY d.id DESC
                         LIMIT :limit""")
                .bind("webhookId", webhookId)
                .bind("limit", Math.clamp(limit, 1, 500))
                .map(DELIVERY_MAPPER)
                .list();
    }

    static URI validUrl(String url) {
        if (url == null || url.isBlank() || url.length() > MAX_URL_LENGTH) {
            throw new IllegalArgumentException("url must be 1 to " + MAX_URL_LENGTH + " characters");
        }
        try {
            URI uri = new URI(url.strip());
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    || uri.getHost() == null || uri.getUserInfo() != null || uri.getFragment() != null) {
                throw new IllegalArgumentException("url must be an absolute http or https URL without user info or fragment");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("url is not a valid URL: " + e.getReason());
        }
    }

    private static Integer nullableInt(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }
}
