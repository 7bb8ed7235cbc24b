package dev.moddesk.server.rooms.bus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.moddesk.contract.lifecycle.ErasedUser;
import dev.moddesk.contract.rooms.RoomEvent;
import dev.moddesk.contract.rooms.RoomMessage;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;

/**
 * An erased user taken out of room events as the bus retains them: wherever the user's id stands (a chat line's
 * author, a join or leave, a seat, an action's target) it becomes the pseudonym, and the object that named them loses
 * its nickname, its text (a chat line's words read {@code [erased]}) and its screen hits. Sequence numbers, times,
 * types and every other person's data stay as they were.
 */
final class EventScrub {
    private final ObjectMapper mapper;
    private final String userId;
    private final String pseudonym;

    EventScrub(ObjectMapper mapper, String userId, String pseudonym) {
        this.mapper = Objects.requireNonNull(mapper);
        if (userId == null || userId.isEmpty()) {
            throw new IllegalArgumentException("a user id is required");
        }
        this.userId = userId;
        this.pseudonym = Objects.requireNonNull(pseudonym);
    }

    /** Whether {@code event} names the user anywhere. */
    boolean about(RoomEvent event) {
        return !someoneElsesLine(event) && names(mapper.valueToTree(event.payload()));
    }

    /** The event without the user's data, or the very same event when it does not name them. */
    RoomEvent scrub(RoomEvent event) {
        if (someoneElsesLine(event)) {
            return event;
        }
        ObjectNode tree = mapper.valueToTree(event);
        if (!rewrite(tree.path("payload"))) {
            return event;
        }
        try {
            return mapper.treeToValue(tree, RoomEvent.class);
        } catch (IOException e) {
            throw new IllegalStateException("a scrubbed room event did not decode", e);
        }
    }

    /** The bulk of a window, told apart without a JSON tree: a chat line by someone else. */
    private boolean someoneElsesLine(RoomEvent event) {
        return event.payload() instanceof RoomMessage m && !userId.equals(m.userId()) && !userId.equals(m.text())
                && !userId.equals(m.messageId()) && !userId.equals(m.nickname());
    }

    private boolean names(JsonNode node) {
        if (node.isTextual()) {
            return userId.equals(node.asText());
        }
        for (JsonNode child : node) {
            if (names(child)) {
                return true;
            }
        }
        return false;
    }

    /** Rewrites {@code node} in place; true when anything changed. */
    private boolean rewrite(JsonNode node) {
        boolean changed = false;
        if (node instanceof ObjectNode object) {
            boolean theirs = false;
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (field.getValue().isTextual() && userId.equals(field.getValue().asText())) {
                    field.setValue(object.textNode(pseudonym));
                    theirs = true;
                } else {
                    changed |= rewrite(field.getValue());
                }
            }
            if (theirs) {
                if (object.has("nickname")) {
                    object.putNull("nickname");
                }
                if (object.has("text")) {
                    object.put("text", ErasedUser.ERASED_TEXT);
                }
                if (object.has("hits")) {
                    object.putArray("hits");
                }
                changed = true;
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                JsonNode child = node.get(i);
                if (child.isTextual() && userId.equals(child.asText())) {
                    ((com.fasterxml.jackson.databind.node.ArrayNode) node).set(i, pseudonym);
                    changed = true;
                } else {
                    changed |= rewrite(child);
                }
            }
        }
        return changed;
    }
}
