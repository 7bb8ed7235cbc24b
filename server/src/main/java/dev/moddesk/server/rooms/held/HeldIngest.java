package dev.moddesk.server.rooms.held;

import dev.moddesk.server.platform.IngestHandler;
import dev.moddesk.server.platform.IngestNote;
import dev.moddesk.server.platform.IngestPayload;
import dev.moddesk.server.rooms.RoomPayloads;
import org.jdbi.v3.core.Handle;

/**
 * {@code message.held}: the platform withheld a chat line because it matched a HOLD term. Its payload is hostile
 * input, read like {@code room.message}'s ({@link RoomPayloads}): {@code roomId}, {@code messageId}, {@code userId},
 * {@code nickname}, {@code text}, plus {@code listVersion} (the word list version the platform screened with,
 * optional). A bad field is a keyed 422 refusal naming it.
 */
final class HeldIngest implements IngestHandler {
    static final String TYPE = "message.held";

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
    public IngestNote applyNoting(Handle handle, Event event) {
        IngestPayload p = IngestPayload.of(event.payload());
        String roomId = RoomPayloads.roomId(p);
        String messageId = RoomPayloads.id(p, "messageId");
        String userId = RoomPayloads.id(p, "userId");
        String nickname = RoomPayloads.name(p, "nickname");
        String text = RoomPayloads.messageText(p);
        Long listVersion = p.has("listVersion") ? p.wholeNumber("listVersion", 0, Long.MAX_VALUE, null) : null;
        return held.hold(handle, roomId, messageId, userId, nickname, text, listVersion, event.occurredAt());
    }
}
