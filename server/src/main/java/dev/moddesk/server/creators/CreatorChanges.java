package dev.moddesk.server.creators;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.moddesk.contract.ProblemType;
import dev.moddesk.contract.creators.ChangeEffect;
import dev.moddesk.contract.creators.ChangeResult;
import dev.moddesk.contract.creators.CreatorChange;
import dev.moddesk.contract.creators.GroupOrder;
import dev.moddesk.server.core.FieldProblem;
import dev.moddesk.server.core.Json;
import dev.moddesk.server.core.ProblemException;
import dev.moddesk.server.core.Sql;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * Changes to one creator: previewing and applying override changes (If-Match on the creator's version, an
 * Idempotency-Key per change, feature rules), and reordering the fan groups shown on the profile.
 */
final class CreatorChanges {

    static final int MAX_KEY = 200;

    private final Jdbi jdbi;
    private final CreatorStore creators;
    private final FanGroupStore groups;
    private final CreatorLoader loader;
    private final CreatorRecorder recorder;
    private final Clock clock;

    CreatorChanges(Jdbi jdbi, CreatorStore creators, FanGroupStore groups, CreatorLoader loader,
                   CreatorRecorder recorder, Clock clock) {
        this.jdbi = jdbi;
        this.creators = creators;
        this.groups = groups;
        this.loader = loader;
        this.recorder = recorder;
        this.clock = clock;
    }

    /** What {@link #change} would do now, without doing it (the same checks, so a refusal shows here too). */
    ChangeEffect preview(long creatorId, CreatorChange change) {
        Instant now = clock.instant();
        SettingChanges.validate(change.changes(), change.reason(), now);
        return jdbi.inTransaction(h -> planned(loader.load(h, creatorId, false), change, "preview", now).effect());
    }

    private record Planned(CreatorState after, ChangeEffect effect) {
    }

    private Planned planned(CreatorState before, CreatorChange change, String by, Instant now) {
        CreatorState after = before.with(SettingChanges.apply(before.overrides(), change.changes(), by,
                change.reason(), now));
        Effective was = before.effectiveAt(now);
        Effective will = after.effectiveAt(now);
        refuseNewlyBroken(was, will);
        return new Planned(after, ChangeEffects.between(before, was.values(), after, will.values()));
    }

    /** 422 naming the first rule the change newly breaks (one broken before stays the tier's or platform's doing). */
    static void refuseNewlyBroken(Effective before, Effective after) {
        for (FeatureRule rule : FeatureRule.values()) {
            if (after.broken().contains(rule) && !before.broken().contains(rule)) {
                throw ruleProblem(rule);
            }
        }
    }

    static ProblemException ruleProblem(FeatureRule rule) {
        return ProblemException.keyed(ProblemType.VALIDATION, rule.textKey())
                .withExtension("rule", rule.name())
                .withField(FieldProblem.of(rule.feature().name(), rule.textKey()));
    }

    ChangeResult change(CreatorActor actor, long creatorId, String key, Integer ifMatch, CreatorChange change) {
        if (key == null || key.isBlank() || key.length() > MAX_KEY) {
            throw ProblemException.keyed(ProblemType.BAD_REQUEST, "creators.needsKey", MAX_KEY);
        }
        Instant now = clock.instant();
        SettingChanges.validate(change.changes(), change.reason(), now);
        String hash = hash(creatorId, ifMatch, change);
        try {
            return jdbi.inTransaction(h -> changeOnce(h, actor, creatorId, key, hash, ifMatch, change, now));
        } catch (JdbiException e) {
            if (!Sql.isUniqueViolation(e)) {
                throw e;
            }
            // Two requests with this new key raced: the other stored its answer; replay it (or 422 if it differs).
            return jdbi.inTransaction(h -> replay(h, actor, key, hash))
                    .orElseThrow(() -> e);
        }
    }

    private ChangeResult changeOnce(Handle h, CreatorActor actor, long creatorId, String key, String hash,
                                    Integer ifMatch, CreatorChange change, Instant now) {
        var replayed = replay(h, actor, key, hash);
        if (replayed.isPresent()) {
            return replayed.get();
        }
        if (ifMatch == null) {
            throw ProblemException.keyed(ProblemType.PRECONDITION_REQUIRED, "core.ifMatch.missing");
        }
        CreatorState before = loader.load(h, creatorId, true);
        requireVersion(before, ifMatch, now);
        Planned planned = planned(before, change, actor.name(), now);
        writeOverrides(h, before, planned.after());
        creators.bumpVersions(h, List.of(creatorId), now);
        recorder.recordOne(h, actor, "creator.settings.change", change.reason(), "override",
                new CreatorRecorder.Change(before, now, planned.after(), now));
        ChangeResult result = new ChangeResult(planned.effect(), loader.load(h, creatorId, false).detail(now));
        creators.insertIdempotencyRecord(h, actor.staffId(), key, hash, CreatorJson.write(result), now);
        return result;
    }

    private java.util.Optional<ChangeResult> replay(Handle h, CreatorActor actor, String key, String hash) {
        return creators.idempotencyRecord(h, actor.staffId(), key).map(stored -> {
            if (!stored.requestHash().equals(hash)) {
                throw ProblemException.keyed(ProblemType.IDEMPOTENCY_KEY_REUSED, "creators.keyReused", key);
            }
            return CreatorJson.read(stored.responseJson(), ChangeResult.class);
        });
    }

    /** 412 with the creator's current state (so the console shows their change beside yours) when stale. */
    void requireVersion(CreatorState current, int ifMatch, Instant now) {
        if (current.creator().version() != ifMatch) {
            throw ProblemException.keyed(ProblemType.PRECONDITION_FAILED, "creators.stale",
                            current.creator().id(), current.creator().version(), ifMatch)
                    .withExtension("currentVersion", current.creator().version())
                    .withExtension("current", current.detail(now));
        }
    }

    void writeOverrides(Handle h, CreatorState before, CreatorState after) {
        long id = before.creator().id();
        Map<String, CreatorRows.Override> next = new LinkedHashMap<>();
        after.overrides().forEach(o -> next.put(o.setting(), o));
        for (CreatorRows.Override o : before.overrides()) {
            if (!next.containsKey(o.setting())) {
                creators.deleteOverride(h, id, o.setting());
            }
        }
        for (CreatorRows.Override o : after.overrides()) {
            if (!before.overrides().contains(o)) {
                creators.replaceOverride(h, id, o);
            }
        }
    }

    /** Puts {@code order.groupIds()} first, in that order; the other groups follow in their current order. */
    ChangeResult reorder(CreatorActor actor, long creatorId, int ifMatch, GroupOrder order) {
        var reason = SettingChanges.reasonProblem(order.reason());
        if (reason.isPresent()) {
            throw ProblemException.invalid(List.of(reason.get()));
        }
        Instant now = clock.instant();
        return jdbi.inTransaction(h -> {
            CreatorState before = loader.load(h, creatorId, true);
            requireVersion(before, ifMatch, now);
            Map<Long, CreatorRows.Group> byId = new LinkedHashMap<>();
            before.groups().forEach(g -> byId.put(g.id(), g));
            List<FieldProblem> problems = new ArrayList<>();
            Set<Long> seen = new HashSet<>();
            for (int i = 0; i < order.groupIds().size(); i++) {
                Long id = order.groupIds().get(i);
                if (id == null || !byId.containsKey(id)) {
                    problems.add(FieldProblem.of("groupIds[" + i + "]", "creators.field.notOwnGroup", id));
                } else if (!seen.add(id)) {
                    problems.add(FieldProblem.of("groupIds[" + i + "]", "creators.field.duplicate", id));
                }
            }
            if (order.groupIds().isEmpty()) {
                problems.add(FieldProblem.of("groupIds", "creators.field.noGroups"));
            }
            if (!problems.isEmpty()) {
                throw ProblemException.invalid(problems);
            }
            List<CreatorRows.Group> ordered = new ArrayList<>();
            order.groupIds().forEach(id -> ordered.add(byId.get(id)));
            before.groups().stream().filter(g -> !seen.contains(g.id())).forEach(ordered::add);
            CreatorState after = before.withGroups(ordered);
            groups.renumber(h, ordered.stream().map(CreatorRows.Group::id).toList());
            creators.bumpVersions(h, List.of(creatorId), now);
            recorder.recordOne(h, actor, "creator.groups.reorder", order.reason(), "group_order",
                    new CreatorRecorder.Change(before, now, after, now));
            Effective effective = after.effectiveAt(now);
            ChangeEffect effect = ChangeEffects.between(before, before.effectiveAt(now).values(), after,
                    effective.values());
            return new ChangeResult(effect, loader.load(h, creatorId, false).detail(now));
        });
    }

    private static String hash(long creatorId, Integer ifMatch, CreatorChange change) {
        try {
            String text = creatorId + "|" + ifMatch + "|" + Json.mapper().writeValueAsString(change);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
