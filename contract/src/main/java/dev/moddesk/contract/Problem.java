package dev.moddesk.contract;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * RFC 9457 problem details, as sent with {@code application/problem+json}. {@code extensions} are extra members a
 * problem type documents (for example who holds a claim and until when); on the wire they are members of their own
 * ({@code @JsonAnyGetter}/{@code @JsonAnySetter}), so {@code {"type":..,"retryAfterSeconds":30}} parses back with
 * {@code extensions = {retryAfterSeconds=30}}. Extension members with a null value are dropped.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        String instance,
        List<FieldError> errors,
        @JsonAnyGetter @JsonAnySetter Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem {
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("type is required");
        }
        errors = errors == null ? List.of() : List.copyOf(errors);
        if (extensions == null) {
            extensions = Map.of();
        } else {
            Map<String, Object> present = new LinkedHashMap<>(extensions);
            present.values().removeIf(Objects::isNull);
            extensions = Map.copyOf(present);
        }
    }

    public static Problem of(ProblemType type, String detail) {
        return new Problem(type.uri().toString(), type.title(), type.status(), detail, null, List.of(), Map.of());
    }
}
