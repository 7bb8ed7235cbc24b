package dev.moddesk.server.rooms.held;

import com.fasterxml.jackson.databind.JsonNode;
import dev.moddesk.server.core.ProblemException;
import dev.moddesk.server.platform.IngestHandler;
import org.jdbi.v3.core.Handle;

/**
 * {@code message.held}: the platform withheld a chat line because it matched a HOLD term. Its payload is hostile
 * input: {@code roomId}, {@code messageId}, {@code userId} (1 to 200 printable characters), {@code nickname} (up to
 * 200, no control characters), {@code text} (1 to 2,000, line breaks allowed) and {@code listVersion} (the word list
 * version the platform screened with, optional). A bad field is a keyed 422 refusal naming it.
 */
final class HeldIngest implements IngestHandler {
    static final String TYPE = "message.held";
    static final int MAX_ID = 200;
    static final int MAX_TEXT = 2000;

    private final HeldMessages held;

    HeldIngest(HeldMessages held) {
        this.held = held;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void apply(Handle handle, Event event) {
        applyNoting(handle, event);
    }

    @Override
    public String applyNoting(Handle handle, Event event) {
        JsonNode p = event.payload();
        String roomId = id(p, "roomId");
        String messageId = id(p, "messageId");
        String userId = id(p, "userId");
        String nickname = text(p, "nickname", MAX_ID, false);
        String text = text(p, "text", MAX_TEXT, true);
        Long listVersion = null;
        if (p != null && p.hasNonNull("listVersion")) {
            JsonNode v = p.get("listVersion");
            if (!v.canConvertToLong() || !v.isIntegralNumber() || v.asLong() < 0) {
                throw ProblemException.invalid("payload.listVersion", "rooms.held.payload.listVersion");
            }
            listVersion = v.asLong();
        }
        return held.hold(handle, roomId, messageId, userId, nickname, text, listVersion, event.occurredAt());
    }

    private static String id(JsonNode p, String field) {
        String value = text(p, field, MAX_ID, false);
        if (value.isBlank() || hasFormatting(value)) {
            throw ProblemException.invalid("payload." + field, "rooms.held.payload.id", MAX_ID);
        }
        return value;
    }

    private static String text(JsonNode p, String field, int max, boolean lineBreaks) {
        JsonNode node = p == null ? null : p.get(field);
        if (node == null || !node.isTextual() || node.asText().isEmpty() || node.asText().length() > max) {
            throw ProblemException.invalid("payload." + field, "rooms.held.payload.text", max);
        }
        String value = node.asText();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) && !(lineBreaks && (c == '\n' || c == '\r'))) {
                throw ProblemException.invalid("payload." + field, "rooms.held.payload.control");
            }
        }
        return value;
    }

    private static boolean hasFormatting(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069') || c == '\u2028'
                    || c == '\u2029') {
                return true;
            }
        }
        return false;
    }
}
