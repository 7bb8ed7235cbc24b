package dev.moddesk.server.sandbox;

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
import dev.moddesk.contract.rooms.RoomEvent;
import dev.moddesk.contract.rooms.RoomEventPage;
import dev.moddesk.contract.rooms.RoomMessage;
import dev.moddesk.contract.rooms.WordTerm;
import dev.moddesk.contract.rooms.WordTermRequest;
import dev.moddesk.server.testing.Backend;
import dev.moddesk.server.testing.MutableClock;
import dev.moddesk.server.testing.TestClient;
import dev.moddesk.server.testing.TestServer;
import dev.moddesk.server.testing.TestServers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The simulated platform's AutoMod against a real server (H2), fed by the test, not the random simulator: it applies
 * words.list from the feed, withholds a HOLD line as message.held, shows it once staff release it, forgets a denied
 * one, and ignores a list older than the one it has.
 */
class HeldWordsPlatformTest {
    private static final String ROOM = "held-platform-room";
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-06-01T08:00:00Z"));
    private static TestServer server;
    private static TestClient ops;
    private static TestClient platformClient;
    private static long cursor;

    @BeforeAll
    static void start() {
        server = TestServers.start(Backend.H2, c -> c.withClock(CLOCK), List.of());
        ops = server.as(Role.OPS);
        CreatedPlatformKey key = server.as(Role.ADMIN).post("/api/v1/platform/keys",
                new CreatePlatformKeyRequest("held platform test")).as(CreatedPlatformKey.class);
        platformClient = server.client().withToken(key.key());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static List<FeedAction> feed() {
        List<FeedAction> all = new ArrayList<>();
        while (true) {
            ActionFeedPage page = platformClient.get("/api/v1/platform/actions?limit=500&after=" + cursor)
                    .as(new TypeReference<ActionFeedPage>() { });
            all.addAll(page.items());
            if (page.items().isEmpty()) {
                return all;
            }
            cursor = page.nextCursor();
        }
    }

    private static List<IngestOutcome> send(List<IngestEvent> events) {
        TestClient.Response r = platformClient.post("/api/v1/platform/events", new IngestBatch(events));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.as(IngestBatchResult.class).outcomes();
    }

    private static List<IngestEvent> carryOut(HeldWordsPlatform platform) {
        List<IngestEvent> out = new ArrayList<>();
        for (FeedAction a : feed()) {
            out.addAll(platform.onAction(a, CLOCK.instant()));
        }
        return out;
    }

    private static Map<String, Object> line(String messageId, String text) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("roomId", ROOM);
        p.put("messageId", messageId);
        p.put("userId", "u-" + messageId);
        p.put("nickname", "<b>小明</b>");
        p.put("text", text);
        return p;
    }

    private static List<RoomMessage> roomMessages() {
        RoomEventPage page = ops.get("/api/v1/rooms/" + ROOM + "/events?after=0").as(RoomEventPage.class);
        return page.items().stream().map(RoomEvent::payload).filter(RoomMessage.class::isInstance)
                .map(RoomMessage.class::cast).toList();
    }

    @Test
    void holdLinesWaitForStaffAndAReleasedOneIsShownOnceADeniedOneNever() {
        HeldWordsPlatform platform = new HeldWordsPlatform(CLOCK, "t");
        Map<String, Object> opened = Map.of("roomId", ROOM, "kind", "FRIENDS", "title", "测试", "hostId", "h",
                "hostName", "主播");
        assertThat(send(List.of(new IngestEvent("open-1", "room.opened", CLOCK.instant(), opened))))
                .extracting(IngestOutcome::status).containsOnly(IngestStatus.APPLIED);
        WordTerm hold = ops.post("/api/v1/word-list", new WordTermRequest("加微信", "contact", "HOLD", null))
                .as(WordTerm.class);
        ops.post("/api/v1/word-list", new WordTermRequest("代充", "ads", "FLAG", null));
        assertThat(carryOut(platform)).isEmpty();
        assertThat(platform.version()).isEqualTo(2);

        IngestEvent shown = platform.show(line("m1", "大家好 代充"), CLOCK.instant());
        IngestEvent held = platform.show(line("m2", "来 加.微.信 聊"), CLOCK.instant());
        IngestEvent denied = platform.show(line("m3", "加ｗｅｉ信"), CLOCK.instant());
        assertThat(List.of(shown.type(), held.type(), denied.type()))
                .containsExactly("room.message", "message.held", "room.message");
        IngestEvent heldToo = platform.show(line("m3b", "加加微微信信"), CLOCK.instant());
        assertThat(heldToo.type()).isEqualTo("message.held");
        assertThat(send(List.of(shown, held, heldToo))).extracting(IngestOutcome::status)
                .containsOnly(IngestStatus.APPLIED);
        assertThat(roomMessages()).extracting(RoomMessage::messageId).containsExactly("m1");
        assertThat(roomMessages().getFirst().flagged()).isTrue();

        List<HeldMessage> queue = ops.get("/api/v1/held-messages?room=" + ROOM)
                .as(new TypeReference<List<HeldMessage>>() { });
        assertThat(queue).extracting(HeldMessage::messageId).containsExactlyInAnyOrder("m2", "m3b");
        long m2 = queue.stream().filter(h -> h.messageId().equals("m2")).findFirst().orElseThrow().id();
        long m3b = queue.stream().filter(h -> h.messageId().equals("m3b")).findFirst().orElseThrow().id();
        assertThat(ops.post("/api/v1/held-messages/" + m2 + "/release", null).status()).isEqualTo(200);
        assertThat(ops.post("/api/v1/held-messages/" + m3b + "/deny", null).status()).isEqualTo(200);

        List<IngestEvent> follow = carryOut(platform);
        assertThat(follow).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo("room.message");
            assertThat(e.payload()).containsEntry("messageId", "m2");
        });
        assertThat(platform.waiting()).isZero();
        send(follow);
        assertThat(roomMessages()).extracting(RoomMessage::messageId).containsExactly("m1", "m2");

        ops.send("DELETE", "/api/v1/word-list/" + hold.id(), null, null, Map.of("If-Match", "\"1\""));
        List<FeedAction> removed = feed();
        assertThat(removed).singleElement().satisfies(a -> assertThat(a.type()).isEqualTo("words.list"));
        platform.onAction(removed.getFirst(), CLOCK.instant());
        assertThat(platform.show(line("m4", "加微信"), CLOCK.instant()).type()).isEqualTo("room.message");
        Map<String, Object> stale = new LinkedHashMap<>(Map.of("version", 1, "terms", List.of(Map.of("term", "加微信",
                "category", "contact", "action", "HOLD"))));
        platform.onAction(new FeedAction(1, "words.list", "word-list", "words", stale, CLOCK.instant()),
                CLOCK.instant());
        assertThat(platform.show(line("m5", "加微信"), CLOCK.instant()).type()).isEqualTo("room.message");
    }
}
