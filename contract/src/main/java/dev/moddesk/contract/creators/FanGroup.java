package dev.moddesk.contract.creators;

import java.time.Instant;

/**
 * One of a creator's fan groups. {@code displayOrder} is its place in the creator's order (1 = first); the first
 * {@code displaySlots} are {@code shown} on the profile.
 */
public record FanGroup(long id, String externalId, String name, int members, int capacity, Instant createdAt,
                       int displayOrder, boolean shown) {
}
