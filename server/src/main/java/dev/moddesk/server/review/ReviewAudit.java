package dev.moddesk.server.review;

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
}
