package dev.moddesk.server.core;

import dev.moddesk.contract.FieldError;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * One invalid field of a request, its message a text key of {@code i18n/problems*.properties} (see
 * {@link ProblemText}), so the caller reads it in their language. On the wire it is a {@link FieldError}.
 *
 * @param field the field's JSON name, dotted for nested ones ({@code cityScopes[2]}), or a query parameter's name
 * @param key   the message's text key
 * @param args  the message's arguments (may hold nulls)
 */
public record FieldProblem(String field, String key, List<Object> args) {

    public FieldProblem {
        if (field == null || key == null) {
            throw new IllegalArgumentException("field and key are required");
        }
        args = args == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(args));
    }

    /** The field's message is the text {@code key}; a key without an English text fails here, loudly. */
    public static FieldProblem of(String field, String key, Object... args) {
        FieldProblem problem = new FieldProblem(field, key, Arrays.asList(args));
        ProblemText.require(key);
        return problem;
    }

    /** The message in {@code locale} (English when it has no text there). */
    public String message(Locale locale) {
        String text = ProblemText.format(locale, key, args);
        return text != null ? text : ProblemText.format(Locale.ENGLISH, key, args);
    }

    public FieldError in(Locale locale) {
        return new FieldError(field, message(locale));
    }
}
