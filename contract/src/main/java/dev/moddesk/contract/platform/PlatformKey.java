package dev.moddesk.contract.platform;

import java.time.Instant;

/**
 * A platform service key as admins see it: never the key itself, only its first characters ({@code prefix}) so people
 * can tell keys apart. {@code revokedAt} is null while the key is valid.
 */
public record PlatformKey(long id, String name, String prefix, Instant createdAt, Instant lastUsedAt, Instant revokedAt) {
    public PlatformKey {
        if (name == null || prefix == null || createdAt == null) {
            throw new IllegalArgumentException("name, prefix and createdAt are required");
        }
    }
}
