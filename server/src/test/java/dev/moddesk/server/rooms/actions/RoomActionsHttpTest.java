package dev.moddesk.server.rooms.actions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.moddesk.contract.Role;
import dev.moddesk.contract.platform.ActionFeedPage;
import dev.moddesk.contract.platform.CreatePlatformKeyRequest;
import dev.moddesk.contract.platform.CreatedPlatformKey;
import dev.moddesk.contract.platform.FeedAction;
import dev.moddesk.contract.rooms.ModerationAction;
import dev.moddesk.contract.rooms.RoomActionRequest;
import dev.moddesk.contract.rooms.RoomActionResult;
import dev.moddesk.contract.rooms.RoomClosed;
import dev.moddesk.contract.rooms.RoomEvent;
import dev.moddesk.contract.rooms.RoomMessage;
import dev.moddesk.contract.rooms.RoomStatus;
import dev.moddesk.contract.rooms.SlowModeChange;
import dev.moddesk.server.core.AuditLog;
import dev.moddesk.server.rooms.bus.RoomBus;
import dev.moddesk.server.rooms.bus.RoomBuses;
import dev.moddesk.server.testing.Backend;
import dev.moddesk.server.testing.MutableClock;
import dev.moddesk.server.testing.OpenApiContract;
import dev.moddesk.server.testing.TestClient;
import dev.moddesk.server.testing.TestServer;
import dev.moddesk.server.testing.TestServers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Room actions over real HTTP on H2 and PostgreSQL: bus event, audit entry with evidence, feed action, roles. */
@ParameterizedClass
@EnumSource(Backend.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoomActionsHttpTest {

    private static final String HOSTILE = "<script>alert(1)</script>' OR 1=1 --\u202e 你好";

    @Parameter
    Backend backend;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T08:00:00Z"));
    private final List<RoomEvent> heard = Collections.synchronizedList(new ArrayList<>());
    private TestServer server;
    private OpenApiContract contract;
    private RoomBus bus;
    private RoomBus.Subscription subscription;
    private TestClient ops;
    private TestClient platform;
    private long feedCursor;

    @BeforeParameterizedClassInvocation
    void start(Backend backend) {
        server = TestServers.start(backend, config -> config.withClock(clock), List.of());
        contract = new OpenApiContract(server);
        bus = RoomBuses.of(server.server().services());
        subscription = bus.subscribe((room, events) -> heard.addAll(events));
        ops = server.as(Role.OPS);
        CreatedPlatformKey key = server.as(Role.ADMIN).post("/api/v1/platform/keys",
                new CreatePlatformKeyRequest("room actions test")).as(CreatedPlatformKey.class);
        platform = server.client().withToken(key.key());
        readFeed();
    }

    @AfterParameterizedClassInvocation
    void stop() {
        if (subscription != null) {
            subscription.close();
        }
        server.close();
    }

    private TestClient.Response act(TestClient client, String room, String key, RoomActionRequest request) {
        TestClient.Response response = client.send("POST", "/api/v1/rooms/" + room + "/actions", "application/json",
                TestClient.json(request), key == null ? Map.of() : Map.of("Idempotency-Key", key));
        contract.check("POST", "/api/v1/rooms/{room}/actions", response);
        return response;
    }

    private RoomActionResult ok(String room, RoomActionRequest request) {
        TestClient.Response response = act(ops, room, UUID.randomUUID().toString(), request);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.as(RoomActionResult.class);
    }

    private static RoomActionRequest request(String action, String target, String reason, Map<String, String> p) {
        return new RoomActionRequest(action, target, reason, p, null);
    }

    private static RoomActionRequest undo(String action, String undoes) {
        return new RoomActionRequest(action, null, "lifted", Map.of(), undoes);
    }

    private List<FeedAction> readFeed() {
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

    private List<Map<String, Object>> auditAfter(String action, String targetId) {
        return server.server().services().database().jdbi().withHandle(h -> h.createQuery(
                        "SELECT after_json FROM audit_log WHERE action = :a AND target_id = :t ORDER BY id")
                .bind("a", action).bind("t", targetId).mapTo(String.class).list())
                .stream().map(AuditLog::fromJson).toList();
    }

    private ModerationAction heardAction(String room, String actionId) {
        synchronized (heard) {
            return heard.stream().filter(e -> e.roomId().equals(room) && e.payload() instanceof ModerationAction a
                            && a.actionId().equals(actionId))
                    .map(e -> (ModerationAction) e.payload()).findFirst().orElseThrow(
                            () -> new AssertionError("no action event " + actionId + " among " + heard));
        }
    }

    @Test
    void everyActionAndEveryUndoBecomesAnEventAFeedActionAndAnAuditEntryWithEvidence() {
        String room = "room-" + UUID.randomUUID();
        bus.append(room, List.of(
                new RoomBus.Pending(clock.instant(), new RoomMessage("m1", "u-bad", HOSTILE, HOSTILE, true, null)),
                new RoomBus.Pending(clock.instant(), new RoomMessage("m2", "u-ok", "好人", "大家好", false, null)),
                new RoomBus.Pending(clock.instant(), new RoomMessage("m3", "u-bad", HOSTILE, "加微信 123", true,
                        null))));
        feedCursor = 0;
        readFeed();
        List<RoomActionResult> results = new ArrayList<>();
        for (RoomActionKind kind : RoomActionKind.values()) {
            if (kind.undoes().isPresent()) {
                continue;
            }
            String target = switch (kind.target()) {
                case MESSAGE -> "m1";
                case USER -> "u-bad";
                case SEAT -> "3";
                case SONG -> "song-" + HOSTILE;
                case ROOM -> null;
            };
            Map<String, String> params = kind.param().paramName() == null ? Map.of()
                    : Map.of(kind.param().paramName(), Integer.toString(kind.param().allowed().get(1)));
            results.add(ok(room, request(kind.wire(), target, "rule 3: " + HOSTILE, params)));
        }
        for (RoomActionResult done : List.copyOf(results)) {
            RoomActionKind kind = RoomActionKind.ofWire(done.action().action()).orElseThrow();
            if (kind.undo().isPresent()) {
                RoomActionResult undone = ok(room, undo(kind.undo().get().wire(), done.action().actionId()));
                assertThat(undone.action().undoes()).isEqualTo(done.action().actionId());
                assertThat(undone.action().targetId()).isEqualTo(done.action().targetId());
                results.add(undone);
            }
        }
        assertThat(results).hasSize(RoomActionKind.values().length);

        List<FeedAction> feed = readFeed();
        for (RoomActionResult r : results) {
            assertThat(heardAction(room, r.action().actionId())).isEqualTo(r.action());
            assertThat(bus.replay(room, r.seq() - 1, 1).events().getFirst().payload()).isEqualTo(r.action());
            assertThat(feed).filteredOn(f -> f.id() == r.feedId()).singleElement().satisfies(f -> {
                assertThat(f.type()).isEqualTo("room." + r.action().action());
                assertThat(f.targetId()).isEqualTo(r.action().targetId());
                assertThat(f.payload()).containsEntry("room", room);
            });
            assertThat(auditAfter("room." + r.action().action(), r.action().targetId()))
                    .anySatisfy(after -> assertThat(after).containsEntry("room", room));
        }
        synchronized (heard) {
            assertThat(heard).extracting(RoomEvent::payload)
                    .contains(new RoomClosed(RoomStatus.CLOSED, "rule 3: " + HOSTILE,
                            results.getFirst().action().staffId()))
                    .anySatisfy(p -> assertThat(p).isInstanceOf(SlowModeChange.class));
        }

        Map<String, Object> muteAudit = auditAfter("room.user.mute", "u-bad").getLast();
        JsonNode evidence = dev.moddesk.server.core.Json.mapper().valueToTree(muteAudit.get("evidence"));
        assertThat(evidence.get("userLines")).extracting(n -> n.get("messageId").asText())
                .containsExactly("m1", "m3");
        assertThat(evidence.get("roomLines")).hasSize(3);
        assertThat(evidence.get("userLines").get(0).get("nickname").asText()).isEqualTo(HOSTILE);
        JsonNode deleteEvidence = dev.moddesk.server.core.Json.mapper()
                .valueToTree(auditAfter("room.message.delete", "m1").getLast().get("evidence"));
        assertThat(deleteEvidence.get("userLines")).hasSize(2);
    }

    @Test
    void aReplayWithTheSameKeyAnswersTheStoredResultAndAppendsNothing() {
        String room = "replay-" + UUID.randomUUID();
        String key = "key-<script>' OR 1=1 -- " + UUID.randomUUID();
        RoomActionRequest mute = request("user.mute", "u1", null, Map.of("minutes", "10"));
        TestClient.Response first = act(ops, room, key, mute);
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        long last = bus.lastSeq(room);
        TestClient.Response again = act(ops, room, key, mute);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.as(RoomActionResult.class)).isEqualTo(first.as(RoomActionResult.class));
        assertThat(bus.lastSeq(room)).isEqualTo(last);
        assertThat(auditAfter("room.user.mute", "u1")).filteredOn(a -> room.equals(a.get("room"))).hasSize(1);

        TestClient.Response other = act(ops, room, key, request("user.mute", "u1", null, Map.of("minutes", "30")));
        assertThat(other.status()).isEqualTo(422);
        assertThat(other.problem().type()).endsWith("/idempotency-key-reused");
        assertThat(bus.lastSeq(room)).isEqualTo(last);
    }

    @Test
    void moderatorsGet403AndOpsAndAdminsMayAct() {
        String room = "roles-" + UUID.randomUUID();
        RoomActionRequest warn = request("user.warn", "u1", "spam", Map.of());
        TestClient.Response moderator = act(server.as(Role.MODERATOR), room, "k1", warn);
        assertThat(moderator.status()).isEqualTo(403);
        assertThat(act(server.client(), room, "k1", warn).status()).isEqualTo(401);
        assertThat(bus.lastSeq(room)).isZero();
        assertThat(act(server.as(Role.ADMIN), room, "k1", warn).status()).isEqualTo(200);
        assertThat(act(ops, room, "k1", warn).status()).isEqualTo(200);
        assertThat(bus.lastSeq(room)).isEqualTo(2);
    }

    @Test
    void badRequestsAreRefusedWithKeyedProblemsAndAppendNothing() {
        String room = "bad-" + UUID.randomUUID();
        assertThat(act(ops, room, null, request("user.warn", "u1", "x", Map.of())).status()).isEqualTo(400);
        assertThat(act(ops, room, "k", request("user.explode", "u1", "x", Map.of())).problem().errors())
                .extracting(f -> f.field()).containsExactly("action");
        assertThat(act(ops, room, "k", request("user.mute", "u1", null, Map.of("minutes", "7"))).status())
                .isEqualTo(422);
        assertThat(act(ops, room, "k", request("user.mute", "u1", null, Map.of("minutes", "-1 OR 1=1"))).status())
                .isEqualTo(422);
        assertThat(act(ops, room, "k", request("user.kick", "u1\u0000", null, Map.of())).problem().errors())
                .extracting(f -> f.field()).containsExactlyInAnyOrder("reason", "targetId");
        assertThat(act(ops, room, "k", request("room.close", null, "x".repeat(501), Map.of())).status())
                .isEqualTo(422);
        assertThat(act(ops, room, "k", undo("user.unmute", "not-a-number")).status()).isEqualTo(422);
        assertThat(act(ops, room, "k", undo("user.unmute", "987654321")).status()).isEqualTo(404);
        assertThat(bus.lastSeq(room)).isZero();

        RoomActionResult kick = ok(room, request("user.kick", "u1", "abuse", Map.of()));
        TestClient.Response wrongUndo = act(ops, room, "k2", undo("user.unmute", kick.action().actionId()));
        assertThat(wrongUndo.status()).isEqualTo(409);
        assertThat(act(ops, "other-" + room, "k3", undo("user.kick.lift", kick.action().actionId())).status())
                .isEqualTo(404);
        assertThat(act(ops, room, "k4", undo("user.kick.lift", kick.action().actionId())).status()).isEqualTo(200);
        TestClient.Response twice = act(ops, room, "k5", undo("user.kick.lift", kick.action().actionId()));
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.problem().type()).endsWith("/conflict");
    }
}
