package dev.moddesk.server.core;

import java.util.Map;

/**
 * What a handler returns when the route's declared success status is not enough: another status (for example
 * 503 from the health check), extra headers, or a body of another media type. Returning a plain object instead
 * answers with the route's first declared response status and the object as JSON.
 */
public record Reply(int status, Object body, String contentType, Map<String, String> headers) {
    public Reply {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    public static Reply json(int status, Object body) {
        return new Reply(status, body, null, Map.of());
    }

    public static Reply text(int status, String body, String contentType) {
        return new Reply(status, body, contentType, Map.of());
    }

    public Reply withHeader(String name, String value) {
        Map<String, String> more = new java.util.LinkedHashMap<>(headers);
        more.put(name, value);
        return new Reply(status, body, contentType, more);
    }
}
