package dev.moddesk.server.creators;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Reads a platform event's payload fields; a bad one is an {@link IllegalArgumentException} naming the field. */
final class Payload {

    private final JsonNode node;

    Payload(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("payload must be a JSON object");
        }
        this.node = node;
    }

    String text(String field, int maxLength) {
        String value = optionalText(field, maxLength);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("payload." + field + " is required");
        }
        return value;
    }

    String optionalText(String field, int maxLength) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException("payload." + field + " must be a string");
        }
        String value = v.asText().strip();
        if (value.length() > maxLength) {
            throw new IllegalArgumentException("payload." + field + " must be at most " + maxLength + " characters");
        }
        return value;
    }

    long number(String field, long min, long max, Long fallback) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (fallback == null) {
                throw new IllegalArgumentException("payload." + field + " is required");
            }
            return fallback;
        }
        if (!v.isIntegralNumber() || v.asLong() < min || v.asLong() > max) {
            throw new IllegalArgumentException("payload." + field + " must be a whole number from " + min + " to "
                    + max);
        }
        return v.asLong();
    }

    boolean bool(String field, boolean fallback) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isBoolean()) {
            throw new IllegalArgumentException("payload." + field + " must be true or false");
        }
        return v.asBoolean();
    }

    Instant instant(String field, Instant fallback) {
        String value = optionalText(field, 64);
        if (value == null) {
            return fallback;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("payload." + field + " must be an ISO-8601 instant");
        }
    }
}
