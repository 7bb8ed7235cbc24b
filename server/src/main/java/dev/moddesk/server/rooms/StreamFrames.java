package dev.moddesk.server.rooms;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.moddesk.contract.rooms.HeldMessage;
import dev.moddesk.contract.rooms.HeldStatus;
import dev.moddesk.contract.rooms.ModerationAction;
import dev.moddesk.contract.rooms.RoomEvent;
import dev.moddesk.contract.rooms.RoomHeld;
import dev.moddesk.contract.rooms.RoomStream;
import java.util.List;

/** The stream's frames as text (protocol in docs/platform.md, records in {@link RoomStream}). */
final class StreamFrames {
    private final ObjectMapper mapper;

    StreamFrames(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** A room event is its own frame. */
    String event(RoomEvent event) {
        return write(event);
    }

    String[] events(List<RoomEvent> events) {
        String[] out = new String[events.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = event(events.get(i));
        }
        return out;
    }

    String summaries(RoomStream.Summaries summaries) {
        return framed(RoomStream.SUMMARIES, null, summaries);
    }

    String gap(String room, long from, long to) {
        return framed(RoomStream.GAP, room, new RoomStream.Gap(from, to));
    }

    String resumed(String room, long lastSeq, long replayed) {
        return framed(RoomStream.RESUMED, room, new RoomStream.Resumed(lastSeq, replayed));
    }

    String lagging(String room, long lastSeq, int queueLimit) {
        return framed(RoomStream.LAGGING, room, new RoomStream.Lagging(lastSeq, queueLimit));
    }

    /**
     * The held queue's frame for {@code event} ({@code held-queued} for a {@code held} event, {@code held-settled}
     * for the action that settled one), or null when it does not change the queue.
     */
    String held(RoomEvent event) {
        return switch (event.payload()) {
            case RoomHeld held -> heldQueued(event, held);
            case ModerationAction a when a.params().containsKey("heldId") -> {
                HeldStatus status = switch (a.action()) {
                    case "message.release" -> HeldStatus.RELEASED;
                    case "message.deny" -> HeldStatus.DENIED;
                    case "message.drop" -> HeldStatus.DROPPED;
                    default -> null;
                };
                long id;
                try {
                    id = Long.parseLong(a.params().get("heldId"));
                } catch (NumberFormatException e) {
                    yield null;
                }
                yield status == null ? null : heldSettled(event, id, a, status);
            }
            default -> null;
        };
    }

    private String heldQueued(RoomEvent event, RoomHeld held) {
        return framed(RoomStream.HELD_QUEUED, event.roomId(), new HeldMessage(held.heldId(), event.roomId(),
                held.messageId(), held.userId(), held.nickname(), held.text(), held.hits(), null, event.at(),
                held.deadline(), HeldStatus.HELD, null, null));
    }

    /** A held message settled: released or denied by staff, or dropped at its deadline (no one named). */
    private String heldSettled(RoomEvent event, long heldId, ModerationAction action, HeldStatus status) {
        boolean byStaff = status != HeldStatus.DROPPED;
        return framed(RoomStream.HELD_SETTLED, event.roomId(), new RoomStream.HeldSettled(heldId, action.targetId(),
                status, byStaff ? action.staffName() : null, byStaff ? action.staffId() : null, event.at()));
    }

    String bare(String type) {
        return mapper.createObjectNode().put("type", type).toString();
    }

    private String framed(String type, String room, Object payload) {
        ObjectNode frame = mapper.createObjectNode().put("type", type);
        if (room != null) {
            frame.put("room", room);
        }
        frame.set("payload", mapper.valueToTree(payload));
        return frame.toString();
    }

    private String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stream frame did not serialize", e);
        }
    }
}
