package dev.moddesk.server.rooms.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.moddesk.contract.Role;
import dev.moddesk.contract.platform.ActionFeedPage;
import dev.moddesk.contract.platform.CreatePlatformKeyRequest;
import dev.moddesk.contract.platform.CreatedPlatformKey;
import dev.moddesk.contract.platform.FeedAction;
import dev.moddesk.contract.platform.IngestBatch;
import dev.moddesk.contract.platform.IngestBatchResult;
import dev.moddesk.contract.platform.IngestEvent;
import dev.moddesk.contract.platform.IngestOutcome;
import dev.moddesk.contract.platform.IngestStatus;
import dev.moddesk.contract.rooms.ReportDecision;
import dev.moddesk.contract.rooms.ReportDismissReason;
import dev.moddesk.contract.rooms.ReportDismissRequest;
import dev.moddesk.contract.rooms.ReportGroup;
import dev.moddesk.contract.rooms.ReportReason;
import dev.moddesk.contract.rooms.ReportTarget;
import dev.moddesk.contract.rooms.RoomActionRequest;
import dev.moddesk.contract.rooms.RoomActionResult;
import dev.moddesk.contract.rooms.RoomMessage;
import dev.moddesk.contract.rooms.RoomSummary;
import dev.moddesk.server.rooms.bus.RoomBuses;
import dev.moddesk.server.testing.Backend;
import dev.moddesk.server.testing.MutableClock;
import dev.moddesk.server.testing.OpenApiContract;
import dev.moddesk.server.testing.TestClient;
import dev.moddesk.server.testing.TestServer;
import dev.moddesk.server.testing.TestServers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * User reports over real HTTP on H2 and PostgreSQL: ingest (idempotent, hostile payloads refused), the wall's order
 * and count, the queue grouped per target with filters, a room action resolving them, dismissal with a reason
 * (Idempotency-Key), the report.resolved feed action and the audit entries; moderators 403.
 */
@ParameterizedClass
@EnumSource(Backend.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportsHttpTest {

    private static final String HOSTILE = "<script>alert(1)</script>' OR 1=1 --\u202e 你好";

    @Parameter
    Backend backend;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T08:00:00Z"));
    private final AtomicLong ids = new AtomicLong();
    private TestServer server;
    private OpenApiContract contract;
    private TestClient ops;
    private TestClient platform;
    private long feedCursor;

    @BeforeParameterizedClassInvocation
    void start(Backend backend) {
        feedCursor = 0;
        server = TestServers.start(backend, config -> config.withClock(clock), List.of());
        contract = new OpenApiContract(server);
        ops = server.as(Role.OPS);
        CreatedPlatformKey key = server.as(Role.ADMIN).post("/api/v1/platform/keys",
                new CreatePlatformKeyRequest("reports test")).as(CreatedPlatformKey.class);
        platform = server.client().withToken(key.key());
        feed();
    }

    @AfterParameterizedClassInvocation
    void stop() {
        server.close();
    }

    private IngestEvent event(String type, Map<String, Object> payload) {
        return new IngestEvent("ev-" + UUID.randomUUID() + "-" + ids.incrementAndGet(), type, clock.instant(), payload);
    }

    private List<IngestOutcome> send(List<IngestEvent> events) {
        TestClient.Response r = platform.post("/api/v1/platform/events", new IngestBatch(events));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.as(IngestBatchResult.class).outcomes();
    }

    private void apply(IngestEvent... events) {
        assertThat(send(List.of(events))).extracting(IngestOutcome::status).containsOnly(IngestStatus.APPLIED);
    }

    private String room() {
        String room = "r-" + UUID.randomUUID();
        apply(event("room.opened", Map.of("roomId", room, "kind", "FRIENDS", "title", "夜聊", "hostId", "h1",
                "hostName", "主播", "city", "成都")));
        return room;
    }

    private Map<String, Object> messageReport(String room, String messageId, String author, ReportReason reason) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("reportId", "rep-" + UUID.randomUUID());
        p.put("roomId", room);
        p.put("targetKind", "MESSAGE");
        p.put("messageId", messageId);
        p.put("messageText", "加我微信 " + HOSTILE);
        p.put("targetUserId", author);
        p.put("targetNickname", "小坏");
        p.put("reporterId", "reporter-" + ids.incrementAndGet());
        p.put("reason", reason.name());
        p.put("text", "他在刷广告 " + HOSTILE);
        return p;
    }

    private Map<String, Object> userReport(String room, String userId) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("reportId", "rep-" + UUID.randomUUID());
        p.put("roomId", room);
        p.put("targetKind", "USER");
        p.put("targetUserId", userId);
        p.put("reporterId", "reporter-" + ids.incrementAndGet());
        p.put("reason", "HARASSMENT");
        return p;
    }

    private List<ReportGroup> queue(String query) {
        TestClient.Response r = ops.get(ReportsFeature.BASE + query);
        contract.check("GET", ReportsFeature.BASE, r);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.as(new TypeReference<List<ReportGroup>>() { });
    }

    private long wallReports(String room) {
        return ops.get("/api/v1/rooms").as(new TypeReference<List<RoomSummary>>() { }).stream()
                .filter(s -> s.roomId().equals(room)).findFirst().orElseThrow().reports();
    }

    private List<FeedAction> feed() {
        List<FeedAction> all = new ArrayList<>();
        while (true) {
            ActionFeedPage page = platform.get("/api/v1/platform/actions?limit=500&after=" + feedCursor)
                    .as(new TypeReference<ActionFeedPage>() { });
            all.addAll(page.items());
            if (page.items().isEmpty()) {
                return all;
            }
            feedCursor = page.nextCursor();
        }
    }

    private TestClient.Response dismiss(TestClient client, String key, ReportDismissRequest request) {
        TestClient.Response r = client.send("POST", ReportsFeature.BASE + "/dismiss", "application/json",
                TestClient.json(request), key == null ? Map.of() : Map.of("Idempotency-Key", key));
        contract.check("POST", ReportsFeature.BASE + "/dismiss", r);
        return r;
    }

    private RoomActionResult act(String room, RoomActionRequest request) {
        TestClient.Response r = ops.send("POST", "/api/v1/rooms/" + room + "/actions", "application/json",
                TestClient.json(request), Map.of("Idempotency-Key", UUID.randomUUID().toString()));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.as(RoomActionResult.class);
    }

    @Test
    void fiftyReportsOfOneMessageAreOneGroupAndRaiseTheRoomOnTheWall() {
        String quiet = room();
        String loud = room();
        apply(event("report.created", userReport(quiet, "u-2")));
        List<IngestEvent> fifty = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            fifty.add(event("report.created", messageReport(loud, "m-1", "u-1",
                    i % 5 == 0 ? ReportReason.FRAUD : ReportReason.SPAM)));
        }
        apply(fifty.toArray(IngestEvent[]::new));

        assertThat(wallReports(loud)).isEqualTo(50);
        assertThat(wallReports(quiet)).isEqualTo(1);
        List<String> wall = ops.get("/api/v1/rooms").as(new TypeReference<List<RoomSummary>>() { }).stream()
                .map(RoomSummary::roomId).filter(r -> r.equals(loud) || r.equals(quiet)).toList();
        assertThat(wall).containsExactly(loud, quiet);

        List<ReportGroup> groups = queue("?room=" + loud);
        assertThat(groups).hasSize(1);
        ReportGroup g = groups.getFirst();
        assertThat(g.count()).isEqualTo(50);
        assertThat(g.targetKind()).isEqualTo(ReportTarget.MESSAGE);
        assertThat(g.targetId()).isEqualTo("m-1");
        assertThat(g.messageText()).isEqualTo("加我微信 " + HOSTILE);
        assertThat(g.targetUserId()).isEqualTo("u-1");
        assertThat(g.roomTitle()).isEqualTo("夜聊");
        assertThat(g.reasons()).containsEntry(ReportReason.SPAM, 40L).containsEntry(ReportReason.FRAUD, 10L);
        assertThat(g.latest()).hasSize(5).allSatisfy(r -> assertThat(r.text()).isEqualTo("他在刷广告 " + HOSTILE));

        assertThat(queue("?room=" + loud + "&reason=FRAUD").getFirst().count()).isEqualTo(10);
        assertThat(queue("?room=" + quiet + "&target=USER")).extracting(ReportGroup::targetId).containsExactly("u-2");
        assertThat(queue("?room=" + quiet + "&target=MESSAGE")).isEmpty();
        assertThat(ops.get(ReportsFeature.BASE + "?reason=BORING").status()).isEqualTo(400);
        assertThat(ops.get(ReportsFeature.BASE + "?target=CIRCLE").status()).isEqualTo(400);
    }

    @Test
    void aReportedMessageIsPlacedByItsSequenceNumberWhileTheRoomsWindowHasIt() {
        String room = room();
        List<IngestEvent> lines = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            lines.add(event("room.message", Map.of("roomId", room, "messageId", "line-" + i, "userId", "u-" + i,
                    "nickname", "用户" + i, "text", "第" + i + "条")));
        }
        apply(lines.toArray(IngestEvent[]::new));
        long second = RoomBuses.of(server.server().services()).replay(room, 0, 10).events().stream()
                .filter(e -> e.payload() instanceof RoomMessage m && m.messageId().equals("line-2")).findFirst()
                .orElseThrow().seq();
        apply(event("report.created", messageReport(room, "line-2", "u-2", ReportReason.SPAM)),
                event("report.created", messageReport(room, "never-seen", "u-9", ReportReason.SPAM)));

        List<ReportGroup> groups = queue("?room=" + room);
        assertThat(groups).filteredOn(g -> g.targetId().equals("line-2")).singleElement()
                .satisfies(g -> assertThat(g.messageSeq()).isEqualTo(second));
        assertThat(groups).filteredOn(g -> g.targetId().equals("never-seen")).singleElement()
                .satisfies(g -> assertThat(g.messageSeq()).isNull());
    }

    @Test
    void theSameEventOrReportIdAgainAddsNothingAndHostilePayloadsAreRefusedByField() {
        String room = room();
        Map<String, Object> payload = messageReport(room, "m-9", "u-9", ReportReason.SPAM);
        IngestEvent first = event("report.created", payload);
        apply(first);
        assertThat(send(List.of(first))).extracting(IngestOutcome::status).containsExactly(IngestStatus.DUPLICATE);
        IngestOutcome again = send(List.of(event("report.created", payload))).getFirst();
        assertThat(again.status()).isEqualTo(IngestStatus.APPLIED);
        assertThat(wallReports(room)).isEqualTo(1);

        Map<String, Object> control = new LinkedHashMap<>(payload);
        control.put("reportId", "bad\u0000id");
        Map<String, Object> kind = new LinkedHashMap<>(payload);
        kind.put("reportId", "rep-" + UUID.randomUUID());
        kind.put("targetKind", "CIRCLE");
        Map<String, Object> unknownRoom = new LinkedHashMap<>(payload);
        unknownRoom.put("reportId", "rep-" + UUID.randomUUID());
        unknownRoom.put("roomId", "no-such-room");
        Map<String, Object> noUser = userReport(room, "u");
        noUser.remove("targetUserId");
        List<IngestOutcome> refused = send(List.of(event("report.created", control), event("report.created", kind),
                event("report.created", unknownRoom), event("report.created", noUser)));
        assertThat(refused).extracting(IngestOutcome::status).containsOnly(IngestStatus.REJECTED);
        assertThat(refused).extracting(o -> o.problem().errors().getFirst().field())
                .containsExactly("payload.reportId", "payload.targetKind", "payload.roomId", "payload.targetUserId");
        assertThat(wallReports(room)).isEqualTo(1);
    }

    @Test
    void deletingTheReportedMessageResolvesItsReportsAndTellsThePlatform() {
        String room = room();
        apply(event("report.created", messageReport(room, "m-1", "u-1", ReportReason.SPAM)),
                event("report.created", messageReport(room, "m-1", "u-1", ReportReason.SPAM)),
                event("report.created", messageReport(room, "m-2", "u-3", ReportReason.SPAM)));
        feed();

        RoomActionResult deleted = act(room, new RoomActionRequest("message.delete", "m-1", "广告", Map.of(), null));

        assertThat(queue("?room=" + room)).extracting(ReportGroup::targetId).containsExactly("m-2");
        assertThat(wallReports(room)).isEqualTo(1);
        List<FeedAction> out = feed();
        assertThat(out).extracting(FeedAction::type).containsExactly("room.message.delete", "report.resolved");
        Map<String, Object> payload = out.get(1).payload();
        assertThat(payload).containsEntry("outcome", "RESOLVED").containsEntry("reporterOutcome", "ACTION_TAKEN")
                .containsEntry("actionId", deleted.action().actionId()).containsEntry("action", "message.delete")
                .containsEntry("targetKind", "MESSAGE").containsEntry("targetId", "m-1").containsEntry("room", room);
        assertThat((List<?>) payload.get("reports")).hasSize(2);
        assertThat(auditCount("room.report.resolve", "m-1")).isEqualTo(1);
    }

    @Test
    void mutingAUserResolvesTheReportsAboutThemAndTheirMessagesInThatRoomOnly() {
        String room = room();
        String elsewhere = room();
        apply(event("report.created", userReport(room, "u-7")),
                event("report.created", messageReport(room, "m-7", "u-7", ReportReason.HARASSMENT)),
                event("report.created", userReport(elsewhere, "u-7")));
        act(room, new RoomActionRequest("user.mute", "u-7", null, Map.of("minutes", "10"), null));
        assertThat(queue("?room=" + room)).isEmpty();
        assertThat(wallReports(room)).isZero();
        assertThat(queue("?room=" + elsewhere)).hasSize(1);
    }

    @Test
    void dismissingTakesAReasonOncePerKeyAndGoesOutOnTheFeed() {
        String room = room();
        apply(event("report.created", userReport(room, "u-5")), event("report.created", userReport(room, "u-5")));
        feed();
        ReportDismissRequest request = new ReportDismissRequest(room, ReportTarget.USER, "u-5",
                ReportDismissReason.NO_VIOLATION, "看过录像，正常 " + HOSTILE);
        String key = UUID.randomUUID().toString();

        TestClient.Response first = dismiss(ops, key, request);
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        ReportDecision decision = first.as(ReportDecision.class);
        assertThat(decision.outcome()).isEqualTo("DISMISSED");
        assertThat(decision.reports()).isEqualTo(2);
        assertThat(decision.reporterOutcome()).isEqualTo("NO_VIOLATION_FOUND");
        assertThat(decision.staffName()).isEqualTo("t-ops");
        assertThat(queue("?room=" + room)).isEmpty();
        assertThat(wallReports(room)).isZero();

        TestClient.Response replay = dismiss(ops, key, request);
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.as(ReportDecision.class)).isEqualTo(decision);
        List<FeedAction> out = feed();
        assertThat(out).extracting(FeedAction::type).containsExactly("report.resolved");
        assertThat(out.getFirst().payload()).containsEntry("outcome", "DISMISSED")
                .containsEntry("reason", "NO_VIOLATION").doesNotContainKey("note");
        assertThat(auditCount("room.report.dismiss", "u-5")).isEqualTo(1);

        TestClient.Response late = dismiss(ops, UUID.randomUUID().toString(), request);
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.problem().type()).endsWith("/conflict");
        TestClient.Response reused = dismiss(ops, key, new ReportDismissRequest(room, ReportTarget.USER, "u-5",
                ReportDismissReason.DUPLICATE, null));
        assertThat(reused.status()).isEqualTo(422);
        assertThat(dismiss(ops, null, request).status()).isEqualTo(400);
        TestClient.Response invalid = dismiss(ops, UUID.randomUUID().toString(),
                new ReportDismissRequest("bad\u0007room", null, "", null, "x".repeat(501)));
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.problem().errors()).extracting(e -> e.field())
                .containsExactly("roomId", "targetKind", "targetId", "reason", "note");
    }

    @Test
    void moderatorsGet403() {
        TestClient moderator = server.as(Role.MODERATOR);
        assertThat(moderator.get(ReportsFeature.BASE).status()).isEqualTo(403);
        assertThat(dismiss(moderator, "k", new ReportDismissRequest("r", ReportTarget.ROOM, "r",
                ReportDismissReason.NO_VIOLATION, null)).status()).isEqualTo(403);
    }

    private long auditCount(String action, String targetId) {
        return server.server().services().database().jdbi().withHandle(h -> h.createQuery(
                        "SELECT COUNT(*) FROM audit_log WHERE action = :a AND target_id = :t")
                .bind("a", action).bind("t", targetId).mapTo(Long.class).one());
    }
}
