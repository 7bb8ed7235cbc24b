package dev.moddesk.server.platform;

import com.fasterxml.jackson.databind.JsonNode;
import dev.moddesk.server.core.ProblemException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one object of a platform event's payload. Everything in it is the platform's users' input: each field is
 * checked for type and length, and a bad one is refused with a 422 {@link ProblemException} naming the field by its
 * path ({@code payload.seat.number}) with a keyed message, so the platform reads the event's outcome in its language
 * (see {@link PlatformIngest}). Handlers refuse their own rules the same way, through {@link #refuse}.
 */
public final class IngestPayload {

    private final JsonNode node;
    private final String path;

    private IngestPayload(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** The event's payload, which must be a JSON object. */
    public static IngestPayload of(JsonNode payload) {
        if (payload == null || !payload.isObject()) {
            throw ProblemException.invalid("payload", "core.field.object");
        }
        return new IngestPayload(payload, "payload");
    }

    /** The object as it came. */
    public JsonNode json() {
        return node;
    }

    /** The dotted path of {@code field} in this payload, e.g. {@code payload.seat.number}. */
    public String path(String field) {
        return path + "." + field;
    }

    /** A 422 for {@code field} whose message is the text {@code key}. */
    public ProblemException refuse(String field, String key, Object... args) {
        return ProblemException.invalid(path(field), key, args);
    }

    public boolean has(String field) {
        return node.hasNonNull(field);
    }

    /** The text of {@code field}, as sent, or null when it is absent or null. */
    public String optionalString(String field, int maxLength) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw refuse(field, "core.field.string");
        }
        String text = value.asText();
        if (text.length() > maxLength) {
            throw refuse(field, "ingest.field.tooLong", maxLength);
        }
        return text;
    }

    /** The text of {@code field}, as sent; it must be there (it may be blank). */
    public String string(String field, int maxLength) {
        String text = optionalString(field, maxLength);
        if (text == null) {
            throw refuse(field, "ingest.field.required");
        }
        return text;
    }

    /** The text of {@code field} without surrounding white space, or null when absent, null or blank. */
    public String optionalStripped(String field, int maxLength) {
        String text = optionalString(field, maxLength);
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** The text of {@code field} without surrounding white space; it must be there and not blank. */
    public String stripped(String field, int maxLength) {
        String text = optionalStripped(field, maxLength);
        if (text == null) {
            throw refuse(field, "ingest.field.required");
        }
        return text;
    }

    /** A whole number from {@code min} to {@code max}; {@code fallback} when absent, or refused when that is null. */
    public long wholeNumber(String field, long min, long max, Long fallback) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (fallback == null) {
                throw refuse(field, "ingest.field.required");
            }
            return fallback;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < min || value.asLong() > max) {
            throw refuse(field, "ingest.field.wholeNumber", min, max);
        }
        return value.asLong();
    }

    public boolean bool(String field, boolean fallback) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw refuse(field, "core.field.boolean");
        }
        return value.asBoolean();
    }

    /** An ISO-8601 instant, or {@code fallback} when absent, null or blank. */
    public Instant instant(String field, Instant fallback) {
        String text = optionalStripped(field, 64);
        if (text == null) {
            return fallback;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw refuse(field, "ingest.field.instant");
        }
    }

    /** An ISO-8601 instant that must be there. */
    public Instant requiredInstant(String field) {
        Instant instant = instant(field, null);
        if (instant == null) {
            throw refuse(field, "ingest.field.required");
        }
        return instant;
    }

    /** One of {@code type}'s constants, by its exact name. */
    public <E extends Enum<E>> E oneOf(String field, Class<E> type) {
        String text = string(field, 64);
        try {
            return Enum.valueOf(type, text);
        } catch (IllegalArgumentException e) {
            throw refuse(field, "core.field.oneOf", names(type));
        }
    }

    /** The nested object {@code field}, or null when absent or null. */
    public IngestPayload optionalObject(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw refuse(field, "core.field.object");
        }
        return new IngestPayload(value, path(field));
    }

    /** The nested object {@code field}, which must be there. */
    public IngestPayload object(String field) {
        IngestPayload object = optionalObject(field);
        if (object == null) {
            throw refuse(field, "ingest.field.required");
        }
        return object;
    }

    /** The array {@code field} of at most {@code maxItems} items; empty when absent or null. */
    public List<JsonNode> array(String field, int maxItems) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw refuse(field, "core.field.array");
        }
        if (value.size() > maxItems) {
            throw refuse(field, "ingest.field.tooMany", maxItems);
        }
        List<JsonNode> items = new ArrayList<>(value.size());
        value.forEach(items::add);
        return items;
    }

    /** The objects of the array {@code field} (at most {@code maxItems}), each read like this payload. */
    public List<IngestPayload> objects(String field, int maxItems) {
        List<JsonNode> items = array(field, maxItems);
        List<IngestPayload> objects = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            String itemPath = field + "[" + i + "]";
            if (!items.get(i).isObject()) {
                throw refuse(itemPath, "core.field.object");
            }
            objects.add(new IngestPayload(items.get(i), path(itemPath)));
        }
        return objects;
    }

    private static <E extends Enum<E>> String names(Class<E> type) {
        StringBuilder names = new StringBuilder();
        for (E constant : type.getEnumConstants()) {
            names.append(names.isEmpty() ? "" : ", ").append(constant.name());
        }
        return names.toString();
    }
}
