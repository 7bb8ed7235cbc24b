package dev.moddesk.contract.rooms;

import java.time.Instant;

/**
 * One term of the managed word list (the platform's AutoMod list): the term as staff typed it, its category (one of
 * {@link WordLists#CATEGORIES}), its action ({@code FLAG} or {@code HOLD}) and an optional expiry. {@code version} is
 * the term's ETag; {@code updatedBy} the staff member who last changed it.
 */
public record WordTerm(long id, String term, String category, String action, Instant expiresAt, int version,
                       Instant updatedAt, String updatedBy) {
}
