package dev.moddesk.server.core;

import dev.moddesk.contract.FieldError;
import dev.moddesk.contract.Problem;
import dev.moddesk.contract.ProblemType;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Thrown by handlers and services to answer with an RFC 9457 problem. The route registry turns it into an
 * {@code application/problem+json} response with the type's status; nothing else needs to catch it.
 * {@code headers} are added to the response (for example {@code Retry-After} or {@code Allow}).
 */
public class ProblemException extends RuntimeException {
    private final ProblemType type;
    private final List<FieldError> fieldErrors;
    private final Map<String, Object> extensions;
    private final Map<String, String> headers;
    private final String messageKey;
    private final List<Object> messageArgs;

    public ProblemException(ProblemType type, String detail, List<FieldError> fieldErrors,
                            Map<String, Object> extensions, Map<String, String> headers) {
        this(type, detail, fieldErrors, extensions, headers, null, List.of());
    }

    /**
     * A problem whose detail has a text in {@link ProblemText} under {@code messageKey}: the caller reads it in their
     * language; {@code detail} is the English one.
     */
    public ProblemException(ProblemType type, String detail, List<FieldError> fieldErrors,
                               Map<String, Object> extensions, Map<String, String> headers, String messageKey,
                               List<Object> messageArgs) {
        super(detail, null, false, false);
        this.type = type;
        this.fieldErrors = fieldErrors == null ? List.of() : List.copyOf(fieldErrors);
        this.extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
        this.headers = headers == null ? Map.of() : Map.copyOf(headers);
        this.messageKey = messageKey;
        // An argument may be null (shown as "null"); List.copyOf would refuse it.
        this.messageArgs = messageArgs == null ? List.of()
                : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(messageArgs));
    }

    public ProblemException(ProblemType type, String detail, List<FieldError> fieldErrors,
                            Map<String, Object> extensions) {
        this(type, detail, fieldErrors, extensions, Map.of());
    }

    public ProblemException(ProblemType type, String detail) {
        this(type, detail, List.of(), Map.of(), Map.of());
    }

    /**
     * A problem whose {@code detail} is the text {@code key} of {@code i18n/problems*.properties}, formatted with
     * {@code args} in the caller's language. The key must have an English text (a missing one fails here, loudly).
     */
    public static ProblemException keyed(ProblemType type, String key, Object... args) {
        List<Object> list = java.util.Arrays.asList(args);
        return new ProblemException(type, english(key, list), List.of(), Map.of(), Map.of(), key, list);
    }

    /** This problem with one more extension member (e.g. {@code currentVersion}). */
    public ProblemException withExtension(String name, Object value) {
        Map<String, Object> more = new java.util.LinkedHashMap<>(extensions);
        more.put(name, value);
        return new ProblemException(type, getMessage(), fieldErrors, more, headers, messageKey, messageArgs);
    }

    /** This problem with one more response header (e.g. {@code Retry-After}). */
    public ProblemException withHeader(String name, String value) {
        Map<String, String> more = new java.util.LinkedHashMap<>(headers);
        more.put(name, value);
        return new ProblemException(type, getMessage(), fieldErrors, extensions, more, messageKey, messageArgs);
    }

    private static String english(String key, List<Object> args) {
        String text = ProblemText.format(Locale.ENGLISH, key, args);
        if (text == null) {
            throw new IllegalArgumentException("No problem text " + key + " in i18n/problems.properties");
        }
        return text;
    }

    /** A 422 listing the offending fields. */
    public static ProblemException validation(List<FieldError> errors) {
        return new ProblemException(ProblemType.VALIDATION,
                errors.size() == 1 ? errors.getFirst().field() + ": " + errors.getFirst().message()
                        : errors.size() + " fields are invalid", errors, Map.of());
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(ProblemType.NOT_FOUND, detail);
    }

    public ProblemType type() {
        return type;
    }

    public List<FieldError> fieldErrors() {
        return fieldErrors;
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
        return new Problem(type.uri().toString(), type.title(), type.status(), detail(locale), instance, fieldErrors,
                extensions);
    }
}
