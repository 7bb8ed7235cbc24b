package dev.moddesk.server.core;

import dev.moddesk.contract.FieldError;
import dev.moddesk.contract.Problem;
import dev.moddesk.contract.ProblemType;
import java.util.List;
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

    public ProblemException(ProblemType type, String detail, List<FieldError> fieldErrors,
                            Map<String, Object> extensions, Map<String, String> headers) {
        super(detail, null, false, false);
        this.type = type;
        this.fieldErrors = fieldErrors == null ? List.of() : List.copyOf(fieldErrors);
        this.extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
        this.headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    public ProblemException(ProblemType type, String detail, List<FieldError> fieldErrors,
                            Map<String, Object> extensions) {
        this(type, detail, fieldErrors, extensions, Map.of());
    }

    public ProblemException(ProblemType type, String detail) {
        this(type, detail, List.of(), Map.of(), Map.of());
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

    public Problem toProblem(String instance) {
        return new Problem(type.uri().toString(), type.title(), type.status(), getMessage(), instance, fieldErrors,
                extensions);
    }
}
