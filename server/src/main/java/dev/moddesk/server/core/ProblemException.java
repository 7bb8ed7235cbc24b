package dev.moddesk.server.core;

import dev.moddesk.contract.FieldError;
import dev.moddesk.contract.Problem;
import dev.moddesk.contract.ProblemType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Thrown by handlers and services to answer with an RFC 9457 problem. The route registry turns it into an
 * {@code application/problem+json} response with the type's status; nothing else needs to catch it.
 * {@code headers} are added to the response (for example {@code Retry-After} or {@code Allow}).
 *
 * <p>The one way to make one is keyed: {@link #keyed} (a text key of {@code i18n/problems*.properties}, see
 * {@link ProblemText}) and {@link #invalid} (422 with {@link FieldProblem}s), so {@code detail} and every field
 * message are written in the caller's language. The English-only constructors are protected: they remain for a
 * subclass's refusals that have no text yet.
 */
public class ProblemException extends RuntimeException {
    private final ProblemType type;
    private final List<FieldProblem> fields;
    private final Map<String, Object> extensions;
    private final Map<String, String> headers;
    private final String messageKey;
    private final List<Object> messageArgs;

    /** An English-only problem; {@code fieldErrors} are shown as they are in every language. */
    protected ProblemException(ProblemType type, String detail, List<FieldError> fieldErrors,
                               Map<String, Object> extensions, Map<String, String> headers) {
        this(type, detail, fieldErrors, extensions, headers, null, List.of());
    }

    /**
     * A problem whose detail has a text in {@link ProblemText} under {@code messageKey}: the caller reads it in their
     * language; {@code detail} is the English one.
     */
    protected ProblemException(ProblemType type, String detail, List<FieldError> fieldErrors,
                               Map<String, Object> extensions, Map<String, String> headers, String messageKey,
                               List<Object> messageArgs) {
        this(type, messageKey, messageArgs, detail, english(fieldErrors), extensions, headers);
    }

    protected ProblemException(ProblemType type, String detail, List<FieldError> fieldErrors,
                               Map<String, Object> extensions) {
        this(type, detail, fieldErrors, extensions, Map.of());
    }

    protected ProblemException(ProblemType type, String detail) {
        this(type, detail, List.of(), Map.of(), Map.of());
    }

    private ProblemException(ProblemType type, String messageKey, List<Object> messageArgs, String detail,
                             List<FieldProblem> fields, Map<String, Object> extensions, Map<String, String> headers) {
        super(detail, null, false, false);
        this.type = type;
        this.fields = fields == null ? List.of() : List.copyOf(fields);
        this.extensions = extensions == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
        this.headers = headers == null ? Map.of() : Map.copyOf(headers);
        this.messageKey = messageKey;
        // An argument may be null (shown as "null"); List.copyOf would refuse it.
        this.messageArgs = messageArgs == null ? List.of()
                : Collections.unmodifiableList(new ArrayList<>(messageArgs));
    }

    /**
     * A problem whose {@code detail} is the text {@code key} of {@code i18n/problems*.properties}, formatted with
     * {@code args} in the caller's language. The key must have an English text (a missing one fails here, loudly).
     */
    public static ProblemException keyed(ProblemType type, String key, Object... args) {
        List<Object> list = Arrays.asList(args);
        return new ProblemException(type, key, list, english(key, list), List.of(), Map.of(), Map.of());
    }

    /** A 422 listing the offending fields, each with its message in the caller's language. */
    public static ProblemException invalid(List<FieldProblem> fields) {
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("name at least one invalid field");
        }
        List<Object> args = fields.size() == 1 ? List.of(fields.getFirst().field(), fields.getFirst())
                : List.of(fields.size());
        String key = fields.size() == 1 ? "core.validation.field" : "core.validation.fields";
        return new ProblemException(ProblemType.VALIDATION, key, args, english(key, args), fields, Map.of(), Map.of());
    }

    /** A 422 for one field whose message is the text {@code key}. */
    public static ProblemException invalid(String field, String key, Object... args) {
        return invalid(List.of(FieldProblem.of(field, key, args)));
    }

    /** This problem with one more extension member (e.g. {@code currentVersion}). */
    public ProblemException withExtension(String name, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(extensions);
        more.put(name, value);
        return new ProblemException(type, messageKey, messageArgs, getMessage(), fields, more, headers);
    }

    /** This problem with one more response header (e.g. {@code Retry-After}). */
    public ProblemException withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new ProblemException(type, messageKey, messageArgs, getMessage(), fields, extensions, more);
    }

    /** This problem listing one more offending field (e.g. the username of a 409 "taken"). */
    public ProblemException withField(FieldProblem field) {
        List<FieldProblem> more = new ArrayList<>(fields);
        more.add(field);
        return new ProblemException(type, messageKey, messageArgs, getMessage(), more, extensions, headers);
    }

    private static String english(String key, List<Object> args) {
        ProblemText.require(key);
        return ProblemText.format(Locale.ENGLISH, key, args);
    }

    /** English-only field errors as field problems whose text is the message itself in every language. */
    private static List<FieldProblem> english(List<FieldError> errors) {
        return errors == null ? List.of() : errors.stream()
                .map(e -> new FieldProblem(e.field(), ProblemText.VERBATIM, List.of(e.message()))).toList();
    }

    public ProblemType type() {
        return type;
    }

    /** The offending fields with their English messages. */
    public List<FieldError> fieldErrors() {
        return fields.stream().map(f -> f.in(Locale.ENGLISH)).toList();
    }

    public Map<String, Object> extensions() {
        return extensions;
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** True when the detail has a text in the caller's language (see {@link ProblemText}). */
    public boolean localized() {
        return messageKey != null;
    }

    /** The detail in {@code locale}, or the English one when it has no text there. */
    public String detail(Locale locale) {
        String text = messageKey == null ? null : ProblemText.format(locale, messageKey, messageArgs);
        return text != null ? text : getMessage();
    }

    public Problem toProblem(String instance, Locale locale) {
        Locale shown = localized() ? locale : Locale.ENGLISH;
        return new Problem(type.uri().toString(), type.title(), type.status(), detail(locale), instance,
                fields.stream().map(f -> f.in(shown)).toList(), extensions);
    }
}
