package dev.moddesk.contract.rooms;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The open user reports about one target in one room, as one row of the report queue: 50 reports of one message are one
 * group with {@code count} 50. {@code targetId} is the message id (MESSAGE), the user id (USER) or the room id (ROOM);
 * {@code messageSeq} the message's sequence number in the room when the server found it in the room's retained window
 * as the report arrived (null: not found); {@code messageText} the latest snapshot the platform sent of a reported
 * message; {@code targetUserId} the reported user or the message's author when known; {@code reasons} how many reports
 * gave each category; {@code latest} the newest reports (at most five).
 */
public record ReportGroup(String roomId, String roomTitle, ReportTarget targetKind, String targetId, String messageId,
                          Long messageSeq, String messageText, String targetUserId, String targetNickname, long count,
                          Map<ReportReason, Long> reasons, Instant firstAt, Instant lastAt, List<Report> latest) {
    public ReportGroup {
        reasons = reasons == null ? Map.of() : Map.copyOf(reasons);
        latest = latest == null ? List.of() : List.copyOf(latest);
    }

    /** One report as received: who reported, the category and their own words. */
    public record Report(String reportId, String reporterId, ReportReason reason, String text, Instant at) {
    }
}
