package dev.moddesk.contract.creators;

import java.util.List;

/** A change to one creator's overrides, with why (required: it goes into the history). */
public record CreatorChange(List<SettingChange> changes, String reason) {
    public CreatorChange {
        changes = changes == null ? List.of() : List.copyOf(changes);
    }
}
