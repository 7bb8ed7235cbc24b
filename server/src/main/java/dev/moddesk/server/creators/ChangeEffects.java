package dev.moddesk.server.creators;

import dev.moddesk.contract.creators.ChangeEffect;
import dev.moddesk.contract.creators.CreatorUsage;
import dev.moddesk.contract.creators.CreatorValues;
import dev.moddesk.contract.creators.FeatureFlag;
import dev.moddesk.contract.creators.Limit;
import dev.moddesk.contract.creators.ValueDiff;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What going from one state of a creator to another does: the values that differ and what happens to fan groups.
 * The preview and the applied change both call {@link #between}, so a preview says exactly what applying does.
 */
final class ChangeEffects {

    private ChangeEffects() {
    }

    static ChangeEffect between(CreatorState before, CreatorValues beforeValues, CreatorState after,
                                CreatorValues afterValues) {
        List<ValueDiff> diffs = new ArrayList<>();
        for (Limit limit : Limit.values()) {
            int from = beforeValues.limit(limit);
            int to = afterValues.limit(limit);
            if (from != to) {
                diffs.add(new ValueDiff(limit.wireName(), Integer.toString(from), Integer.toString(to)));
            }
        }
        for (FeatureFlag flag : FeatureFlag.values()) {
            if (beforeValues.on(flag) != afterValues.on(flag)) {
                diffs.add(new ValueDiff(flag.name(), Boolean.toString(beforeValues.on(flag)),
                        Boolean.toString(afterValues.on(flag))));
            }
        }
        List<Long> shownBefore = before.shownGroupIds(beforeValues);
        List<Long> shownAfter = after.shownGroupIds(afterValues);
        Set<Long> afterSet = new HashSet<>(shownAfter);
        Set<Long> beforeSet = new HashSet<>(shownBefore);
        List<Long> hidden = shownBefore.stream().filter(id -> !afterSet.contains(id)).toList();
        List<Long> shown = shownAfter.stream().filter(id -> !beforeSet.contains(id)).toList();
        CreatorUsage usage = after.usage(afterValues);
        return new ChangeEffect(after.creator().id(), beforeValues, afterValues, diffs, usage.groupsOwned(),
                usage.overQuotaBy(), usage.canOpenGroup(), hidden, shown,
                summary(diffs, usage, before.usage(beforeValues), positions(after, hidden),
                        positions(after, shown)));
    }

    /** 1-based display positions of {@code ids} in {@code state}'s order. */
    private static List<Integer> positions(CreatorState state, List<Long> ids) {
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < state.groups().size(); i++) {
            if (ids.contains(state.groups().get(i).id())) {
                positions.add(i + 1);
            }
        }
        return positions;
    }

    private static String summary(List<ValueDiff> diffs, CreatorUsage after, CreatorUsage before,
                                  List<Integer> hidden, List<Integer> shown) {
        List<String> parts = new ArrayList<>();
        for (ValueDiff d : diffs) {
            parts.add(d.field() + " " + d.from() + " → " + d.to());
        }
        if (after.overQuotaBy() > 0) {
            parts.add(after.overQuotaBy() + (after.overQuotaBy() == 1 ? " group" : " groups")
                    + " over quota: no new groups until under");
        } else if (before.overQuotaBy() > 0 || !before.canOpenGroup() && after.canOpenGroup()) {
            parts.add("can open " + (after.fanGroupQuota() - after.groupsOwned()) + " more groups");
        }
        if (!hidden.isEmpty()) {
            parts.add(groups(hidden) + " hidden from profile");
        }
        if (!shown.isEmpty()) {
            parts.add(groups(shown) + " shown on profile");
        }
        return parts.isEmpty() ? "no change" : String.join("; ", parts);
    }

    /** "group 6", "groups 6–8" for a run, "groups 2, 5" otherwise. */
    private static String groups(List<Integer> positions) {
        if (positions.size() == 1) {
            return "group " + positions.getFirst();
        }
        boolean run = positions.getLast() - positions.getFirst() == positions.size() - 1;
        if (run) {
            return "groups " + positions.getFirst() + "–" + positions.getLast();
        }
        return "groups " + String.join(", ", positions.stream().map(String::valueOf).toList());
    }
}
