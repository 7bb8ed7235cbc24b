package dev.moddesk.server.platform;

import java.time.Clock;
import java.time.Instant;
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
        IngestPayload p = IngestPayload.of(event.payload());
        String userId = p.stripped("userId", 100);
        String nickname = p.stripped("nickname", 100);
        String city = p.optionalStripped("city", 50);
        Instant accountCreatedAt = p.instant("accountCreatedAt", null);
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
}
