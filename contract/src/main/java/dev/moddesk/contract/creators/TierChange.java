package dev.moddesk.contract.creators;

/** New defaults for a tier (every value, as the tier editor shows them), with why. */
public record TierChange(CreatorValues defaults, String reason) {
}
