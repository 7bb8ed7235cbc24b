package dev.moddesk.contract;

import java.time.Instant;
import java.util.Map;

/**
 * One append-only audit log entry: who did what to which target, the state before and after (JSON objects, either
 * may be null), the reason given, when, and from which client address. {@code actorId} is null for the platform or
 * the system.
 */
public record AuditEntry(
        long id,
        Instant at,
        Long actorId,
        String actor,
        String action,
        String targetType,
        String targetId,
        Map<String, Object> before,
        Map<String, Object> after,
        String reason,
        String clientAddress) {
    /** The largest page of audit entries the server hands out at once ({@code limit}); both sides use it. */
    public static final int MAX_PAGE_SIZE = 200;
}
