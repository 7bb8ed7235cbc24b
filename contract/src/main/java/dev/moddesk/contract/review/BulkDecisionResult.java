package dev.moddesk.contract.review;

import java.util.List;

public record BulkDecisionResult(List<BulkItemOutcome> outcomes) {
    public BulkDecisionResult {
        outcomes = outcomes == null ? List.of() : List.copyOf(outcomes);
    }
}
