package dev.moddesk.contract.creators;

/** The answer to an applied change: what it did and the creator's state after it (its new version is the ETag). */
public record ChangeResult(ChangeEffect effect, CreatorDetail creator) {
}
