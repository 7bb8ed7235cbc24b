package dev.moddesk.server.review;

import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * Writes review state changes to the audit log inside the caller's transaction. The server core's audit log sits
 * behind it; tests use a recording one.
 */
@FunctionalInterface
public interface ReviewAudit {

    ReviewAudit NONE = (handle, actor, action, targetType, targetId, before, after, reason) -> {
    };

    void record(Handle handle, ReviewActor actor, String action, String targetType, String targetId,
                Map<String, Object> before, Map<String, Object> after, String reason);

    /**
     * True when the entries go to the core's {@code audit_log} table (see {@code AuditLog}), so a store may write
     * them in the same statement as the change itself instead of calling this.
     */
    default boolean writesAuditLogTable() {
        return false;
    }

    /** One change among several recorded together (a bulk decision). */
    record Change(String action, String targetType, String targetId, Map<String, Object> before,
                  Map<String, Object> after, String reason) {
    }

    /** Records every change by {@code actor}; the core's log writes them as one batch. */
    default void recordAll(Handle handle, ReviewActor actor, List<Change> changes) {
        for (Change c : changes) {
            record(handle, actor, c.action(), c.targetType(), c.targetId(), c.before(), c.after(), c.reason());
        }
    }
}
