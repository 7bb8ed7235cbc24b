package dev.moddesk.server.rooms.actions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.moddesk.contract.CreateStaffRequest;
import dev.moddesk.contract.Role;
import dev.moddesk.contract.platform.CreatePlatformKeyRequest;
import dev.moddesk.contract.platform.CreatedPlatformKey;
import dev.moddesk.contract.platform.IngestBatch;
import dev.moddesk.contract.platform.IngestBatchResult;
import dev.moddesk.contract.platform.IngestEvent;
import dev.moddesk.contract.platform.IngestOutcome;
import dev.moddesk.contract.platform.IngestStatus;
import dev.moddesk.contract.review.ApplicantHistory;
import dev.moddesk.contract.review.ApplicantHistory.Infraction;
import dev.moddesk.contract.rooms.HeldMessage;
import dev.moddesk.contract.rooms.RoomActionRequest;
import dev.moddesk.contract.rooms.RoomActionResult;
import dev.moddesk.contract.rooms.WordTermRequest;
import dev.moddesk.server.testing.Backend;
import dev.moddesk.server.testing.MutableClock;
import dev.moddesk.server.testing.OpenApiContract;
import dev.moddesk.server.testing.TestClient;
import dev.moddesk.server.testing.TestServer;
import dev.moddesk.server.testing.TestServers;
import java.time.Duration;
import java.time.Instant;
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
 * Room infractions in circle review's applicant history, over real HTTP on H2 and PostgreSQL: the actions staff took
 * in rooms against the applicant (mute, warn, kick and its lift, a deleted message by its author, a denied held
 * message) with room, reason, who and when; redacted, not hidden, for a moderator outside the room's city.
 */
@ParameterizedClass
@EnumSource(Backend.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoomInfractionsHttpTest {

    private static final String HOSTILE = "<script>alert(1)</script>' OR 1=1 --\u202e 你好";

    @Parameter
    Backend backend;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T08:00:00Z"));
    private final AtomicLong ids = new AtomicLong();
    private TestServer server;
    private OpenApiContract contract;
    private TestClient ops;
    private TestClient admin;
    private TestClient platform;

    @BeforeParameterizedClassInvocation
    void start(Backend backend) {
        server = TestServers.start(backend, config -> config.withClock(clock), List.of());
        contract = new OpenApiContract(server);
        ops = server.as(Role.OPS);
        admin = server.as(Role.ADMIN);
        CreatedPlatformKey key = admin.post("/api/v1/platform/keys", new CreatePlatformKeyRequest("infractions test"))
                .as(CreatedPlatformKey.class);
        platform = server.client().withToken(key.key());
        apply("circle.upserted", Map.of("circleId", "c1", "name", "成都爬山", "city", "成都", "topic", "户外",
                "joinMode", "QUESTIONS", "questions", List.of("为什么加入")));
    }

    @AfterParameterizedClassInvocation
    void stop() {
        server.close();
    }

    private void apply(String type, Map<String, Object> payload) {
        TestClient.Response r = platform.post("/api/v1/platform/events", new IngestBatch(List.of(
                new IngestEvent("ev-" + UUID.randomUUID() + "-" + ids.incrementAndGet(), type, clock.instant(),
                        payload))));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        IngestOutcome outcome = r.as(IngestBatchResult.class).outcomes().getFirst();
        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(IngestStatus.APPLIED);
    }

    private void applicant(String userId) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("applicationId", "a-" + userId);
        payload.put("circleId", "c1");
        payload.put("applicant", Map.of("userId", userId, "nickname", "阿杰"));
        payload.put("answers", List.of(Map.of("position", 1, "text", "周末一起爬山")));
        apply("application.submitted", payload);
    }

    private void room(String roomId, String city) {
        apply("room.opened", Map.of("roomId", roomId, "kind", "FRIENDS", "title", "夜聊 " + city, "hostId", "h1",
                "hostName", "主播", "city", city));
    }

    private void line(String roomId, String messageId, String userId, String text) {
        apply("room.message", Map.of("roomId", roomId, "messageId", messageId, "userId", userId,
                "nickname", HOSTILE, "text", text));
    }

    private RoomActionResult act(String roomId, RoomActionRequest request) {
        TestClient.Response r = ops.send("POST", "/api/v1/rooms/" + roomId + "/actions", "application/json",
                TestClient.json(request), Map.of("Idempotency-Key", UUID.randomUUID().toString()));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.as(RoomActionResult.class);
    }

    private ApplicantHistory history(TestClient reader, String userId) {
        TestClient.Response r = reader.get("/api/v1/review/applicants/" + userId + "/history");
        contract.check("GET", "/api/v1/review/applicants/{userId}/history", r);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.as(ApplicantHistory.class);
    }

    private TestClient moderatorOf(String city) {
        String username = "mod-" + ids.incrementAndGet();
        TestClient.Response created = admin.post("/api/v1/staff",
                new CreateStaffRequest(username, "审核员", TestServer.PASSWORD, Role.MODERATOR, List.of(city)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return server.login(username, TestServer.PASSWORD);
    }

    @Test
    void actionsAgainstTheApplicantInRoomsAppearInTheirHistoryWithRoomReasonWhoAndWhetherLifted() {
        String user = "u-" + UUID.randomUUID();
        String other = "u-other-" + UUID.randomUUID();
        applicant(user);
        String chengdu = "r-cd-" + UUID.randomUUID();
        room(chengdu, "成都");
        line(chengdu, "m1", user, "加我微信 abc");
        line(chengdu, "m2", other, "大家好");
        Instant start = clock.instant();

        act(chengdu, new RoomActionRequest("user.mute", user, "刷屏 " + HOSTILE, Map.of("minutes", "30"), null));
        clock.advance(Duration.ofMinutes(1));
        act(chengdu, new RoomActionRequest("message.delete", "m1", "广告", Map.of(), null));
        clock.advance(Duration.ofMinutes(1));
        RoomActionResult kick = act(chengdu, new RoomActionRequest("user.kick", user, "骚扰", Map.of(), null));
        clock.advance(Duration.ofMinutes(1));
        act(chengdu, new RoomActionRequest("user.kick.lift", null, "误判", Map.of(), kick.action().actionId()));
        clock.advance(Duration.ofMinutes(1));
        act(chengdu, new RoomActionRequest("message.delete", "m2", null, Map.of(), null)); // another user's line
        act(chengdu, new RoomActionRequest("room.slow-mode", null, null, Map.of("seconds", "10"), null));

        List<Infraction> seen = history(ops, user).roomInfractions();
        assertThat(seen).extracting(Infraction::action)
                .containsExactly("user.kick", "message.delete", "user.mute");
        Infraction kicked = seen.getFirst();
        assertThat(kicked.lifted()).isTrue();
        assertThat(kicked.liftedAt()).isEqualTo(start.plus(Duration.ofMinutes(3)));
        assertThat(kicked.reason()).isEqualTo("骚扰");
        Infraction muted = seen.get(2);
        assertThat(muted.lifted()).isFalse();
        assertThat(muted.params()).containsEntry("minutes", "30");
        assertThat(muted.reason()).isEqualTo("刷屏 " + HOSTILE);
        assertThat(muted.roomId()).isEqualTo(chengdu);
        assertThat(muted.roomName()).isEqualTo("夜聊 成都");
        assertThat(muted.roomKind()).isEqualTo("FRIENDS");
        assertThat(muted.city()).isEqualTo("成都");
        assertThat(muted.staffName()).isEqualTo("t-ops");
        assertThat(muted.at()).isEqualTo(start);
        assertThat(muted.redacted()).isFalse();
        assertThat(seen.get(1).reason()).isEqualTo("广告");
    }

    @Test
    void aDeniedHeldMessageCountsWithItsWordCategories() {
        assertThat(ops.post("/api/v1/word-list", new WordTermRequest("加微信", "contact", "HOLD", null)).status())
                .isEqualTo(201);
        String user = "u-" + UUID.randomUUID();
        applicant(user);
        String room = "r-held-" + UUID.randomUUID();
        room(room, "成都");
        apply("message.held", Map.of("roomId", room, "messageId", "h1", "userId", user, "nickname", "阿杰",
                "text", "加微信 领红包"));
        HeldMessage held = ops.get("/api/v1/held-messages?room=" + room)
                .as(new TypeReference<List<HeldMessage>>() { }).getFirst();
        assertThat(ops.post("/api/v1/held-messages/" + held.id() + "/deny", Map.of()).status()).isEqualTo(200);

        Infraction denied = history(ops, user).roomInfractions().getFirst();
        assertThat(denied.action()).isEqualTo("message.deny");
        assertThat(denied.reason()).isEqualTo("contact");
        assertThat(denied.staffName()).isEqualTo("t-ops");
        assertThat(denied.roomName()).isEqualTo("夜聊 成都");
    }

    @Test
    void aModeratorOutsideTheRoomsCitySeesTheInfractionRedactedNotHidden() {
        String user = "u-" + UUID.randomUUID();
        applicant(user);
        String beijing = "r-bj-" + UUID.randomUUID();
        String chengdu = "r-cd-" + UUID.randomUUID();
        room(beijing, "北京");
        room(chengdu, "成都");
        act(beijing, new RoomActionRequest("user.warn", user, "辱骂", Map.of(), null));
        clock.advance(Duration.ofMinutes(1));
        act(chengdu, new RoomActionRequest("user.mute", user, null, Map.of("minutes", "5"), null));

        List<Infraction> scoped = history(moderatorOf("成都"), user).roomInfractions();
        assertThat(scoped).hasSize(2);
        Infraction local = scoped.getFirst();
        assertThat(local.redacted()).isFalse();
        assertThat(local.roomName()).isEqualTo("夜聊 成都");
        Infraction away = scoped.get(1);
        assertThat(away.redacted()).isTrue();
        assertThat(away.action()).isEqualTo("user.warn");
        assertThat(away.city()).isEqualTo("北京");
        assertThat(away.reason()).isEqualTo("辱骂");
        assertThat(away.at()).isNotNull();
        assertThat(away.roomId()).isNull();
        assertThat(away.roomName()).isNull();
        assertThat(away.staffName()).isNull();
        assertThat(history(admin, user).roomInfractions()).noneMatch(Infraction::redacted);
    }

    @Test
    void anApplicantWithoutInfractionsHasAnEmptyList() {
        String user = "u-" + UUID.randomUUID();
        applicant(user);
        assertThat(history(ops, user).roomInfractions()).isEmpty();
    }
}
