package dev.moddesk.server.platform;

import org.jdbi.v3.core.Handle;

/**
 * Appends an action to the platform's action feed. Call it inside the same transaction as the decision that causes
 * it, so the action exists exactly when the decision does; webhook delivery picks it up after commit.
 */
public interface ActionPublisher {

    /** Returns the action's feed id. {@code payload} is serialized to JSON (a record or a map). */
    long publish(Handle handle, String type, String targetType, String targetId, Object payload);
}
