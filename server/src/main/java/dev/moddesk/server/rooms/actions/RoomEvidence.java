package dev.moddesk.server.rooms.actions;

import dev.moddesk.contract.rooms.RoomEvent;
import dev.moddesk.contract.rooms.RoomMessage;
import dev.moddesk.server.rooms.bus.RoomBus;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The evidence an action's audit entry keeps: the room's last chat lines and the target user's (for a user or message
 * action), read from the bus's retained window at the time of the action.
 */
final class RoomEvidence {

    static final int ROOM_LINES = 20;
    static final int USER_LINES = 20;
    /** How far back the window is read: enough chat for both lists in a busy room, bounded per action. */
    static final int LOOK_BACK = 2_000;

    /** One chat line as kept in the audit log (with its sequence number, so the console can show it in place). */
    record Line(long seq, String at, String messageId, String userId, String nickname, String text) {
    }

    record Evidence(List<Line> roomLines, List<Line> userLines) {
    }

    private final RoomBus bus;

    RoomEvidence(RoomBus bus) {
        this.bus = bus;
    }

    /**
     * The last lines of {@code roomId}, and of {@code userId} (null: none), oldest first. For a message action the
     * user is the message's author when the window still has it.
     */
    Evidence collect(String roomId, String userId, String messageId) {
        long last = bus.lastSeq(roomId);
        List<RoomEvent> events = bus.replay(roomId, Math.max(0, last - LOOK_BACK), LOOK_BACK).events();
        String author = userId;
        if (author == null && messageId != null) {
            for (RoomEvent e : events) {
                if (e.payload() instanceof RoomMessage m && messageId.equals(m.messageId())) {
                    author = m.userId();
                }
            }
        }
        Deque<Line> room = new ArrayDeque<>();
        Deque<Line> user = new ArrayDeque<>();
        for (int i = events.size() - 1; i >= 0 && (room.size() < ROOM_LINES || user.size() < USER_LINES); i--) {
            RoomEvent e = events.get(i);
            if (!(e.payload() instanceof RoomMessage m)) {
                continue;
            }
            Line line = new Line(e.seq(), e.at().toString(), m.messageId(), m.userId(), m.nickname(), m.text());
            if (room.size() < ROOM_LINES) {
                room.addFirst(line);
            }
            if (author != null && author.equals(m.userId()) && user.size() < USER_LINES) {
                user.addFirst(line);
            }
        }
        return new Evidence(List.copyOf(room), List.copyOf(user));
    }
}
