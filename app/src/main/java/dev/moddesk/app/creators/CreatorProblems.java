package dev.moddesk.app.creators;

import dev.moddesk.app.api.ApiException;
import dev.moddesk.app.core.ErrorMessages;
import dev.moddesk.contract.FieldError;
import dev.moddesk.contract.Problem;
import dev.moddesk.contract.ProblemType;
import dev.moddesk.contract.creators.FeatureFlag;
import dev.moddesk.contract.creators.SettingChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the server's keyed problems about creator edits into sentences a person can act on: a feature rule (the
 * flag it holds off and the server's localized words), and 422 field messages named after the setting they are about
 * ("Fan-group quota: must not be negative (was -1)") instead of {@code changes[0].number}.
 */
final class CreatorProblems {
    private static final Pattern CHANGE_FIELD = Pattern.compile("changes\\[(\\d+)](?:\\.(\\w+))?");

    private final CreatorText text;
    private final ErrorMessages errors;

    CreatorProblems(CreatorText text, ErrorMessages errors) {
        this.text = text;
        this.errors = errors;
    }

    /** A broken feature rule: the flag it is about and the server's sentence naming the rule. */
    record RuleHint(FeatureFlag flag, String rule, String sentence) {
    }

    Optional<RuleHint> rule(Throwable failure) {
        return problem(failure).filter(p -> p.extensions().get("rule") != null).flatMap(p -> {
            String rule = String.valueOf(p.extensions().get("rule"));
            Optional<FeatureFlag> flag = p.errors().stream().map(FieldError::field).map(FeatureFlag::named)
                    .flatMap(Optional::stream).findFirst();
            String sentence = p.detail() != null && !p.detail().isBlank() ? p.detail() : text.rule(rule);
            return flag.map(f -> new RuleHint(f, rule, sentence));
        });
    }

    /** Whether the failure is a 412 (someone changed it since it was loaded). */
    static boolean stale(Throwable failure) {
        return ApiException.find(failure).map(e -> e.is(ProblemType.PRECONDITION_FAILED)).orElse(false);
    }

    /**
     * One readable sentence for any failure of an edit: a 422's fields named after their settings (in the order of
     * {@code sent}), anything else as {@link ErrorMessages} says it.
     */
    String describe(Throwable failure, List<SettingChange> sent) {
        Optional<Problem> problem = problem(failure).filter(p -> !p.errors().isEmpty());
        if (problem.isEmpty()) {
            return errors.describe(failure);
        }
        List<String> lines = new ArrayList<>();
        for (FieldError e : problem.get().errors()) {
            lines.add(text.i18n().get("creators.problem.field", field(e.field(), sent), e.message()));
        }
        return String.join("\n", lines);
    }

    private String field(String field, List<SettingChange> sent) {
        if (field == null) {
            return "";
        }
        Matcher m = CHANGE_FIELD.matcher(field);
        if (m.matches()) {
            int index = Integer.parseInt(m.group(1));
            String setting = index < sent.size() ? text.setting(sent.get(index).setting()) : field;
            return "expiresAt".equals(m.group(2)) ? text.i18n().get("creators.problem.expiryOf", setting) : setting;
        }
        if (field.startsWith("defaults.")) {
            return text.setting(field.substring("defaults.".length()));
        }
        return switch (field) {
            case "reason" -> text.i18n().get("creators.edit.reason");
            case "note" -> text.i18n().get("creators.requests.note");
            case "granted" -> text.i18n().get("creators.requests.amount");
            default -> text.setting(field);
        };
    }

    private static Optional<Problem> problem(Throwable failure) {
        return ApiException.find(failure).flatMap(ApiException::problem);
    }
}
