package dev.moddesk.server.creators;

import dev.moddesk.contract.creators.CreatorValues;
import dev.moddesk.contract.creators.FeatureFlag;
import dev.moddesk.contract.creators.Limit;
import dev.moddesk.contract.creators.ValueSource;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A creator's effective values at one instant: each value is its live override, else the tier default; then each
 * {@link FeatureRule} the set features break holds its feature off. {@code sources} says where each value came from;
 * {@code broken} are the rules the set features break (before they are held off).
 */
record Effective(CreatorValues values, Map<String, ValueSource> sources, Set<FeatureRule> broken) {

    static Effective of(CreatorValues tierDefaults, Collection<CreatorRows.Override> overrides, boolean verified,
                        Instant at) {
        Map<String, CreatorRows.Override> live = new LinkedHashMap<>();
        for (CreatorRows.Override o : overrides) {
            if (o.liveAt(at)) {
                live.put(o.setting(), o);
            }
        }
        Map<String, ValueSource> sources = new LinkedHashMap<>();
        int[] limits = new int[Limit.values().length];
        for (Limit limit : Limit.values()) {
            CreatorRows.Override o = live.get(limit.wireName());
            limits[limit.ordinal()] = o == null ? tierDefaults.limit(limit) : Integer.parseInt(o.value());
            sources.put(limit.wireName(), source(o));
        }
        Map<FeatureFlag, Boolean> set = new EnumMap<>(FeatureFlag.class);
        for (FeatureFlag flag : FeatureFlag.values()) {
            CreatorRows.Override o = live.get(flag.name());
            set.put(flag, o == null ? tierDefaults.on(flag) : Boolean.parseBoolean(o.value()));
            sources.put(flag.name(), source(o));
        }
        Set<FeatureRule> broken = EnumSet.noneOf(FeatureRule.class);
        for (FeatureRule rule : FeatureRule.values()) {
            if (rule.brokenBy(set, verified)) {
                broken.add(rule);
            }
        }
        Map<FeatureFlag, Boolean> held = new EnumMap<>(set);
        // Held off until nothing changes, so a rule whose needed feature another rule holds off holds too.
        boolean changed = true;
        while (changed) {
            changed = false;
            for (FeatureRule rule : FeatureRule.values()) {
                if (rule.brokenBy(held, verified)) {
                    held.put(rule.feature(), false);
                    ValueSource was = sources.get(rule.feature().name());
                    sources.put(rule.feature().name(), new ValueSource(ValueSource.Kind.RULE, was.by(), was.reason(),
                            was.setAt(), was.expiresAt(), rule.name()));
                    changed = true;
                }
            }
        }
        CreatorValues values = new CreatorValues(limits[0], limits[1], limits[2], held);
        return new Effective(values, Map.copyOf(sources), Set.copyOf(broken));
    }

    private static ValueSource source(CreatorRows.Override o) {
        return o == null ? ValueSource.tier() : new ValueSource(ValueSource.Kind.OVERRIDE, o.setBy(), o.reason(),
                o.setAt(), o.expiresAt(), null);
    }
}
