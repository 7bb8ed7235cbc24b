package dev.moddesk.server.platform;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Platform users, kept current by {@code user.upserted} events {userId, nickname, city, accountCreatedAt}. Other
 * features (applicants, room participants) look users up here. Events may arrive out of order: a user's row only
 * takes an event that happened no earlier than the one it holds.
 */
public final class PlatformUsers implements IngestHandler {

    public static final String TYPE = "user.upserted";

    private final Clock clock;
    private final PlatformStore store = new PlatformStore();

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
        PlatformUser user = new PlatformUser(userId, nickname, city, accountCreatedAt, null, null);
        if (store.updateUser(handle, user, event.occurredAt(), now) || store.user(handle, userId).isPresent()) {
            return; // updated, or the row holds a newer state than this late event
        }
        // A concurrent first insert of the same user fails this one with a unique violation; the ingest retries it.
        store.insertUser(handle, user, event.occurredAt(), now);
    }

    public Optional<PlatformUser> find(Handle handle, String userId) {
        return store.user(handle, userId);
    }

    public long count(Handle handle) {
        return store.count(handle, PlatformStore.Counted.USERS);
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
