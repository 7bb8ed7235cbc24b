package dev.moddesk.server.platform;

import dev.moddesk.server.core.Sql;
import dev.moddesk.contract.platform.CreatedPlatformKey;
import dev.moddesk.contract.platform.PlatformKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

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

    private static final RowMapper<PlatformKey> MAPPER = (rs, ctx) -> new PlatformKey(
            rs.getLong("id"),
            rs.getString("name"),
            rs.getString("key_prefix"),
            Sql.instant(rs, "created_at"),
            Sql.instant(rs, "last_used_at"),
            Sql.instant(rs, "revoked_at"));

    private final Jdbi jdbi;
    private final Clock clock;

    public PlatformKeys(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** Creates a key; the answer is the only place the key ever appears. */
    public CreatedPlatformKey create(Handle handle, String name, Long createdBy) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("name must be 1 to " + MAX_NAME_LENGTH + " characters");
        }
        String key = KeyMaterial.generate(KEY_PREFIX);
        Instant now = clock.instant();
        long id = handle.createUpdate("""
                        INSERT INTO platform_keys (name, key_hash, key_prefix, created_at, created_by)
                        VALUES (:name, :hash, :prefix, :now, :createdBy)""")
                .bind("name", trimmed)
                .bind("hash", KeyMaterial.sha256Hex(key))
                .bind("prefix", key.substring(0, SHOWN_PREFIX_LENGTH))
                .bind("now", Sql.utc(now))
                .bind("createdBy", createdBy)
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one();
        return new CreatedPlatformKey(find(handle, id).orElseThrow(), key);
    }

    public List<PlatformKey> list(Handle handle) {
        return handle.createQuery("SELECT * FROM platform_keys ORDER BY id").map(MAPPER).list();
    }

    public Optional<PlatformKey> find(Handle handle, long id) {
        return handle.createQuery("SELECT * FROM platform_keys WHERE id = :id").bind("id", id).map(MAPPER).findOne();
    }

    /** Revokes the key at once; revoking a revoked key changes nothing. Empty when there is no such key. */
    public Optional<PlatformKey> revoke(Handle handle, long id) {
        handle.createUpdate("UPDATE platform_keys SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL")
                .bind("id", id)
                .bind("now", Sql.utc(clock.instant()))
                .execute();
        return find(handle, id);
    }

    /** Revokes every valid key with this name; the sandbox rotates its simulator key on each start this way. */
    public int revokeNamed(Handle handle, String name) {
        return handle.createUpdate("UPDATE platform_keys SET revoked_at = :now WHERE name = :name AND revoked_at IS NULL")
                .bind("name", name)
                .bind("now", Sql.utc(clock.instant()))
                .execute();
    }

    /** The valid key matching what a caller presented, or empty for an unknown or revoked key. */
    public Optional<PlatformKey> authenticate(String presented) {
        if (presented == null || !presented.startsWith(KEY_PREFIX) || presented.length() > 200) {
            return Optional.empty();
        }
        String hash = KeyMaterial.sha256Hex(presented);
        return jdbi.withHandle(handle -> {
            Optional<PlatformKey> key = handle.createQuery(
                            "SELECT * FROM platform_keys WHERE key_hash = :hash AND revoked_at IS NULL")
                    .bind("hash", hash)
                    .map(MAPPER)
                    .findOne();
            key.ifPresent(k -> touch(handle, k));
            return key;
        });
    }

    private void touch(Handle handle, PlatformKey key) {
        Instant now = clock.instant();
        if (key.lastUsedAt() == null || key.lastUsedAt().isBefore(now.minus(LAST_USED_RESOLUTION))) {
            handle.createUpdate("UPDATE platform_keys SET last_used_at = :now WHERE id = :id")
                    .bind("id", key.id())
                    .bind("now", Sql.utc(now))
                    .execute();
        }
    }
}
