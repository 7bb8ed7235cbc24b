package dev.moddesk.server.platform;

import dev.moddesk.contract.platform.CreatedPlatformKey;
import dev.moddesk.contract.platform.PlatformKey;
import dev.moddesk.server.core.ProblemException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Platform service keys: created by admins (the key is shown once, only its SHA-256 is stored), revoked by admins,
 * presented by the platform as {@code Authorization: Bearer <key>}.
 */
public final class PlatformKeys {

    static final String KEY_PREFIX = "mdk_";
    static final int MAX_NAME_LENGTH = 100;
    private static final int SHOWN_PREFIX_LENGTH = 12;
    // last_used_at is informative; writing it on every ingest call would make each call a write.
    private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    private final Jdbi jdbi;
    private final Clock clock;
    private final PlatformStore store = new PlatformStore();

    public PlatformKeys(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** Creates a key; the answer is the only place the key ever appears. */
    public CreatedPlatformKey create(Handle handle, String name, Long createdBy) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > MAX_NAME_LENGTH) {
            throw ProblemException.invalid("name", "platform.field.keyName", MAX_NAME_LENGTH);
        }
        String key = KeyMaterial.generate(KEY_PREFIX);
        Instant now = clock.instant();
        long id = store.insertKey(handle, trimmed, KeyMaterial.sha256Hex(key), key.substring(0, SHOWN_PREFIX_LENGTH),
                now, createdBy);
        return new CreatedPlatformKey(find(handle, id).orElseThrow(), key);
    }

    public List<PlatformKey> list(Handle handle) {
        return store.keys(handle);
    }

    public Optional<PlatformKey> find(Handle handle, long id) {
        return store.key(handle, id);
    }

    /** Revokes the key at once; revoking a revoked key changes nothing. Empty when there is no such key. */
    public Optional<PlatformKey> revoke(Handle handle, long id) {
        store.revokeKey(handle, id, clock.instant());
        return find(handle, id);
    }

    /** Revokes every valid key with this name; the sandbox rotates its simulator key on each start this way. */
    public int revokeNamed(Handle handle, String name) {
        return store.revokeKeysNamed(handle, name, clock.instant());
    }

    /** The valid key matching what a caller presented, or empty for an unknown or revoked key. */
    public Optional<PlatformKey> authenticate(String presented) {
        if (presented == null || !presented.startsWith(KEY_PREFIX) || presented.length() > 200) {
            return Optional.empty();
        }
        String hash = KeyMaterial.sha256Hex(presented);
        return jdbi.withHandle(handle -> {
            Optional<PlatformKey> key = store.validKeyByHash(handle, hash);
            key.ifPresent(k -> touch(handle, k));
            return key;
        });
    }

    private void touch(Handle handle, PlatformKey key) {
        Instant now = clock.instant();
        if (key.lastUsedAt() == null || key.lastUsedAt().isBefore(now.minus(LAST_USED_RESOLUTION))) {
            store.keyUsed(handle, key.id(), now);
        }
    }
}
