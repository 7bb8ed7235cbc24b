package dev.moddesk.server.rooms.actions;

import dev.moddesk.server.core.Principal;
import org.jdbi.v3.core.Handle;

/**
 * Told of every room action inside its transaction (after its audit entry and feed action, before its room event):
 * what else the action settles, such as the open user reports about its target. A follower that throws rolls the
 * action back.
 */
@FunctionalInterface
public interface ActionFollower {

    ActionFollower NONE = (h, actor, roomId, action, targetId, targetUserId, actionId) -> { };

    /**
     * {@code action} is the wire name ({@code user.mute}, ...); {@code targetUserId} whom it was against (a user
     * action's target, a deleted message's author when known), else null.
     */
    void acted(Handle h, Principal actor, String roomId, String action, String targetId, String targetUserId,
               long actionId);
}
