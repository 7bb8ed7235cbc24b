package dev.moddesk.contract.creators;

/** A creator in search results and suggestions. */
public record CreatorSummary(long id, String externalId, String displayName, String tier, boolean verified,
                             long followers, int groupsOwned) {
}
