package dev.moddesk.contract.creators;

import java.util.List;

/**
 * What a change does (preview) or did (apply) to one creator: the effective values before and after, which differ,
 * and the consequences for fan groups. {@code hiddenGroups}/{@code newlyShownGroups} are group ids in display order;
 * {@code summary} says it in one English sentence, e.g. "3 groups over quota: no new groups until under; groups 6–8
 * hidden from profile" (the console builds its own from the fields).
 */
public record ChangeEffect(long creatorId, CreatorValues before, CreatorValues after, List<ValueDiff> diffs,
                           int groupsOwned, int overQuotaBy, boolean canOpenGroup, List<Long> hiddenGroups,
                           List<Long> newlyShownGroups, String summary) {
    public ChangeEffect {
        diffs = diffs == null ? List.of() : List.copyOf(diffs);
        hiddenGroups = hiddenGroups == null ? List.of() : List.copyOf(hiddenGroups);
        newlyShownGroups = newlyShownGroups == null ? List.of() : List.copyOf(newlyShownGroups);
    }

    public boolean changesAnything() {
        return !diffs.isEmpty() || !hiddenGroups.isEmpty() || !newlyShownGroups.isEmpty();
    }
}
