package dev.moddesk.server.platform;

import dev.moddesk.server.core.Sql;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * Platform users, kept current by {@code user.upserted} events {userId, nickname, city, accountCreatedAt}. Other
 * features (applicants, room participants) look users up here. Events may arrive out of order: a user's row only
 * takes an event that happened no earlier than the one it holds.
 */
public final class PlatformUsers implements IngestHandler {

    public static final String TYPE = "user.upserted";

    private static final RowMapper<PlatformUser> MAPPER = (rs, ctx) -> new PlatformUser(
            rs.getString("user_id"),
            rs.getString("nickname"),
            rs.getString("city"),
            Sql.instant(rs, "account_created_at"),
            Sql.instant(rs, "first_seen_at"),
            Sql.instant(rs, "updated_at"));

    private final Clock clock;

    public PlatformUsers(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void apply(Handle handle, Event event) {
        JsonNode p = event.payload();
        String userId = requiredText(p, "userId", 100);
        String nickname = requiredText(p, "nickname", 100);
        String city = optionalText(p, "city", 50);
        Instant accountCreatedAt = optionalInstant(p, "accountCreatedAt");
        Instant now = clock.instant();
        OffsetDateTime sourceAt = Sql.utc(event.occurredAt());

        int updated = handle.createUpdate("""
                        UPDATE platform_users
                           SET nickname = :nickname, city = :city, account_created_at = :accountCreatedAt,
                               source_at = :sourceAt, updated_at = :now
                         WHERE user_id = :userId AND source_at <= :sourceAt""")
                .bind("userId", userId)
                .bind("nickname", nickname)
                .bind("city", city)
                .bindByType("accountCreatedAt", Sql.utc(accountCreatedAt), OffsetDateTime.class)
                .bind("sourceAt", sourceAt)
                .bind("now", Sql.utc(now))
                .execute();
        if (updated > 0 || find(handle, userId).isPresent()) {
            return; // updated, or the row holds a newer state than this late event
        }
        // A concurrent first insert of the same user fails this one with a unique violation; the ingest retries it.
        handle.createUpdate("""
                        INSERT INTO platform_users (user_id, nickname, city, account_created_at, source_at,
                                                    first_seen_at, updated_at)
                        VALUES (:userId, :nickname, :city, :accountCreatedAt, :sourceAt, :now, :now)""")
                .bind("userId", userId)
                .bind("nickname", nickname)
                .bind("city", city)
                .bindByType("accountCreatedAt", Sql.utc(accountCreatedAt), OffsetDateTime.class)
                .bind("sourceAt", sourceAt)
                .bind("now", Sql.utc(now))
                .execute();
    }

    public Optional<PlatformUser> find(Handle handle, String userId) {
        return handle.createQuery("SELECT * FROM platform_users WHERE user_id = :userId")
                .bind("userId", userId)
                .map(MAPPER)
                .findOne();
    }

    public long count(Handle handle) {
        return handle.createQuery("SELECT COUNT(*) FROM platform_users").mapTo(Long.class).one();
    }

    private static String requiredText(JsonNode payload, String field, int maxLength) {
        String value = optionalText(payload, field, maxLength);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("payload." + field + " is required");
        }
        return value;
    }

    private static String optionalText(JsonNode payload, String field, int maxLength) {
        JsonNode node = payload.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new IllegalArgumentException("payload." + field + " must be a string");
        }
        String value = node.asText().strip();
        if (value.length() > maxLength) {
            throw new IllegalArgumentException("payload." + field + " must be at most " + maxLength + " characters");
        }
        return value;
    }

    private static Instant optionalInstant(JsonNode payload, String field) {
        String value = optionalText(payload, field, 64);
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("payload." + field + " must be an ISO-8601 instant");
        }
    }
}
