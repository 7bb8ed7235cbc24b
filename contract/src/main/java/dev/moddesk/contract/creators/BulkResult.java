package dev.moddesk.contract.creators;

import java.util.List;

/**
 * The outcome of a bulk change or tier change, one per creator it reaches ({@code applied} false for a preview).
 * Counts are over all of them; {@code outcomes} lists every REFUSED and CHANGED one (UNCHANGED ones only counted).
 */
public record BulkResult(boolean applied, int changed, int unchanged, int refused, List<CreatorOutcome> outcomes) {
    public BulkResult {
        outcomes = outcomes == null ? List.of() : List.copyOf(outcomes);
    }
}
