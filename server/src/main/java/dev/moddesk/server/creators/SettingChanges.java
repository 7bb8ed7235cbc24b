package dev.moddesk.server.creators;

import dev.moddesk.contract.creators.CreatorValues;
import dev.moddesk.contract.creators.FeatureFlag;
import dev.moddesk.contract.creators.Limit;
import dev.moddesk.contract.creators.SettingChange;
import dev.moddesk.server.core.FieldProblem;
import dev.moddesk.server.core.ProblemException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks requested override changes (422 naming each bad field) and applies them to a set of overrides. */
final class SettingChanges {

    static final int MAX_REASON = 2000;

    private SettingChanges() {
    }

    static void validate(List<SettingChange> changes, String reason, Instant now) {
        List<FieldProblem> problems = new ArrayList<>();
        if (changes.isEmpty()) {
            problems.add(FieldProblem.of("changes", "creators.field.noChanges"));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < changes.size(); i++) {
            String at = "changes[" + i + "]";
            SettingChange c = changes.get(i);
            if (c == null) {
                problems.add(FieldProblem.of(at, "creators.field.unknownSetting", "null"));
                continue;
            }
            boolean limit = c.setting() != null && Limit.named(c.setting()).isPresent();
            boolean flag = c.setting() != null && FeatureFlag.named(c.setting()).isPresent();
            if (!limit && !flag) {
                problems.add(FieldProblem.of(at + ".setting", "creators.field.unknownSetting",
                        shorten(String.valueOf(c.setting()))));
                continue;
            }
            if (!seen.add(c.setting())) {
                problems.add(FieldProblem.of(at + ".setting", "creators.field.duplicate", c.setting()));
            }
            if (c.clear()) {
                if (c.number() != null || c.enabled() != null || c.expiresAt() != null) {
                    problems.add(FieldProblem.of(at + ".clear", "creators.field.clearAlone"));
                }
                continue;
            }
            if (limit) {
                limitProblem(at + ".number", c.number()).ifPresent(problems::add);
            } else if (c.enabled() == null) {
                problems.add(FieldProblem.of(at + ".enabled", "creators.field.enabledRequired"));
            }
            if (c.expiresAt() != null && !c.expiresAt().isAfter(now)) {
                problems.add(FieldProblem.of(at + ".expiresAt", "creators.field.pastExpiry", c.expiresAt()));
            }
        }
        reasonProblem(reason).ifPresent(problems::add);
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
    }

    static void validateDefaults(CreatorValues defaults, String reason) {
        List<FieldProblem> problems = new ArrayList<>();
        if (defaults == null) {
            problems.add(FieldProblem.of("defaults", "creators.field.required"));
        } else {
            for (Limit limit : Limit.values()) {
                limitProblem("defaults." + limit.wireName(), defaults.limit(limit)).ifPresent(problems::add);
            }
        }
        reasonProblem(reason).ifPresent(problems::add);
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
    }

    private static java.util.Optional<FieldProblem> limitProblem(String field, Integer value) {
        if (value == null) {
            return java.util.Optional.of(FieldProblem.of(field, "creators.field.numberRequired"));
        }
        if (value < 0) {
            return java.util.Optional.of(FieldProblem.of(field, "creators.field.negative", value));
        }
        if (value > Limit.MAX) {
            return java.util.Optional.of(FieldProblem.of(field, "creators.field.tooLarge", Limit.MAX));
        }
        return java.util.Optional.empty();
    }

    static java.util.Optional<FieldProblem> reasonProblem(String reason) {
        if (reason == null || reason.isBlank()) {
            return java.util.Optional.of(FieldProblem.of("reason", "creators.field.reasonRequired"));
        }
        if (reason.length() > MAX_REASON) {
            return java.util.Optional.of(FieldProblem.of("reason", "creators.field.tooLong", MAX_REASON));
        }
        return java.util.Optional.empty();
    }

    /** The overrides after {@code changes} (validated) by {@code by} at {@code now}. */
    static List<CreatorRows.Override> apply(List<CreatorRows.Override> current, List<SettingChange> changes,
                                           String by, String reason, Instant now) {
        Map<String, CreatorRows.Override> next = new LinkedHashMap<>();
        current.forEach(o -> next.put(o.setting(), o));
        for (SettingChange c : changes) {
            if (c.clear()) {
                next.remove(c.setting());
            } else {
                String value = Limit.named(c.setting()).isPresent() ? Integer.toString(c.number())
                        : Boolean.toString(c.enabled());
                next.put(c.setting(), new CreatorRows.Override(c.setting(), value, by, reason, now, c.expiresAt()));
            }
        }
        return List.copyOf(next.values());
    }

    private static String shorten(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
