package dev.moddesk.contract.creators;

/**
 * Fan groups a creator has against their effective limits: {@code overQuotaBy} groups more than the quota (the
 * creator keeps them all but {@code canOpenGroup} is false until under quota), {@code shown} of them on the profile.
 */
public record CreatorUsage(int groupsOwned, int fanGroupQuota, int overQuotaBy, boolean canOpenGroup, int shown,
                           int displaySlots) {
}
