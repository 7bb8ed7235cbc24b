package dev.moddesk.server.rooms.reports;

import dev.moddesk.contract.rooms.RoomEvent;
import dev.moddesk.contract.rooms.RoomMessage;
import dev.moddesk.server.rooms.bus.RoomBus;
import java.util.List;
import java.util.function.Supplier;

/**
 * Finds a reported message's sequence number in its room's retained window, newest first (users report what they
 * just saw), reading at most {@link #LOOK_BACK} events per report, one page at a time.
 */
final class ReportedMessages {
    static final int LOOK_BACK = 10_000;
    private static final int PAGE = 1_000;

    private final Supplier<RoomBus> bus;

    /** {@code bus} is asked when a report arrives: the server's one bus exists by then, whichever feature made it. */
    ReportedMessages(Supplier<RoomBus> bus) {
        this.bus = bus;
    }

    /** The sequence number of {@code messageId} in {@code roomId}, or null when the window does not have it. */
    Long seqOf(String roomId, String messageId) {
        RoomBus b = bus.get();
        long last = b.lastSeq(roomId);
        long floor = Math.max(0, last - LOOK_BACK);
        for (long upTo = last; upTo > floor; upTo -= PAGE) {
            long after = Math.max(floor, upTo - PAGE);
            List<RoomEvent> events = b.replay(roomId, after, (int) (upTo - after)).events();
            for (int i = events.size() - 1; i >= 0; i--) {
                RoomEvent e = events.get(i);
                if (e.seq() <= upTo && e.payload() instanceof RoomMessage m && messageId.equals(m.messageId())) {
                    return e.seq();
                }
            }
            if (events.isEmpty() || events.getFirst().seq() > after + 1) {
                return null; // the window ends here
            }
        }
        return null;
    }
}
