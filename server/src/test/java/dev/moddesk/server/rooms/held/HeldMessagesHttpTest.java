package dev.moddesk.server.rooms.held;

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
import dev.moddesk.contract.rooms.HeldMessage;
import dev.moddesk.contract.rooms.HeldStatus;
import dev.moddesk.contract.rooms.ModerationAction;
import dev.moddesk.contract.rooms.RoomEvent;
import dev.moddesk.contract.rooms.WordTermRequest;
import dev.moddesk.server.core.ServerConfig;
import dev.moddesk.server.rooms.bus.RoomBus;
import dev.moddesk.server.rooms.bus.RoomBuses;
import dev.moddesk.server.testing.Backend;
import dev.moddesk.server.testing.MutableClock;
import dev.moddesk.server.testing.OpenApiContract;
import dev.moddesk.server.testing.TestClient;
import dev.moddesk.server.testing.TestServer;
import dev.moddesk.server.testing.TestServers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
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
 * The held-for-review queue over real HTTP on H2 and PostgreSQL: the platform's message.held lands in the queue with
 * its matched words; release and deny (once, idempotent) and the deadline drop (a test clock) each become one feed
 * action, one room event and one audit entry; moderators get 403.
 */
@ParameterizedClass
@EnumSource(Backend.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HeldMessagesHttpTest {

    private static final String HOSTILE = "<script>alert(1)</script>' OR 1=1 --\u202e 你好";
    private static final Duration DEADLINE = Duration.ofMinutes(5);

    @Parameter
    Backend backend;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T08:00:00Z"));
    private final List<RoomEvent> heard = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong eventIds = new AtomicLong();
    private TestServer server;
    private OpenApiContract contract;
    private TestClient ops;
    private TestClient platform;
    private RoomBus.Subscription subscription;
    private long feedCursor;

    @BeforeParameterizedClassInvocation
    void start(Backend backend) {
        feedCursor = 0; // the instance outlives one backend's server
        heard.clear();
        server = TestServers.start(backend, config -> config.withClock(clock)
                .withRooms(ServerConfig.Rooms.inProcess().withHeldDeadline(DEADLINE)), List.of());
        contract = new OpenApiContract(server);
        ops = server.as(Role.OPS);
        CreatedPlatformKey key = server.as(Role.ADMIN).post("/api/v1/platform/keys",
                new CreatePlatformKeyRequest("held test")).as(CreatedPlatformKey.class);
        platform = server.client().withToken(key.key());
        subscription = RoomBuses.of(server.server().services()).subscribe((room, events) -> heard.addAll(events));
        assertThat(ops.post("/api/v1/word-list", new WordTermRequest("加微信", "contact", "HOLD", null)).status())
                .isEqualTo(201);
        feed();
    }

    @AfterParameterizedClassInvocation
    void stop() {
        if (subscription != null) {
            subscription.close();
        }
        server.close();
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

    private IngestOutcome sendHeld(String room, String messageId, String text) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("roomId", room);
        payload.put("messageId", messageId);
        payload.put("userId", "u-" + messageId);
        payload.put("nickname", HOSTILE);
        payload.put("text", text);
        payload.put("listVersion", 1);
        return send(payload);
    }

    private IngestOutcome send(Map<String, Object> payload) {
        IngestEvent event = new IngestEvent("held-" + UUID.randomUUID() + "-" + eventIds.incrementAndGet(),
                "message.held", clock.instant(), payload);
        TestClient.Response r = platform.post("/api/v1/platform/events", new IngestBatch(List.of(event)));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.as(IngestBatchResult.class).outcomes().getFirst();
    }

    private List<HeldMessage> queue(String room) {
        TestClient.Response r = ops.get(HeldFeature.BASE + "?status=ALL&room=" + room);
        contract.check("GET", HeldFeature.BASE, r);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.as(new TypeReference<List<HeldMessage>>() { });
    }

    private HeldMessage only(String room) {
        return queue(room).getFirst();
    }

    private TestClient.Response decide(TestClient client, long id, String decision) {
        TestClient.Response r = client.post(HeldFeature.BASE + "/" + id + "/" + decision, null);
        contract.check("POST", HeldFeature.BASE + "/{id}/" + decision, r);
        return r;
    }

    private List<ModerationAction> roomActions(String room) {
        synchronized (heard) {
            return heard.stream().filter(e -> e.roomId().equals(room) && e.payload() instanceof ModerationAction)
                    .map(e -> (ModerationAction) e.payload()).toList();
        }
    }

    private long audits(String action, long id) {
        return server.server().services().database().jdbi().withHandle(h -> h.createQuery(
                        "SELECT COUNT(*) FROM audit_log WHERE action = :a AND target_id = :t")
                .bind("a", action).bind("t", Long.toString(id)).mapTo(Long.class).one());
    }

    @Test
    void aHeldMessageIsQueuedWithItsWordsAndReleasedOnceOnTheFeedInTheRoomAndInTheAuditLog() {
        String room = "room-" + UUID.randomUUID();
        String text = "来 加.微.信 聊 " + HOSTILE;
        assertThat(sendHeld(room, "m1", text).status()).isEqualTo(IngestStatus.APPLIED);
        assertThat(sendHeld(room, "m1", text)).satisfies(o -> {
            assertThat(o.status()).isEqualTo(IngestStatus.APPLIED);
            assertThat(o.note()).isNotBlank();
        });
        HeldMessage held = only(room);
        assertThat(queue(room)).hasSize(1);
        assertThat(held.status()).isEqualTo(HeldStatus.HELD);
        assertThat(held.text()).isEqualTo(text);
        assertThat(held.nickname()).isEqualTo(HOSTILE);
        assertThat(held.deadline()).isEqualTo(clock.instant().plus(DEADLINE));
        assertThat(held.hits()).singleElement().satisfies(hit -> {
            assertThat(text.substring(hit.start(), hit.end())).isEqualTo("加.微.信");
            assertThat(hit.category()).isEqualTo("contact");
        });
        feed();

        TestClient.Response released = decide(ops, held.id(), "release");
        assertThat(released.status()).as(released.toString()).isEqualTo(200);
        assertThat(released.as(HeldMessage.class).status()).isEqualTo(HeldStatus.RELEASED);
        assertThat(decide(ops, held.id(), "release").as(HeldMessage.class).status()).isEqualTo(HeldStatus.RELEASED);
        TestClient.Response denied = decide(ops, held.id(), "deny");
        assertThat(denied.status()).isEqualTo(409);
        assertThat(denied.problem().type()).endsWith("/conflict");

        assertThat(feed()).singleElement().satisfies(a -> {
            assertThat(a.type()).isEqualTo("message.released");
            assertThat(a.targetId()).isEqualTo("m1");
            assertThat(a.payload()).containsEntry("room", room).containsEntry("userId", "u-m1");
        });
        assertThat(roomActions(room)).singleElement().satisfies(a -> {
            assertThat(a.action()).isEqualTo("message.release");
            assertThat(a.targetId()).isEqualTo("m1");
        });
        assertThat(audits("room.message.release", held.id())).isEqualTo(1);
        assertThat(ops.get(HeldFeature.BASE + "?room=" + room).as(new TypeReference<List<HeldMessage>>() { }))
                .isEmpty();
    }

    @Test
    void aDeniedMessageGoesOutOnceAndCannotBeReleased() {
        String room = "deny-" + UUID.randomUUID();
        sendHeld(room, "m2", "加微信");
        HeldMessage held = only(room);
        feed();
        assertThat(decide(server.as(Role.ADMIN), held.id(), "deny").status()).isEqualTo(200);
        assertThat(decide(ops, held.id(), "deny").status()).isEqualTo(200);
        assertThat(decide(ops, held.id(), "release").status()).isEqualTo(409);
        assertThat(feed()).extracting(FeedAction::type).containsExactly("message.denied");
        assertThat(roomActions(room)).extracting(ModerationAction::action).containsExactly("message.deny");
        assertThat(only(room).status()).isEqualTo(HeldStatus.DENIED);
    }

    @Test
    void aMessageNobodyDecidesIsDroppedAtItsDeadlineOnceOnTheFeedAndInTheRoom() {
        String room = "deadline-" + UUID.randomUUID();
        sendHeld(room, "m3", "加微信");
        HeldMessage held = only(room);
        feed();
        HeldMessages messages = server.server().feature(HeldFeature.class).orElseThrow().held();
        clock.advance(DEADLINE.minusSeconds(1));
        messages.dropOverdue();
        assertThat(only(room).status()).isEqualTo(HeldStatus.HELD);
        clock.advance(Duration.ofSeconds(1));
        messages.dropOverdue();
        messages.dropOverdue();
        assertThat(only(room).status()).isEqualTo(HeldStatus.DROPPED);
        assertThat(feed()).filteredOn(a -> a.targetId().equals("m3")).singleElement().satisfies(a -> {
            assertThat(a.type()).isEqualTo("message.dropped");
            assertThat(a.payload()).containsEntry("room", room);
        });
        assertThat(roomActions(room)).extracting(ModerationAction::action).containsExactly("message.drop");
        assertThat(audits("room.message.drop", held.id())).isEqualTo(1);
        assertThat(decide(ops, held.id(), "release").status()).isEqualTo(409);
    }

    @Test
    void settledMessagesArePrunedAfterRetentionAndWaitingOnesStay() {
        String room = "prune-" + UUID.randomUUID();
        sendHeld(room, "p1", "加微信");
        sendHeld(room, "p2", "加微信");
        long settled = queue(room).stream().filter(h -> h.messageId().equals("p1")).findFirst().orElseThrow().id();
        assertThat(decide(ops, settled, "deny").status()).isEqualTo(200);
        HeldMessages messages = server.server().feature(HeldFeature.class).orElseThrow().held();
        while (messages.pruneSettled(clock.instant(), 500) > 0) {
            // only what was decided before now (other tests' messages) goes
        }
        assertThat(queue(room)).extracting(HeldMessage::messageId).containsExactlyInAnyOrder("p1", "p2");
        while (messages.pruneSettled(clock.instant().plusSeconds(1), 500) > 0) {
            // other tests' settled messages go too
        }
        assertThat(queue(room)).extracting(HeldMessage::messageId).containsExactly("p2");
    }

    @Test
    void hostilePayloadsAreRejectedAndModeratorsGet403() {
        String room = "bad-" + UUID.randomUUID();
        Map<String, Object> noText = new LinkedHashMap<>(Map.of("roomId", room, "messageId", "m", "userId", "u",
                "nickname", "n"));
        assertThat(send(noText).status()).isEqualTo(IngestStatus.REJECTED);
        Map<String, Object> bidiId = new LinkedHashMap<>(noText);
        bidiId.put("text", "加微信");
        bidiId.put("messageId", "m\u202e");
        assertThat(send(bidiId).status()).isEqualTo(IngestStatus.REJECTED);
        Map<String, Object> longText = new LinkedHashMap<>(noText);
        longText.put("text", "x".repeat(2001));
        assertThat(send(longText).status()).isEqualTo(IngestStatus.REJECTED);
        assertThat(queue(room)).isEmpty();

        sendHeld(room, "m4", "加微信");
        long id = only(room).id();
        TestClient moderator = server.as(Role.MODERATOR);
        assertThat(moderator.get(HeldFeature.BASE).status()).isEqualTo(403);
        assertThat(decide(moderator, id, "release").status()).isEqualTo(403);
        assertThat(decide(moderator, id, "deny").status()).isEqualTo(403);
        assertThat(decide(server.client(), id, "deny").status()).isEqualTo(401);
        assertThat(decide(ops, 987654321L, "deny").status()).isEqualTo(404);
        assertThat(ops.get(HeldFeature.BASE + "?status=NOPE").status()).isEqualTo(400);
        assertThat(only(room).status()).isEqualTo(HeldStatus.HELD);
    }
}
