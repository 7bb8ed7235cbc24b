package dev.moddesk.server.rooms.appeals;

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
import dev.moddesk.contract.rooms.Appeal;
import dev.moddesk.contract.rooms.AppealDecisionRequest;
import dev.moddesk.contract.rooms.RoomActionRequest;
import dev.moddesk.contract.rooms.RoomActionResult;
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
 * Appeals over real HTTP on H2 and PostgreSQL: appeal.created queued next to its sanction and evidence (refusals keyed
 * by field), uphold and lift (the lift is the sanction's undo), once per Idempotency-Key, on the feed as
 * appeal.decided; an appeal about a sanction already lifted has a clear keyed outcome; moderators 403.
 */
@ParameterizedClass
@EnumSource(Backend.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AppealsHttpTest {

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
                new CreatePlatformKeyRequest("appeals test")).as(CreatedPlatformKey.class);
        platform = server.client().withToken(key.key());
    }

    @AfterParameterizedClassInvocation
    void stop() {
        server.close();
    }

    private List<IngestOutcome> send(String type, Map<String, Object> payload) {
        TestClient.Response r = platform.post("/api/v1/platform/events", new IngestBatch(List.of(new IngestEvent(
                "ev-" + UUID.randomUUID() + "-" + ids.incrementAndGet(), type, clock.instant(), payload))));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.as(IngestBatchResult.class).outcomes();
    }

    private IngestOutcome appeal(String appealId, String userId, String actionId) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("appealId", appealId);
        p.put("userId", userId);
        p.put("actionId", actionId);
        p.put("text", "我没有发广告，是误封 " + HOSTILE);
        return send("appeal.created", p).getFirst();
    }

    private String room() {
        String room = "r-" + UUID.randomUUID();
        assertThat(send("room.opened", Map.of("roomId", room, "kind", "FRIENDS", "title", "夜聊", "hostId", "h1",
                "hostName", "主播", "city", "成都"))).extracting(IngestOutcome::status)
                .containsOnly(IngestStatus.APPLIED);
        return room;
    }

    private void line(String room, String messageId, String userId, String text) {
        send("room.message", Map.of("roomId", room, "messageId", messageId, "userId", userId, "nickname", "阿杰",
                "text", text));
    }

    private RoomActionResult act(String room, RoomActionRequest request) {
        TestClient.Response r = ops.send("POST", "/api/v1/rooms/" + room + "/actions", "application/json",
                TestClient.json(request), Map.of("Idempotency-Key", UUID.randomUUID().toString()));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.as(RoomActionResult.class);
    }

    private List<Appeal> appeals(String status) {
        TestClient.Response r = ops.get(AppealsFeature.BASE + (status == null ? "" : "?status=" + status));
        contract.check("GET", AppealsFeature.BASE, r);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.as(new TypeReference<List<Appeal>>() { });
    }

    private Appeal open(String appealId) {
        return appeals(null).stream().filter(a -> a.appealId().equals(appealId)).findFirst().orElseThrow();
    }

    private TestClient.Response decide(TestClient client, long id, String decision, String key, String note) {
        String path = AppealsFeature.BASE + "/" + id + "/" + decision;
        TestClient.Response r = client.send("POST", path, "application/json",
                TestClient.json(new AppealDecisionRequest(note)), key == null ? Map.of() : Map.of("Idempotency-Key", key));
        contract.check("POST", AppealsFeature.BASE + "/{id}/" + decision, r);
        return r;
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

    @Test
    void anAppealSitsNextToItsSanctionAndEvidenceAndLiftingItUnmutesOnce() {
        String room = room();
        line(room, "m1", "u-1", "加我 vx 12345");
        line(room, "m2", "u-9", "别理他");
        RoomActionResult mute = act(room, new RoomActionRequest("user.mute", "u-1", "广告", Map.of("minutes", "60"),
                null));
        String appealId = "ap-" + UUID.randomUUID();
        assertThat(appeal(appealId, "u-1", mute.action().actionId()).status()).isEqualTo(IngestStatus.APPLIED);

        Appeal shown = open(appealId);
        assertThat(shown.status()).isEqualTo("OPEN");
        assertThat(shown.text()).isEqualTo("我没有发广告，是误封 " + HOSTILE);
        assertThat(shown.action().action()).isEqualTo("user.mute");
        assertThat(shown.action().reason()).isEqualTo("广告");
        assertThat(shown.roomTitle()).isEqualTo("夜聊");
        assertThat(shown.lifted()).isFalse();
        assertThat(shown.userLines()).extracting(Appeal.EvidenceLine::text).containsExactly("加我 vx 12345");
        assertThat(shown.roomLines()).extracting(Appeal.EvidenceLine::messageId).containsExactly("m1", "m2");
        feed();

        String key = UUID.randomUUID().toString();
        TestClient.Response lifted = decide(ops, shown.id(), "lift", key, "看过，误判");
        assertThat(lifted.status()).as(lifted.toString()).isEqualTo(200);
        Appeal decided = lifted.as(Appeal.class);
        assertThat(decided.status()).isEqualTo("LIFTED");
        assertThat(decided.lifted()).isTrue();
        assertThat(decided.undoActionId()).isNotNull();
        assertThat(decided.decidedBy()).isEqualTo("t-ops");
        assertThat(decide(ops, shown.id(), "lift", key, "看过，误判").as(Appeal.class)).isEqualTo(decided);

        List<FeedAction> out = feed();
        assertThat(out).extracting(FeedAction::type).containsExactly("room.user.unmute", "appeal.decided");
        assertThat(out.get(1).payload()).containsEntry("outcome", "LIFTED").containsEntry("userId", "u-1")
                .containsEntry("actionId", mute.action().actionId())
                .containsEntry("undoActionId", decided.undoActionId()).doesNotContainKey("note");

        TestClient.Response again = decide(ops, shown.id(), "uphold", UUID.randomUUID().toString(), null);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.problem().detail()).contains("already LIFTED");
        assertThat(decide(ops, shown.id(), "lift", key, "another note").status()).isEqualTo(422);
        assertThat(decide(ops, shown.id(), "lift", null, null).status()).isEqualTo(400);
        assertThat(appeals("LIFTED")).extracting(Appeal::appealId).contains(appealId);
        assertThat(appeals(null)).extracting(Appeal::appealId).doesNotContain(appealId);
    }

    @Test
    void upholdingKeepsTheSanctionAndAWarningCannotBeLifted() {
        String room = room();
        RoomActionResult warn = act(room, new RoomActionRequest("user.warn", "u-2", "辱骂", Map.of(), null));
        String appealId = "ap-" + UUID.randomUUID();
        appeal(appealId, "u-2", warn.action().actionId());
        Appeal a = open(appealId);
        TestClient.Response cannot = decide(ops, a.id(), "lift", UUID.randomUUID().toString(), null);
        assertThat(cannot.status()).isEqualTo(409);
        assertThat(cannot.problem().detail()).contains("user.warn cannot be undone");
        feed();
        TestClient.Response upheld = decide(ops, a.id(), "uphold", UUID.randomUUID().toString(), "证据充分");
        assertThat(upheld.status()).isEqualTo(200);
        assertThat(upheld.as(Appeal.class).status()).isEqualTo("UPHELD");
        assertThat(feed()).singleElement().satisfies(f -> {
            assertThat(f.type()).isEqualTo("appeal.decided");
            assertThat(f.payload()).containsEntry("outcome", "UPHELD");
        });
    }

    @Test
    void appealsForUnknownOtherOrAlreadyLiftedSanctionsHaveAClearKeyedOutcome() {
        String room = room();
        RoomActionResult kick = act(room, new RoomActionRequest("user.kick", "u-3", "骚扰", Map.of(), null));
        String appealId = "ap-" + UUID.randomUUID();
        appeal(appealId, "u-3", kick.action().actionId());
        assertThat(appeal(appealId, "u-3", kick.action().actionId()).note()).contains("received before");

        RoomActionResult liftedByHand = act(room, new RoomActionRequest("user.kick.lift", null, "lifted", Map.of(),
                kick.action().actionId()));
        TestClient.Response late = decide(ops, open(appealId).id(), "uphold", UUID.randomUUID().toString(), null);
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.problem().detail()).contains("already lifted");
        IngestOutcome afterLift = appeal("ap-" + UUID.randomUUID(), "u-3", kick.action().actionId());
        assertThat(afterLift.status()).isEqualTo(IngestStatus.APPLIED);
        assertThat(afterLift.note()).contains("already lifted");

        IngestOutcome unknown = appeal("ap-" + UUID.randomUUID(), "u-3", "987654321");
        IngestOutcome garbage = appeal("ap-" + UUID.randomUUID(), "u-3", "1 OR 1=1");
        IngestOutcome someoneElse = appeal("ap-" + UUID.randomUUID(), "u-4", kick.action().actionId());
        IngestOutcome undo = appeal("ap-" + UUID.randomUUID(), "u-3", liftedByHand.action().actionId());
        assertThat(List.of(unknown, garbage, someoneElse, undo)).extracting(IngestOutcome::status)
                .containsOnly(IngestStatus.REJECTED);
        assertThat(List.of(unknown, garbage, someoneElse, undo))
                .extracting(o -> o.problem().errors().getFirst().field())
                .containsExactly("payload.actionId", "payload.actionId", "payload.userId", "payload.actionId");
        assertThat(ops.get(AppealsFeature.BASE + "?status=MAYBE").status()).isEqualTo(400);
    }

    @Test
    void moderatorsGet403() {
        TestClient moderator = server.as(Role.MODERATOR);
        assertThat(moderator.get(AppealsFeature.BASE).status()).isEqualTo(403);
        assertThat(decide(moderator, 1, "lift", "k", null).status()).isEqualTo(403);
        assertThat(decide(moderator, 1, "uphold", "k", null).status()).isEqualTo(403);
    }
}
