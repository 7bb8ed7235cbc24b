package dev.moddesk.app.creators;

import dev.moddesk.contract.creators.CreatorDetail;
import dev.moddesk.contract.creators.CreatorValues;
import dev.moddesk.contract.creators.FanGroup;
import dev.moddesk.contract.creators.FeatureFlag;
import dev.moddesk.contract.creators.Limit;
import dev.moddesk.contract.creators.SettingChange;
import dev.moddesk.contract.creators.ValueDiff;
import dev.moddesk.contract.creators.ValueSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a 412 means to the person saving: someone changed the creator since it was loaded. {@code theirs} is the
 * creator as it is now (from the 412's {@code current}), {@code theirLines} their change as readable diffs of the
 * loaded state against it (with who and why, from the overrides they set), {@code yourLines} the edit that was
 * refused. The person reloads (takes theirs) or applies theirs-plus-mine.
 */
public record CreatorConflict(CreatorDetail theirs, List<String> theirLines, List<String> yourLines, Yours yours) {

    /** The refused edit: setting changes, or a display order ({@code order} non-null), with its reason. */
    public record Yours(List<SettingChange> changes, List<Long> order, String reason) {
        public Yours {
            changes = changes == null ? List.of() : List.copyOf(changes);
            order = order == null ? null : List.copyOf(order);
        }
    }

    public CreatorConflict {
        Objects.requireNonNull(theirs, "theirs");
        theirLines = List.copyOf(theirLines);
        yourLines = List.copyOf(yourLines);
    }

    static Yours settings(List<SettingChange> changes, String reason) {
        return new Yours(changes, null, reason);
    }

    static Yours order(List<Long> order, String reason) {
        return new Yours(List.of(), order, reason);
    }

    static CreatorConflict between(CreatorDetail mine, CreatorDetail theirs, Yours yours, CreatorText text) {
        List<String> their = new ArrayList<>();
        Set<String> who = new LinkedHashSet<>();
        CreatorValues was = mine.effective();
        CreatorValues now = theirs.effective();
        for (Limit limit : Limit.values()) {
            if (was.limit(limit) != now.limit(limit)) {
                their.add(text.diff(new ValueDiff(limit.wireName(), Integer.toString(was.limit(limit)),
                        Integer.toString(now.limit(limit)))));
                who(theirs.sources().get(limit.wireName()), text).ifPresent(who::add);
            }
        }
        for (FeatureFlag flag : FeatureFlag.values()) {
            if (was.on(flag) != now.on(flag)) {
                their.add(text.diff(new ValueDiff(flag.name(), Boolean.toString(was.on(flag)),
                        Boolean.toString(now.on(flag)))));
                who(theirs.sources().get(flag.name()), text).ifPresent(who::add);
            }
        }
        List<String> shownBefore = shown(mine);
        List<String> shownNow = shown(theirs);
        if (!shownBefore.equals(shownNow)) {
            their.add(text.diff(new ValueDiff("shownGroups", String.join(", ", shownBefore),
                    String.join(", ", shownNow))));
        }
        if (their.isEmpty()) {
            their.add(text.i18n().get("creators.conflict.noVisibleChange"));
        }
        their.addAll(who);
        List<String> yoursText = new ArrayList<>();
        if (yours.order() != null) {
            List<String> names = new ArrayList<>();
            for (Long id : yours.order().subList(0, Math.min(yours.order().size(), mine.effective().displaySlots()))) {
                mine.groups().stream().filter(g -> g.id() == id).findFirst().map(FanGroup::name).ifPresent(names::add);
            }
            yoursText.add(text.i18n().get("creators.conflict.yourOrder", String.join(", ", names)));
        } else {
            yours.changes().forEach(c -> yoursText.add(text.change(c)));
        }
        yoursText.add(text.i18n().get("creators.conflict.reason", yours.reason()));
        return new CreatorConflict(theirs, their, yoursText, yours);
    }

    private static java.util.Optional<String> who(ValueSource source, CreatorText text) {
        if (source == null || source.kind() != ValueSource.Kind.OVERRIDE) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(text.i18n().get("creators.conflict.by", String.valueOf(source.by()),
                String.valueOf(source.reason())));
    }

    private static List<String> shown(CreatorDetail d) {
        return d.groups().stream().filter(FanGroup::shown).map(FanGroup::name).toList();
    }
}
