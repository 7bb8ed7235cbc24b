package dev.moddesk.contract.creators;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A creator's effective settings (override, else tier default; a feature whose rule does not hold is off), or a
 * tier's defaults. {@code features} names every {@link FeatureFlag}, on or off.
 */
public record CreatorValues(int fanGroupQuota, int displaySlots, int memberCapacity, Map<FeatureFlag, Boolean> features) {
    public CreatorValues {
        Map<FeatureFlag, Boolean> all = new TreeMap<>();
        for (FeatureFlag flag : FeatureFlag.values()) {
            all.put(flag, features != null && Boolean.TRUE.equals(features.get(flag)));
        }
        features = java.util.Collections.unmodifiableMap(all);
    }

    public static CreatorValues of(int fanGroupQuota, int displaySlots, int memberCapacity, Set<FeatureFlag> on) {
        Map<FeatureFlag, Boolean> features = new TreeMap<>();
        on.forEach(f -> features.put(f, true));
        return new CreatorValues(fanGroupQuota, displaySlots, memberCapacity, features);
    }

    public int limit(Limit limit) {
        return switch (limit) {
            case FAN_GROUP_QUOTA -> fanGroupQuota;
            case DISPLAY_SLOTS -> displaySlots;
            case MEMBER_CAPACITY -> memberCapacity;
        };
    }

    public boolean on(FeatureFlag flag) {
        return features.get(flag);
    }
}
