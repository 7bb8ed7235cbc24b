package dev.moddesk.app.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moddesk.app.api.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/** Before/after of an audit entry as rows a person can scan: which keys were added, removed or changed. */
public final class AuditDiff {
    private static final ObjectMapper MAPPER = Json.mapper();

    public enum Change { ADDED, REMOVED, CHANGED, UNCHANGED }

    public record Row(String key, String before, String after, Change change) {
        public Row {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(change, "change");
        }
    }

    private AuditDiff() {
    }

    /** Rows for every key in either side, sorted by key; either side may be null (a creation or a deletion). */
    public static List<Row> rows(Map<String, Object> before, Map<String, Object> after) {
        Map<String, Object> b = before == null ? Map.of() : before;
        Map<String, Object> a = after == null ? Map.of() : after;
        TreeSet<String> keys = new TreeSet<>(b.keySet());
        keys.addAll(a.keySet());
        List<Row> rows = new ArrayList<>();
        for (String key : keys) {
            boolean inBefore = b.containsKey(key);
            boolean inAfter = a.containsKey(key);
            Object vb = b.get(key);
            Object va = a.get(key);
            Change change;
            if (!inBefore) {
                change = Change.ADDED;
            } else if (!inAfter) {
                change = Change.REMOVED;
            } else {
                change = Objects.equals(vb, va) ? Change.UNCHANGED : Change.CHANGED;
            }
            rows.add(new Row(key, inBefore ? render(vb) : "", inAfter ? render(va) : "", change));
        }
        return rows;
    }

    /** Strings as they are, everything else as compact JSON. */
    public static String render(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String s) {
            return s;
        }
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }

    public static String json(Map<String, Object> value) {
        if (value == null) {
            return "";
        }
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }
}
