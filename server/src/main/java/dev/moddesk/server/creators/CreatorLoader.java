package dev.moddesk.server.creators;

import dev.moddesk.contract.ProblemType;
import dev.moddesk.contract.creators.CreatorValues;
import dev.moddesk.server.core.ProblemException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Reads creators with everything their rules need, one at a time or a chunk at a time. */
final class CreatorLoader {

    private final CreatorStore creators;
    private final FanGroupStore groups;

    CreatorLoader(CreatorStore creators, FanGroupStore groups) {
        this.creators = creators;
        this.groups = groups;
    }

    /** The creator (locked when {@code forUpdate}), or 404. */
    CreatorState load(Handle h, long id, boolean forUpdate) {
        return find(h, id, forUpdate).orElseThrow(() -> notFound(id));
    }

    Optional<CreatorState> find(Handle h, long id, boolean forUpdate) {
        return creators.creator(h, id, forUpdate).map(c -> new CreatorState(c, tierDefaults(h, c.tier()),
                creators.overrides(h, id), groups.groups(h, id)));
    }

    /** The creators with these ids that exist (locked when {@code forUpdate}), by id. */
    Map<Long, CreatorState> loadAll(Handle h, List<Long> ids, boolean forUpdate) {
        List<CreatorRows.Creator> rows = forUpdate ? creators.lockCreators(h, ids) : creators.creators(h, ids);
        List<Long> found = rows.stream().map(CreatorRows.Creator::id).toList();
        Map<Long, List<CreatorRows.Override>> overrides = creators.overridesOf(h, found);
        Map<Long, List<CreatorRows.Group>> groupsOf = groups.groupsOf(h, found);
        Map<String, CreatorValues> tiers = new HashMap<>();
        Map<Long, CreatorState> states = new HashMap<>();
        for (CreatorRows.Creator c : rows) {
            CreatorValues defaults = tiers.computeIfAbsent(c.tier(), t -> tierDefaults(h, t));
            states.put(c.id(), new CreatorState(c, defaults, overrides.getOrDefault(c.id(), new ArrayList<>()),
                    groupsOf.getOrDefault(c.id(), new ArrayList<>())));
        }
        return states;
    }

    private CreatorValues tierDefaults(Handle h, String tier) {
        return creators.tier(h, tier, false).orElseThrow(() -> new IllegalStateException("no tier " + tier))
                .defaults();
    }

    static ProblemException notFound(long id) {
        return ProblemException.keyed(ProblemType.NOT_FOUND, "creators.noCreator", id);
    }
}
