package dev.moddesk.server.rooms;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.moddesk.contract.Role;
import dev.moddesk.contract.rooms.RoomStream;
import dev.moddesk.server.core.Json;
import dev.moddesk.server.core.ServerConfig;
import dev.moddesk.server.rooms.bus.JetStreamRoomBus;
import dev.moddesk.server.testing.Backend;
import dev.moddesk.server.testing.TestDatabase;
import dev.moddesk.server.testing.TestServer;
import dev.moddesk.server.testing.TestServers;
import io.nats.client.api.StorageType;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two server nodes on one database and one NATS JetStream (127.0.0.1:4222, a stream of this test's own): events
 * ingested on node A reach a console on node B, which is disconnected every 150 events (counted) and restarted
 * twice; nothing is lost, nothing delivered twice, no gap.
 */
class RoomStreamNatsTest {
    static final String NATS = "nats://127.0.0.1:4222";
    private final String prefix = "s" + Long.toHexString(System.nanoTime());
    private TestDatabase.Place place;
    private TestServer nodeA;
    private TestServer nodeB;

    private UnaryOperator<ServerConfig> onNats() {
        return config -> config.withRooms(new ServerConfig.Rooms(NATS, prefix));
    }

    @BeforeEach
    void start() {
        place = TestDatabase.place(Backend.H2, "t_");
        nodeA = TestServers.startOn(place, Backend.H2, onNats());
        nodeB = TestServers.startOn(place, Backend.H2, onNats());
    }

    @AfterEach
    void stop() {
        nodeA.close();
        nodeB.close();
        try (JetStreamRoomBus bus = JetStreamRoomBus.connect(new JetStreamRoomBus.Settings(NATS, prefix,
                JetStreamRoomBus.Settings.DEFAULT_MESSAGES_PER_ROOM, StorageType.File), Json.mapper())) {
            bus.deleteStream();
        }
        place.drop().run();
    }

    @Test
    void aConsoleOnNodeBFollowsEventsIngestedOnNodeAAcrossDisconnectsAndRestartsOfB() throws Exception {
        String room = "跨节点 room.*>";
        RoomFeed feed = RoomFeed.of(nodeA);
        String token = nodeA.as(Role.OPS).token(); // sessions live in the shared database
        feed.apply(feed.opened(room, "KTV"));
        SeqLedger ledger = new SeqLedger(room);
        long total = 0;
        for (int round = 0; round < 5; round++) {
            try (StreamClient console = StreamClient.connect(nodeB.baseUrl(), token)) {
                console.resume(room, ledger.last);
                readUntilResumed(console, ledger);
                feed.apply(feed.messages(room, 100));
                feed.apply(feed.messages(room, 100));
                total += 200;
                int taken = 0;
                while (taken < 150) {
                    if (ledger.take(console.next())) {
                        taken++;
                    }
                }
                console.cut();
            }
            if (round == 1 || round == 3) {
                nodeB.close(); // a restart of the node the console uses, while A keeps ingesting
                feed.apply(feed.messages(room, 60));
                total += 60;
                nodeB = TestServers.startOn(place, Backend.H2, onNats());
            }
        }
        try (StreamClient console = StreamClient.connect(nodeB.baseUrl(), token)) {
            console.resume(room, Math.max(0, ledger.last - 5));
            readUntilResumed(console, ledger);
        }
        assertThat(ledger.last).isEqualTo(total);
        assertThat(ledger.delivered).isEqualTo(total);
        assertThat(ledger.gaps).isEmpty();
        assertThat(ledger.duplicates).isEqualTo(5);
    }

    @Test
    void aHeldMessageIngestedOnNodeAAndItsDenialOnAReachAConsoleOnNodeBAtOnce() throws Exception {
        String room = "held 跨节点";
        RoomFeed feed = RoomFeed.of(nodeA);
        feed.apply(feed.opened(room, "FRIENDS"));
        try (StreamClient console = StreamClient.connect(nodeB.baseUrl(), nodeA.as(Role.OPS).token())) {
            console.send(RoomStream.HELD_SUBSCRIBE, java.util.Map.of());
            console.next(RoomStream.HELD_FOLLOWING);
            feed.apply(feed.held(room, "m-nats-1", "u3", "加微信"));
            JsonNode held = console.next(RoomStream.HELD_QUEUED).path("payload");
            assertThat(held.path("messageId").asText()).isEqualTo("m-nats-1");
            assertThat(held.path("room").asText()).isEqualTo(room);
            long id = held.path("id").asLong();
            assertThat(nodeA.as(Role.ADMIN).post("/api/v1/held-messages/" + id + "/deny", null).status())
                    .isEqualTo(200);
            JsonNode settled = console.next(RoomStream.HELD_SETTLED).path("payload");
            assertThat(settled.path("id").asLong()).isEqualTo(id);
            assertThat(settled.path("status").asText()).isEqualTo("DENIED");
            assertThat(settled.path("decidedBy").asText()).isEqualTo("t-admin");
        }
    }

    private static void readUntilResumed(StreamClient console, SeqLedger ledger) throws InterruptedException {
        while (true) {
            JsonNode frame = console.next();
            ledger.take(frame);
            if (frame.path("type").asText().equals(RoomStream.RESUMED)) {
                return;
            }
        }
    }
}
