package dev.moddesk.server.creators;

import dev.moddesk.contract.creators.CreatorValues;
import java.time.Instant;

/** The rows of the creators feature as its stores read them. */
final class CreatorRows {

    private CreatorRows() {
    }

    record Creator(long id, String externalId, String userId, String displayName, long followers, String tier,
                   boolean verified, int version) {
    }

    record Tier(String code, String name, CreatorValues defaults, int version) {
    }

    /** One override: {@code value} is a number or {@code true}/{@code false} as text. */
    record Override(String setting, String value, String setBy, String reason, Instant setAt, Instant expiresAt) {
        boolean liveAt(Instant at) {
            return expiresAt == null || expiresAt.isAfter(at);
        }
    }

    record Group(long id, String externalId, String name, int members, int capacity, Instant createdAt,
                 int displayOrder) {
    }

    record Lapse(long creatorId, String setting, Instant expiresAt) {
    }
}
