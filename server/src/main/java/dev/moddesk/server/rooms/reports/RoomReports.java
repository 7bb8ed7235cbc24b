package dev.moddesk.server.rooms.reports;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.moddesk.contract.ProblemType;
import dev.moddesk.contract.rooms.ReportDecision;
import dev.moddesk.contract.rooms.ReportDismissReason;
import dev.moddesk.contract.rooms.ReportDismissRequest;
import dev.moddesk.contract.rooms.ReportGroup;
import dev.moddesk.contract.rooms.ReportReason;
import dev.moddesk.contract.rooms.ReportTarget;
import dev.moddesk.server.core.AuditLog;
import dev.moddesk.server.core.Database;
import dev.moddesk.server.core.Services;
import dev.moddesk.server.platform.PlatformGateway;
import dev.moddesk.server.core.Json;
import dev.moddesk.server.core.Principal;
import dev.moddesk.server.core.ProblemException;
import dev.moddesk.server.core.Sql;
import dev.moddesk.server.platform.ActionPublisher;
import dev.moddesk.server.platform.IngestNote;
import dev.moddesk.server.rooms.actions.ActionFollower;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * User reports (举报). The platform's {@code report.created} stores a report (once per report id) and raises its
 * room's open-report count (the wall's attention order). Staff read the open reports grouped per target; a room action
 * on a reported target resolves the target's reports in the action's own transaction ({@link ActionFollower}: a
 * deleted message its MESSAGE reports, a mute, kick or warning the USER reports and the reports of that user's
 * messages in the room, closing the room its ROOM reports); staff dismiss the rest with a reason, once per
 * Idempotency-Key. Each settlement: the reports marked, the room's count lowered, an audit entry, and a
 * {@code report.resolved} feed action naming the reports and what the reporters are told.
 */
public final class RoomReports implements ActionFollower {

    static final int MAX_GROUPS = 200;
    static final int LATEST = 5;
    static final String RESOLVED = "RESOLVED";
    static final String DISMISSED = "DISMISSED";
    static final String FEED_TYPE = "report.resolved";

    private final Jdbi jdbi;
    private final AuditLog audit;
    private final ActionPublisher feed;
    private final Clock clock;
    private final RoomReportStore store = new RoomReportStore();

    private static final Map<Database, RoomReports> BY_DATABASE =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    /** The server's one report book, shared by the reports routes and room actions (like {@code RoomBuses}). */
    public static RoomReports of(Services services) {
        return BY_DATABASE.computeIfAbsent(services.database(), d -> new RoomReports(d.jdbi(), services.auditLog(),
                PlatformGateway.of(services).actions(), services.clock()));
    }

    public RoomReports(Jdbi jdbi, AuditLog audit, ActionPublisher feed, Clock clock) {
        this.jdbi = jdbi;
        this.audit = audit;
        this.feed = feed;
        this.clock = clock;
    }

    /** Stores a report in the ingest transaction; a note when it was received before. */
    IngestNote receive(Handle h, RoomReportStore.NewReport report) {
        if (store.exists(h, report.reportId())) {
            return IngestNote.of("rooms.reports.ingest.again", report.reportId());
        }
        store.insert(h, report);
        store.addToRoomCount(h, report.roomId(), 1);
        return null;
    }

    /** Whether {@code roomId} is a room ModDesk knows (reports about unknown rooms are refused). */
    boolean knownRoom(Handle h, String roomId) {
        return store.roomTitle(h, roomId).isPresent();
    }

    /** Open report groups (at most 200), the most reported first; null filters are off. */
    public List<ReportGroup> open(String roomId, ReportReason reason, ReportTarget kind) {
        return jdbi.withHandle(h -> {
            List<ReportGroup> out = new ArrayList<>();
            Map<String, String> titles = new LinkedHashMap<>();
            for (var g : store.openGroups(h, roomId, reason, kind, MAX_GROUPS)) {
                List<RoomReportStore.Row> rows = store.reportsOf(h, g.roomId(), g.kind(), g.targetId(), false);
                if (reason != null) {
                    rows = rows.stream().filter(r -> r.reason() == reason).toList();
                }
                Map<ReportReason, Long> reasons = new EnumMap<>(ReportReason.class);
                String text = null;
                String user = null;
                String nickname = null;
                String messageId = null;
                Long messageSeq = null;
                for (var r : rows) {
                    messageSeq = messageSeq == null ? r.messageSeq() : messageSeq;
                    reasons.merge(r.reason(), 1L, Long::sum);
                    text = text == null ? r.messageText() : text;
                    user = user == null ? r.targetUserId() : user;
                    nickname = nickname == null ? r.targetNickname() : nickname;
                    messageId = messageId == null ? r.messageId() : messageId;
                }
                String title = titles.computeIfAbsent(g.roomId(), id -> store.roomTitle(h, id).orElse(null));
                out.add(new ReportGroup(g.roomId(), title, g.kind(), g.targetId(), messageId, messageSeq, text, user,
                        nickname,
                        g.count(), reasons, g.firstAt(), g.lastAt(),
                        rows.stream().limit(LATEST).map(RoomReportStore.Row::report).toList()));
            }
            return out;
        });
    }

    /** Dismisses a target's open reports; the same key and body again answer the stored decision. */
    public ReportDecision dismiss(Principal actor, String key, ReportDismissRequest request) {
        ReportRules.requireKey(key);
        ReportRules.check(request);
        String hash = hash(request);
        try {
            return jdbi.inTransaction(h -> dismissOnce(h, actor, key, hash, request));
        } catch (JdbiException e) {
            if (!Sql.isUniqueViolation(e)) {
                throw e;
            }
            return jdbi.inTransaction(h -> dismissOnce(h, actor, key, hash, request));
        }
    }

    private ReportDecision dismissOnce(Handle h, Principal actor, String key, String hash,
                                       ReportDismissRequest request) {
        var stored = store.decisionByKey(h, actor.staffId(), key);
        if (stored.isPresent()) {
            if (!stored.get().requestHash().equals(hash) || stored.get().responseJson() == null) {
                throw ProblemException.keyed(ProblemType.IDEMPOTENCY_KEY_REUSED, "rooms.actions.keyReused", key);
            }
            return read(stored.get().responseJson());
        }
        List<RoomReportStore.Row> rows = store.reportsOf(h, request.roomId(), request.targetKind(),
                request.targetId(), true);
        if (rows.isEmpty()) {
            throw ProblemException.keyed(ProblemType.CONFLICT, "rooms.reports.nothingOpen",
                    ReportRules.shortened(request.targetId()));
        }
        return settle(h, actor, rows, request.roomId(), request.targetKind(), request.targetId(), DISMISSED, null,
                null, request.reason(), request.note(), key, hash);
    }

    @Override
    public void acted(Handle h, Principal actor, String roomId, String action, String targetId, String targetUserId,
                      long actionId) {
        List<RoomReportStore.Row> rows = switch (action) {
            case "message.delete" -> store.reportsOf(h, roomId, ReportTarget.MESSAGE, targetId, true);
            case "user.mute", "user.kick", "user.warn" -> store.openAboutUser(h, roomId, targetId);
            case "room.close" -> store.reportsOf(h, roomId, ReportTarget.ROOM, roomId, true);
            default -> List.of();
        };
        Map<String, List<RoomReportStore.Row>> groups = new LinkedHashMap<>();
        for (var r : rows) {
            groups.computeIfAbsent(r.kind() + "\u0000" + r.targetId(), k -> new ArrayList<>()).add(r);
        }
        for (var group : groups.values()) {
            var first = group.getFirst();
            settle(h, actor, group, roomId, first.kind(), first.targetId(), RESOLVED, actionId, action, null, null,
                    null, null);
        }
    }

    private ReportDecision settle(Handle h, Principal actor, List<RoomReportStore.Row> rows, String roomId,
                                  ReportTarget kind, String targetId, String outcome, Long actionId, String action,
                                  ReportDismissReason reason, String note, String key, String hash) {
        Instant now = clock.instant();
        long id = store.insertDecision(h, roomId, kind, targetId, outcome, actionId,
                reason == null ? null : reason.name(), note, actor.staffId(), actor.username(), key, hash, now);
        int settled = store.settle(h, rows.stream().map(RoomReportStore.Row::id).toList(), outcome, id);
        store.addToRoomCount(h, roomId, -settled);
        String reporterOutcome = RESOLVED.equals(outcome) ? "ACTION_TAKEN" : "NO_VIOLATION_FOUND";
        String targetType = kind.name().toLowerCase(Locale.ROOT);

        Map<String, Object> after = new LinkedHashMap<>();
        after.put("room", roomId);
        after.put("outcome", outcome);
        after.put("actionId", actionId == null ? null : Long.toString(actionId));
        after.put("reason", reason);
        after.put("reports", settled);
        audit.record(h, AuditLog.Entry.by(actor, RESOLVED.equals(outcome) ? "room.report.resolve"
                : "room.report.dismiss", targetType, targetId, null, after, note));

        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("decisionId", id);
        payload.put("room", roomId);
        payload.put("targetKind", kind.name());
        payload.put("targetId", targetId);
        payload.put("outcome", outcome);
        payload.put("actionId", actionId == null ? null : Long.toString(actionId));
        payload.put("action", action);
        payload.put("reason", reason == null ? null : reason.name());
        payload.put("reporterOutcome", reporterOutcome);
        payload.put("reports", rows.stream().map(r -> Map.of("reportId", r.reportId(), "reporterId", r.reporterId()))
                .toList());
        long feedId = feed.publish(h, FEED_TYPE, targetType, targetId, payload);

        ReportDecision decision = new ReportDecision(id, roomId, kind, targetId, outcome,
                actionId == null ? null : Long.toString(actionId), action, reason, note, settled, reporterOutcome,
                actor.username(), now, feedId);
        store.answerDecision(h, id, write(decision));
        return decision;
    }

    private static String hash(ReportDismissRequest request) {
        try {
            String text = Json.mapper().writeValueAsString(request);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String write(ReportDecision decision) {
        try {
            return Json.mapper().writeValueAsString(decision);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ReportDecision read(String json) {
        try {
            return Json.mapper().readValue(json, ReportDecision.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored report decision is unreadable", e);
        }
    }
}
