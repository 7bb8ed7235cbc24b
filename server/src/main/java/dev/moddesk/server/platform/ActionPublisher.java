package dev.moddesk.server.platform;

import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Appends an action to the platform's action feed. Call it inside the same transaction as the decision that causes
 * it, so the action exists exactly when the decision does; webhook delivery picks it up after commit.
 */
public interface ActionPublisher {

    /** Returns the action's feed id. {@code payload} is serialized to JSON (a record or a map). */
    long publish(Handle handle, String type, String targetType, String targetId, Object payload);

    /** One action of {@link #publishAll}. */
    record Action(String type, String targetType, String targetId, Object payload) {
    }

    /** Appends every action, in order, inside the caller's transaction; returns their feed ids. */
    default List<Long> publishAll(Handle handle, List<Action> actions) {
        return actions.stream().map(a -> publish(handle, a.type(), a.targetType(), a.targetId(), a.payload())).toList();
    }
}
