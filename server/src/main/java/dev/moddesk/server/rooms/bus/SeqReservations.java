package dev.moddesk.server.rooms.bus;

/**
 * Where the in-process bus keeps, per room, a high-water mark of the sequence numbers it may hand out, so that after a
 * restart (its window gone) numbering goes on above every number used before instead of starting again at 1. The
 * numbers between the last one used and the mark are never used: a console resuming over them is told they are gone.
 */
public interface SeqReservations {
    /** Numbers reserved at a time: one write per this many events of a room. */
    long BLOCK = 100_000;

    /** The room's mark, 0 when none. */
    long reserved(String roomId);

    /** Raises the room's mark to {@code upTo}. */
    void reserve(String roomId, long upTo);

    /** No persistence: every start numbers from 1 (tests of the bus alone). */
    SeqReservations NONE = new SeqReservations() {
        @Override
        public long reserved(String roomId) {
            return 0;
        }

        @Override
        public void reserve(String roomId, long upTo) {
        }
    };
}
