package dev.moddesk.server.sandbox.rooms;

import java.time.Instant;

/**
 * The simulated platform's "before showing a message" hook: every chat line the room simulation generates passes
 * through the gate before it is shown (sent to ModDesk as {@code room.message}). A gate that applies the word list's
 * HOLD terms returns {@code false} for a line it withholds and takes the line over from there: it reports it through
 * {@code sink} (as {@code message.held}, in order with the room's other events) and later shows or drops it; the
 * simulation then forgets the line. {@link RoomsHoldGate} is the one the sandbox uses.
 *
 * <p>Called on the room simulation's one scheduler thread, once per line, at up to the full chat rate (10,000 lines a
 * second and more): it must not block and should not allocate for a line it lets through.
 */
@FunctionalInterface
public interface MessageGate {

    /** Shows every line: the platform without a word list. */
    MessageGate SHOW_ALL = (roomId, messageId, userId, nickname, text, now, sink) -> true;

    /**
     * @return true to show the line now; false when the gate withholds it (the simulation does not send it)
     */
    boolean show(String roomId, String messageId, String userId, String nickname, String text, Instant now,
                 RoomSink sink);
}
