package dev.moddesk.server.rooms.reports;

import dev.moddesk.contract.rooms.ReportReason;
import dev.moddesk.contract.rooms.ReportTarget;
import dev.moddesk.server.platform.IngestHandler;
import dev.moddesk.server.platform.IngestNote;
import dev.moddesk.server.platform.IngestPayload;
import dev.moddesk.server.rooms.RoomPayloads;
import org.jdbi.v3.core.Handle;

/**
 * {@code report.created}: a user reported a message, a user or a room. The payload is hostile input, read like the
 * other room events ({@link RoomPayloads}): {@code reportId}, {@code roomId}, {@code targetKind} (MESSAGE, USER, ROOM),
 * {@code messageId} (MESSAGE), {@code messageText} (optional snapshot), {@code targetUserId} (USER; for MESSAGE the
 * author, optional), {@code targetNickname} (optional), {@code reporterId}, {@code reason} (a {@link ReportReason}),
 * {@code text} (the reporter's words, optional), {@code reportedAt} (optional, else the event's time). A bad field is
 * a keyed 422 refusal naming it; a report id received before is a note, not a second report.
 */
final class ReportIngest implements IngestHandler {
    static final String TYPE = "report.created";
    static final int MAX_MESSAGE = 2_000;
    static final int MAX_TEXT = 1_000;

    private final RoomReports reports;
    private final ReportedMessages messages;

    ReportIngest(RoomReports reports, ReportedMessages messages) {
        this.reports = reports;
        this.messages = messages;
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
        String reportId = RoomPayloads.id(p, "reportId");
        String roomId = RoomPayloads.roomId(p);
        ReportTarget kind = p.oneOf("targetKind", ReportTarget.class);
        String messageId = kind == ReportTarget.MESSAGE ? RoomPayloads.id(p, "messageId") : null;
        String messageText = kind == ReportTarget.MESSAGE ? text(p, "messageText", MAX_MESSAGE) : null;
        String userId = kind == ReportTarget.USER ? RoomPayloads.id(p, "targetUserId")
                : p.has("targetUserId") && kind == ReportTarget.MESSAGE ? RoomPayloads.id(p, "targetUserId") : null;
        String nickname = userId != null && p.has("targetNickname") ? RoomPayloads.name(p, "targetNickname") : null;
        String reporterId = RoomPayloads.id(p, "reporterId");
        ReportReason reason = p.oneOf("reason", ReportReason.class);
        String text = text(p, "text", MAX_TEXT);
        var reportedAt = p.instant("reportedAt", event.occurredAt());
        if (!reports.knownRoom(handle, roomId)) {
            throw p.refuse("roomId", "rooms.ingest.noRoom");
        }
        String targetId = switch (kind) {
            case MESSAGE -> messageId;
            case USER -> userId;
            case ROOM -> roomId;
        };
        Long messageSeq = messageId == null ? null : messages.seqOf(roomId, messageId);
        return reports.receive(handle, new RoomReportStore.NewReport(reportId, roomId, kind, targetId, messageId,
                messageSeq, messageText, userId, nickname, reporterId, reason, text, reportedAt));
    }

    /** Optional free text: line breaks allowed, other control characters refused. */
    private static String text(IngestPayload p, String field, int max) {
        String value = p.optionalString(field, max);
        if (value != null && value.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r')) {
            throw p.refuse(field, "rooms.ingest.controlInText");
        }
        return value;
    }
}
