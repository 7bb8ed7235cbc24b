package dev.moddesk.app.api;

import java.time.Instant;

/** Filters for {@code GET /api/v1/audit}; null or blank members are left out of the query. */
public record AuditQuery(String actor, String action, String targetType, String targetId, Instant from, Instant to,
                         String cursor, int limit) {
    public AuditQuery {
        if (limit < 1 || limit > 500) {
            throw new IllegalArgumentException("limit must be 1..500, was " + limit);
        }
        actor = blankToNull(actor);
        action = blankToNull(action);
        targetType = blankToNull(targetType);
        targetId = blankToNull(targetId);
        cursor = blankToNull(cursor);
    }

    public static AuditQuery firstPage(int limit) {
        return new AuditQuery(null, null, null, null, null, null, null, limit);
    }

    public AuditQuery withCursor(String next) {
        return new AuditQuery(actor, action, targetType, targetId, from, to, next, limit);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
