package dev.moddesk.server.platform;

import java.time.Instant;

/** A platform user as the platform last described them. */
public record PlatformUser(
        String userId, String nickname, String city, Instant accountCreatedAt, Instant firstSeenAt, Instant updatedAt) {
}
