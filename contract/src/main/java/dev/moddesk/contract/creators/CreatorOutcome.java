package dev.moddesk.contract.creators;

import dev.moddesk.contract.Problem;

/**
 * What a bulk change (or its preview) does to one creator: {@code CHANGED} with its effect, {@code UNCHANGED}
 * (effective values and shown groups stay as they are), or {@code REFUSED} with the problem (a rule, a missing
 * creator); the others go on regardless. {@code displayName} names the creator for people (null for a creator that
 * does not exist).
 */
public record CreatorOutcome(long creatorId, String displayName, Status status, ChangeEffect effect,
                             Problem problem) {
    public enum Status { CHANGED, UNCHANGED, REFUSED }
}
