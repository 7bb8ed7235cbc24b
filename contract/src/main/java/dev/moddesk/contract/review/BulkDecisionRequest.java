package dev.moddesk.contract.review;

import java.util.List;

/** {@code POST /api/v1/review/decisions/bulk}: one decision applied to many applications. */
public record BulkDecisionRequest(DecisionRequest decision, List<BulkDecisionItem> items) {
    public BulkDecisionRequest {
        items = items == null ? List.of() : List.copyOf(items);
    }
}
