package dev.moddesk.app.rooms;

import dev.moddesk.app.api.stream.StreamItem;
import java.util.Collection;

/**
 * The console's one room stream as the feature needs it: a queue the per-frame drain empties, and which rooms to
 * follow. The console's is {@link StreamRoomFeed} (the WebSocket client); tests feed their own items.
 */
public interface RoomFeed extends AutoCloseable {

    /** Connects; reconnects by itself until closed. */
    void start();

    /** Moves up to {@code max} queued items, in stream order, into {@code sink}. */
    int drainTo(Collection<StreamItem> sink, int max);

    /** Items waiting for the drain. */
    int queued();

    /** Follows {@code room}'s full stream after {@code afterSeq} (0: from now on). */
    void follow(String room, long afterSeq);

    /** Follows the held-for-review queue's changes (asked again after every reconnect). */
    void followHeld();

    /** Stops following {@code room}. */
    void unfollow(String room);

    /** Asks again for a room the server stopped sending (lagging), from the last event the console holds. */
    void resume(String room);

    @Override
    void close();
}
