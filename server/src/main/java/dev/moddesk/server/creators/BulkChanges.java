package dev.moddesk.server.creators;

import dev.moddesk.contract.ProblemType;
import dev.moddesk.contract.creators.BulkChange;
import dev.moddesk.contract.creators.BulkResult;
import dev.moddesk.contract.creators.ChangeEffect;
import dev.moddesk.contract.creators.CreatorChange;
import dev.moddesk.contract.creators.CreatorOutcome;
import dev.moddesk.contract.creators.CreatorValues;
import dev.moddesk.contract.creators.Tier;
import dev.moddesk.contract.creators.TierChange;
import dev.moddesk.server.core.ProblemException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Changes to many creators at once: the same override change for selected creators (a chunk of creators per
 * transaction, each creator on its own: one refused creator does not stop the others), and new defaults for a tier
 * (one transaction: the tier and every creator whose effective values move). Both have a preview that runs the same
 * code without writing.
 */
final class BulkChanges {

    static final int MAX_CREATORS = 10_000;
    static final int CHUNK = 200;

    private final Jdbi jdbi;
    private final CreatorStore creators;
    private final CreatorLoader loader;
    private final CreatorChanges changes;
    private final CreatorRecorder recorder;
    private final Clock clock;

    BulkChanges(Jdbi jdbi, CreatorStore creators, CreatorLoader loader, CreatorChanges changes,
                CreatorRecorder recorder, Clock clock) {
        this.jdbi = jdbi;
        this.creators = creators;
        this.loader = loader;
        this.changes = changes;
        this.recorder = recorder;
        this.clock = clock;
    }

    BulkResult bulk(CreatorActor actor, BulkChange bulk, boolean apply, Locale language) {
        Instant now = clock.instant();
        SettingChanges.validate(bulk.changes(), bulk.reason(), now);
        List<Long> ids = List.copyOf(new LinkedHashSet<>(bulk.creatorIds()));
        if (ids.isEmpty() || ids.size() > MAX_CREATORS) {
            throw ProblemException.invalid("creatorIds", "creators.field.creatorCount", MAX_CREATORS);
        }
        CreatorChange change = new CreatorChange(bulk.changes(), bulk.reason());
        Tally tally = new Tally(apply);
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
            jdbi.useTransaction(h -> bulkChunk(h, actor, chunk, change, apply, now, language, tally));
        }
        return tally.result();
    }

    private void bulkChunk(Handle h, CreatorActor actor, List<Long> chunk, CreatorChange change, boolean apply,
                           Instant now, Locale language, Tally tally) {
        Map<Long, CreatorState> states = loader.loadAll(h, chunk, apply);
        List<CreatorRecorder.Change> done = new ArrayList<>();
        List<Long> bumped = new ArrayList<>();
        for (long id : chunk) {
            CreatorState before = states.get(id);
            if (before == null) {
                tally.refused(id, null, CreatorLoader.notFound(id), language);
                continue;
            }
            CreatorState after = before.with(SettingChanges.apply(before.overrides(), change.changes(),
                    apply ? actor.name() : "preview", change.reason(), now));
            Effective was = before.effectiveAt(now);
            Effective will = after.effectiveAt(now);
            try {
                CreatorChanges.refuseNewlyBroken(was, will);
            } catch (ProblemException refused) {
                tally.refused(id, before.creator().displayName(), refused, language);
                continue;
            }
            ChangeEffect effect = ChangeEffects.between(before, was.values(), after, will.values());
            boolean written = !sameOverrides(before, after);
            if (!effect.changesAnything() && !written) {
                tally.unchanged++;
                continue;
            }
            tally.changed(id, before.creator().displayName(), effect);
            if (apply) {
                changes.writeOverrides(h, before, after);
                bumped.add(id);
                done.add(new CreatorRecorder.Change(before, now, after, now));
            }
        }
        if (apply && !done.isEmpty()) {
            creators.bumpVersions(h, bumped, now);
            recorder.record(h, actor, "creator.settings.bulk", change.reason(), "bulk", done);
        }
    }

    private static boolean sameOverrides(CreatorState before, CreatorState after) {
        // Compared without set_at/by: re-setting the same value is no change.
        return before.overrides().stream().map(o -> o.setting() + "=" + o.value() + "@" + o.expiresAt()).toList()
                .equals(after.overrides().stream().map(o -> o.setting() + "=" + o.value() + "@" + o.expiresAt())
                        .toList());
    }

    List<Tier> tiers() {
        return jdbi.withHandle(h -> {
            Map<String, Integer> counts = creators.creatorsPerTier(h);
            return creators.tiers(h).stream().map(t -> tier(t, counts.getOrDefault(t.code(), 0))).toList();
        });
    }

    static Tier tier(CreatorRows.Tier t, int count) {
        return new Tier(t.code(), t.name(), t.defaults(), count, t.version());
    }

    /** New defaults for a tier: preview, or apply with {@code ifMatch} (the tier's version). */
    BulkResult changeTier(CreatorActor actor, String code, Integer ifMatch, TierChange change, boolean apply) {
        SettingChanges.validateDefaults(change.defaults(), change.reason());
        for (FeatureRule rule : FeatureRule.values()) {
            if (rule.betweenFlags() && rule.brokenBy(change.defaults().features(), true)) {
                throw CreatorChanges.ruleProblem(rule);
            }
        }
        if (apply && ifMatch == null) {
            throw ProblemException.keyed(ProblemType.PRECONDITION_REQUIRED, "core.ifMatch.missing");
        }
        Instant now = clock.instant();
        return jdbi.inTransaction(h -> {
            CreatorRows.Tier tier = creators.tier(h, code, apply)
                    .orElseThrow(() -> ProblemException.keyed(ProblemType.NOT_FOUND, "creators.noTier", code));
            if (apply && tier.version() != ifMatch) {
                throw ProblemException.keyed(ProblemType.PRECONDITION_FAILED, "creators.tierStale", code,
                                tier.version(), ifMatch)
                        .withExtension("currentVersion", tier.version())
                        .withExtension("current", tier(tier, 0));
            }
            CreatorValues defaults = change.defaults();
            Tally tally = new Tally(apply);
            if (apply) {
                creators.updateTier(h, code, defaults, ifMatch, now);
                recorder.recordOther(h, actor, "creator.tier.change", "creator_tier", code, tier.defaults(),
                        defaults, change.reason());
            }
            long after = 0;
            while (true) {
                List<Long> ids = creators.creatorIdsOfTier(h, code, after, 500);
                if (ids.isEmpty()) {
                    break;
                }
                after = ids.getLast();
                Map<Long, CreatorState> states = loader.loadAll(h, ids, apply);
                List<CreatorRecorder.Change> done = new ArrayList<>();
                for (long id : ids) {
                    CreatorState before = states.get(id);
                    if (before == null) {
                        continue;
                    }
                    // loadAll reads the tier row this transaction already changed: rebuild both sides explicitly.
                    CreatorState old = before.withTier(tier.defaults());
                    CreatorState next = before.withTier(defaults);
                    ChangeEffect effect = ChangeEffects.between(old, old.effectiveAt(now).values(), next,
                            next.effectiveAt(now).values());
                    if (!effect.changesAnything()) {
                        tally.unchanged++;
                        continue;
                    }
                    tally.changed(id, before.creator().displayName(), effect);
                    done.add(new CreatorRecorder.Change(old, now, next, now));
                }
                if (apply && !done.isEmpty()) {
                    creators.bumpVersions(h, done.stream().map(c -> c.after().creator().id()).toList(), now);
                    recorder.record(h, actor, "creator.tier.apply", change.reason(), "tier", done);
                }
            }
            return tally.result();
        });
    }

    /** Counts and outcomes of one bulk run. */
    private static final class Tally {
        private final boolean applied;
        private final List<CreatorOutcome> outcomes = new ArrayList<>();
        private int changed;
        private int unchanged;
        private int refused;

        Tally(boolean applied) {
            this.applied = applied;
        }

        void changed(long id, String displayName, ChangeEffect effect) {
            changed++;
            outcomes.add(new CreatorOutcome(id, displayName, CreatorOutcome.Status.CHANGED, effect, null));
        }

        void refused(long id, String displayName, ProblemException problem, Locale language) {
            refused++;
            outcomes.add(new CreatorOutcome(id, displayName, CreatorOutcome.Status.REFUSED, null,
                    problem.toProblem("/api/v1/creators/" + id, language)));
        }

        BulkResult result() {
            return new BulkResult(applied, changed, unchanged, refused, outcomes);
        }
    }

}
