package dev.moddesk.server.rooms;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.moddesk.contract.Role;
import dev.moddesk.contract.rooms.RoomStream;
import dev.moddesk.server.core.ServerConfig;
import dev.moddesk.server.testing.Backend;
import dev.moddesk.server.testing.MutableClock;
import dev.moddesk.server.testing.TestClient;
import dev.moddesk.server.testing.TestServer;
import dev.moddesk.server.testing.TestServers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The room stream on one real server (H2, in-process bus with a window of 100 events and a clock the test moves):
 * resume with disconnects forced every N events, counted; gaps reported; roles; summaries; ping.
 */
class RoomStreamTest {
    static final int WINDOW = 100;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T12:00:00Z"));
    private TestServer server;
    private RoomFeed feed;
    private String opsToken;

    @BeforeEach
    void start() {
        server = TestServers.start(Backend.H2, config -> config.withClock(clock)
                .withRooms(new ServerConfig.Rooms(null, null, WINDOW, Duration.ZERO)), List.of());
        feed = RoomFeed.of(server);
        opsToken = server.as(Role.OPS).token();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Ingests {@code n} chat lines in batches of 50, the clock moving a second before each (the window trims). */
    private void chat(String room, int n) {
        for (int sent = 0; sent < n; sent += 50) {
            clock.advance(Duration.ofSeconds(1));
            feed.apply(feed.messages(room, Math.min(50, n - sent)));
        }
    }

    @Test
    void resumingAfterADisconnectEvery270EventsDeliversEverythingOnceAndReportsEveryGap() throws Exception {
        String room = "hot 热门";
        feed.apply(feed.opened(room, "FRIENDS"));
        SeqLedger ledger = new SeqLedger(room);
        long total = 0;
        int expectedGapRounds = 0;
        for (int round = 0; round < 8; round++) {
            try (StreamClient console = StreamClient.connect(server.baseUrl(), opsToken)) {
                // a console that lost a little of its position: the server resends, the console drops them
                console.resume(room, Math.max(0, ledger.last - (round % 2 == 0 ? 0 : 10)));
                readUntilResumed(console, ledger);
                chat(room, 300);
                total += 300;
                console.send(RoomStream.PING, Map.of());
                int taken = 0;
                while (taken < 270) { // disconnect after 270 new events, counted (30 stay unread)
                    if (ledger.take(console.next())) {
                        taken++;
                    }
                }
                console.cut();
            }
            // 30 unread + 30 offline fit the window of 100 (replayed); 30 + 150 do not (a gap)
            int offline = round % 3 == 2 ? WINDOW + 50 : 30;
            if (offline + 30 > WINDOW) {
                expectedGapRounds++;
            }
            chat(room, offline);
            total += offline;
        }
        try (StreamClient console = StreamClient.connect(server.baseUrl(), opsToken)) {
            console.resume(room, ledger.last);
            readUntilResumed(console, ledger);
        }
        assertThat(ledger.last).isEqualTo(total);
        assertThat(ledger.delivered + ledger.gapped()).as("every event delivered or reported gone").isEqualTo(total);
        assertThat(ledger.gaps).hasSize(expectedGapRounds);
        assertThat(ledger.duplicates).isGreaterThan(0);
    }

    private static void readUntilResumed(StreamClient console, SeqLedger ledger) throws InterruptedException {
        while (true) {
            JsonNode frame = console.next();
            ledger.take(frame);
            if (frame.path("type").asText().equals(RoomStream.RESUMED)) {
                assertThat(frame.path("payload").path("lastSeq").asLong()).isEqualTo(ledger.last);
                return;
            }
        }
    }

    @Test
    void aSubscriberGetsNewEventsAndTheWallItsSummariesAndPingsArePonged() throws Exception {
        String room = "r-sub";
        feed.apply(feed.opened(room, "VOICE"));
        chat(room, 5);
        try (StreamClient console = StreamClient.connect(server.baseUrl(), opsToken)) {
            JsonNode summaries = console.next(RoomStream.SUMMARIES);
            assertThat(summaries.path("payload").path("rooms").findValuesAsText("roomId")).contains(room);
            console.send(RoomStream.PING, Map.of());
            console.next(RoomStream.PONG);
            console.send(RoomStream.SUBSCRIBE, Map.of("room", room));
            // a subscription starts from now: prove it is in place before sending (its summary's lastSeq is 5)
            console.send(RoomStream.PING, Map.of());
            console.next(RoomStream.PONG);
            chat(room, 1);
            JsonNode event = console.next("message");
            assertThat(event.path("seq").asLong()).isGreaterThanOrEqualTo(6);
            assertThat(event.path("room").asText()).isEqualTo(room);
            console.send("nonsense", Map.of("room", 42));
            console.send(RoomStream.RESUME, Map.of("rooms", List.of("not", "an", "object")));
            console.send(RoomStream.PING, Map.of());
            console.next(RoomStream.PONG); // still served
        }
    }

    @Test
    void aHeldMessageAndItsReleaseReachAConsoleFollowingTheHeldQueueAtOnceAndOneNotFollowingItHearsNothing()
            throws Exception {
        String room = "held 待审";
        feed.apply(feed.opened(room, "FRIENDS"));
        try (StreamClient console = StreamClient.connect(server.baseUrl(), opsToken);
             StreamClient other = StreamClient.connect(server.baseUrl(), opsToken)) {
            console.send(RoomStream.HELD_SUBSCRIBE, Map.of());
            console.next(RoomStream.HELD_FOLLOWING); // from here on every change comes: reload, then apply them
            feed.apply(feed.held(room, "m-held-1", "u9", "加微信 <b>聊</b>"));
            JsonNode queued = console.next(RoomStream.HELD_QUEUED);
            assertThat(queued.path("room").asText()).isEqualTo(room);
            JsonNode held = queued.path("payload");
            assertThat(held.path("messageId").asText()).isEqualTo("m-held-1");
            assertThat(held.path("text").asText()).isEqualTo("加微信 <b>聊</b>");
            assertThat(held.path("nickname").asText()).isEqualTo("用户u9");
            assertThat(held.path("status").asText()).isEqualTo("HELD");
            long id = held.path("id").asLong();

            TestClient admin = server.as(Role.ADMIN);
            TestClient.Response released = admin.post("/api/v1/held-messages/" + id + "/release", null);
            assertThat(released.status()).as(released.toString()).isEqualTo(200);
            JsonNode settled = console.next(RoomStream.HELD_SETTLED);
            assertThat(settled.path("room").asText()).isEqualTo(room);
            assertThat(settled.path("payload").path("id").asLong()).isEqualTo(id);
            assertThat(settled.path("payload").path("status").asText()).isEqualTo("RELEASED");
            assertThat(settled.path("payload").path("decidedBy").asText()).isEqualTo("t-admin");

            // the other console never asked: a ping answered proves its queue held nothing of the held queue
            other.send(RoomStream.PING, Map.of());
            JsonNode frame;
            do {
                frame = other.next();
                assertThat(frame.path("type").asText()).doesNotStartWith("held-");
            } while (!frame.path("type").asText().equals(RoomStream.PONG));
        }
    }

    @Test
    void moderatorsAreRefusedAndSilentConsolesAreDroppedWithin30Seconds() throws Exception {
        StreamClient refused = StreamClient.connect(server.baseUrl(), server.as(Role.MODERATOR).token());
        assertThat(refused.handshake).isEqualTo(403);
        try (StreamClient console = StreamClient.connect(server.baseUrl(), opsToken)) {
            console.next(RoomStream.SUMMARIES);
            clock.advance(Duration.ofSeconds(16));
            console.next(RoomStream.PING); // silent for 15 s: the server asks
            clock.advance(Duration.ofSeconds(15));
            assertThat(console.closed.get(20, TimeUnit.SECONDS)).isEqualTo(1001);
        }
    }
}
