package dev.moddesk.server.sandbox.rooms;

import dev.moddesk.contract.platform.FeedAction;
import dev.moddesk.contract.platform.IngestEvent;
import dev.moddesk.server.sandbox.HeldWordsPlatform;
import dev.moddesk.server.sandbox.SimulatedActivity;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The word list's HOLD terms applied to the simulated rooms' chat, through the simulator's {@link HeldWordsPlatform}:
 * a line a live HOLD term matches is not shown but reported as {@code message.held} (in the room's order, through the
 * rooms' own sink); a line staff release is shown then ({@code room.message}, from the feed action), one they deny or
 * that times out is forgotten. As an activity it hears the feed ({@code words.list}, {@code message.released} …); as
 * a gate it sees every line on the rooms' thread, and builds nothing for one it lets through.
 */
public final class RoomsHoldGate implements MessageGate, SimulatedActivity {

    private final HeldWordsPlatform platform;

    public RoomsHoldGate(HeldWordsPlatform platform) {
        this.platform = platform;
    }

    @Override
    public boolean show(String roomId, String messageId, String userId, String nickname, String text, Instant now,
                        RoomSink sink) {
        if (!platform.holds(text)) {
            return true;
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("roomId", roomId);
        line.put("messageId", messageId);
        line.put("userId", userId);
        line.put("nickname", nickname);
        line.put("text", text);
        IngestEvent held = platform.show(line, now);
        sink.event(held.eventId(), held.type(), now, held.payload());
        return false;
    }

    @Override
    public String name() {
        return "rooms-hold";
    }

    @Override
    public List<IngestEvent> seed(Instant now) {
        return List.of();
    }

    @Override
    public List<IngestEvent> tick(Instant now) {
        return List.of();
    }

    @Override
    public List<IngestEvent> onAction(FeedAction action, Instant now) {
        return platform.onAction(action, now);
    }
}
