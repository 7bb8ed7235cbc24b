package dev.moddesk.server.rooms.appeals;

import dev.moddesk.server.platform.IngestHandler;
import dev.moddesk.server.platform.IngestNote;
import dev.moddesk.server.platform.IngestPayload;
import dev.moddesk.server.rooms.RoomPayloads;
import org.jdbi.v3.core.Handle;

/**
 * {@code appeal.created}: a sanctioned user appeals. Payload (hostile input): {@code appealId}, {@code userId},
 * {@code actionId} (the room action's id from the feed), {@code text} (up to 2,000 characters, optional),
 * {@code appealedAt} (optional). An unknown action, one that is no sanction against a user, or one against someone
 * else is refused by field (keyed); one already lifted, or an appeal id received before, is APPLIED with a keyed note
 * and queues nothing.
 */
final class AppealIngest implements IngestHandler {
    static final String TYPE = "appeal.created";
    static final int MAX_TEXT = 2_000;

    private final RoomAppeals appeals;

    AppealIngest(RoomAppeals appeals) {
        this.appeals = appeals;
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
        String appealId = RoomPayloads.id(p, "appealId");
        String userId = RoomPayloads.id(p, "userId");
        String rawAction = RoomPayloads.id(p, "actionId");
        if (!rawAction.matches("[0-9]{1,18}")) {
            throw p.refuse("actionId", "rooms.appeals.ingest.unknownAction");
        }
        String text = p.optionalString("text", MAX_TEXT);
        if (text != null && text.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r')) {
            throw p.refuse("text", "rooms.ingest.controlInText");
        }
        var at = p.instant("appealedAt", event.occurredAt());
        return switch (appeals.receive(handle, appealId, userId, Long.parseLong(rawAction), text, at)) {
            case QUEUED -> null;
            case AGAIN -> IngestNote.of("rooms.appeals.ingest.again", appealId);
            case ALREADY_LIFTED -> IngestNote.of("rooms.appeals.ingest.alreadyLifted", rawAction);
            case UNKNOWN_ACTION -> throw p.refuse("actionId", "rooms.appeals.ingest.unknownAction");
            case NOT_A_SANCTION -> throw p.refuse("actionId", "rooms.appeals.ingest.notASanction");
            case NOT_THEIRS -> throw p.refuse("userId", "rooms.appeals.ingest.notTheirs");
        };
    }
}
