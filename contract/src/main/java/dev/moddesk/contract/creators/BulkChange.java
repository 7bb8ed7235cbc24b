package dev.moddesk.contract.creators;

import java.util.List;

/** The same override change for each of the selected creators (at most 10,000), with why. */
public record BulkChange(List<Long> creatorIds, List<SettingChange> changes, String reason) {
    public BulkChange {
        creatorIds = creatorIds == null ? List.of() : List.copyOf(creatorIds);
        changes = changes == null ? List.of() : List.copyOf(changes);
    }
}
