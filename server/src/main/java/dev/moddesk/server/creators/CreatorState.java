package dev.moddesk.server.creators;

import dev.moddesk.contract.creators.CreatorDetail;
import dev.moddesk.contract.creators.CreatorSummary;
import dev.moddesk.contract.creators.CreatorUsage;
import dev.moddesk.contract.creators.CreatorValues;
import dev.moddesk.contract.creators.FanGroup;
import dev.moddesk.contract.creators.FeatureFlag;
import dev.moddesk.contract.creators.Limit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything about one creator the rules need: the row, its tier's defaults, its overrides and its fan groups in
 * display order. Immutable; a change makes the next state with {@link #with}.
 */
record CreatorState(CreatorRows.Creator creator, CreatorValues tierDefaults, List<CreatorRows.Override> overrides,
                    List<CreatorRows.Group> groups) {

    CreatorState {
        overrides = List.copyOf(overrides);
        groups = List.copyOf(groups);
    }

    Effective effectiveAt(Instant at) {
        return Effective.of(tierDefaults, overrides, creator.verified(), at);
    }

    CreatorState with(List<CreatorRows.Override> nextOverrides) {
        return new CreatorState(creator, tierDefaults, nextOverrides, groups);
    }

    CreatorState withTier(CreatorValues defaults) {
        return new CreatorState(creator, defaults, overrides, groups);
    }

    CreatorState withGroups(List<CreatorRows.Group> ordered) {
        return new CreatorState(creator, tierDefaults, overrides, ordered);
    }

    /** The ids of the groups shown on the profile with {@code values}: the first display-slots ones, in order. */
    List<Long> shownGroupIds(CreatorValues values) {
        return groups.stream().limit(values.displaySlots()).map(CreatorRows.Group::id).toList();
    }

    CreatorUsage usage(CreatorValues values) {
        int owned = groups.size();
        int quota = values.fanGroupQuota();
        return new CreatorUsage(owned, quota, Math.max(0, owned - quota), owned < quota,
                Math.min(owned, values.displaySlots()), values.displaySlots());
    }

    CreatorDetail detail(Instant now) {
        Effective effective = effectiveAt(now);
        List<FanGroup> shownGroups = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            CreatorRows.Group g = groups.get(i);
            shownGroups.add(new FanGroup(g.id(), g.externalId(), g.name(), g.members(), g.capacity(), g.createdAt(),
                    i + 1, i < effective.values().displaySlots()));
        }
        return new CreatorDetail(creator.id(), creator.externalId(), creator.userId(), creator.displayName(),
                creator.followers(), creator.tier(), creator.verified(), creator.version(), effective.values(),
                tierDefaults, effective.sources(), usage(effective.values()), shownGroups);
    }

    CreatorSummary summary() {
        return new CreatorSummary(creator.id(), creator.externalId(), creator.displayName(), creator.tier(),
                creator.verified(), creator.followers(), groups.size());
    }

    /**
     * The state as the audit log keeps it, flat so that history is a diff of keys: the profile, each effective
     * value, each override with its expiry, and the groups shown on the profile.
     */
    Map<String, Object> auditState(Instant at) {
        Effective effective = effectiveAt(at);
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("tier", creator.tier());
        state.put("verified", creator.verified());
        for (Limit limit : Limit.values()) {
            state.put(limit.wireName(), effective.values().limit(limit));
        }
        for (FeatureFlag flag : FeatureFlag.values()) {
            state.put(flag.name(), effective.values().on(flag));
        }
        for (CreatorRows.Override o : overrides) {
            if (o.liveAt(at)) {
                state.put("override." + o.setting(), o.value() + (o.expiresAt() == null ? "" : " until "
                        + o.expiresAt()));
            }
        }
        List<String> shown = groups.stream().limit(effective.values().displaySlots())
                .map(CreatorRows.Group::name).toList();
        state.put("shownGroups", String.join(", ", shown));
        return state;
    }
}
