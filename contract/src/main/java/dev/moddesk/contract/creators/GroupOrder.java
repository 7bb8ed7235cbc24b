package dev.moddesk.contract.creators;

import java.util.List;

/** A new display order: these group ids first, in this order; the creator's other groups keep theirs after them. */
public record GroupOrder(List<Long> groupIds, String reason) {
    public GroupOrder {
        groupIds = groupIds == null ? List.of() : List.copyOf(groupIds);
    }
}
