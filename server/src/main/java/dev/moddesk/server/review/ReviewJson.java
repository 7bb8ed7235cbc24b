package dev.moddesk.server.review;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moddesk.contract.review.RiskSignal;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The JSON review stores in its columns (answers, risk signals, localized texts) and its stored answers. */
final class ReviewJson {

    static final TypeReference<List<StoredAnswer>> ANSWERS = new TypeReference<>() {
    };
    static final TypeReference<List<RiskSignal>> RISKS = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, String>> STRINGS = new TypeReference<>() {
    };

    private final ObjectMapper json;

    ReviewJson(ObjectMapper json) {
        this.json = Objects.requireNonNull(json);
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    Map<String, String> readStrings(String s) {
        return read(s, STRINGS);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> asMap(Object value) {
        return json.convertValue(value, Map.class);
    }

    String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    <T> T read(String s, Class<T> type) {
        try {
            return json.readValue(s, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON unreadable", e);
        }
    }

    <T> T read(String s, TypeReference<T> type) {
        try {
            return json.readValue(s, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON unreadable", e);
        }
    }
}
