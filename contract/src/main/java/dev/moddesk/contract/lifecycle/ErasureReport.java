package dev.moddesk.contract.lifecycle;

import java.time.Instant;
import java.util.List;

/**
 * What an erasure removed. {@code pseudonym} is what now stands where the user was (stable for one user, not
 * reversible); {@code repeated} is true when the user had been erased before (the counts are then what this run
 * still found).
 */
public record ErasureReport(String pseudonym, Instant erasedAt, boolean repeated, List<Removed> removed) {

    /**
     * One kind of data in one part of ModDesk: e.g. part {@code review}, key {@code review.erased.answers}, what
     * {@code answers} (in the caller's language: 回答 for zh-CN), count 3.
     */
    public record Removed(String part, String key, String what, int count) {
    }
}
