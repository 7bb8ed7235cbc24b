package dev.moddesk.server.sandbox;

import static dev.moddesk.server.testing.Eventually.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import dev.moddesk.contract.Role;
import dev.moddesk.contract.rooms.HotRoomSpike;
import dev.moddesk.server.sandbox.rooms.RoomsSimulation;
import dev.moddesk.server.testing.Backend;
import dev.moddesk.server.testing.TestClient;
import dev.moddesk.server.testing.TestServer;
import dev.moddesk.server.testing.TestServers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What an ops person in the sandbox does to see a spike: {@code POST /api/v1/sandbox/hot-room}, and the hot room then
 * takes thousands of lines more than its share (counted by its sequence numbers, within a generous deadline).
 */
class SandboxHotRoomHttpTest {

    private static final String HOT = "/api/v1/sandbox/hot-room";

    @Test
    void withoutSimulatedRoomsTheRouteSaysSoInTheCallersLanguage() {
        try (TestServer server = TestServers.start(Backend.H2, c -> c.withSimRate(0), List.of())) {
            TestClient.Response response = server.as(Role.OPS).send("POST", HOT, null, null,
                    Map.of("Accept-Language", "zh-CN"));
            assertThat(response.status()).isEqualTo(404);
            assertThat(response.problem().detail()).contains("模拟房间");
            assertThat(server.as(Role.MODERATOR).send("POST", HOT, null, null, Map.of()).status()).isEqualTo(403);
        }
    }

    @Test
    void opsMakeTheHotRoomSpike() throws Exception {
        try (TestServer server = TestServers.start(Backend.H2, c -> c.withSandbox(true).withSimRate(1)
                .withRooms(c.rooms().withSimulatedChat(50, 3_000)), List.of())) {
            TestClient ops = server.as(Role.OPS);
            awaitTrue(Duration.ofSeconds(90), () -> ops.get("/api/v1/rooms/" + RoomsSimulation.HOT_ROOM_ID).status() == 200);
            assertThat(ops.send("POST", HOT + "?seconds=5000", null, null, Map.of()).status()).isEqualTo(400);
            assertThat(ops.send("POST", HOT + "?seconds=1%20OR%201=1", null, null, Map.of()).status())
                    .isEqualTo(400);

            long before = lastSeq(ops);
            TestClient.Response response = ops.send("POST", HOT + "?seconds=120", null, null, Map.of());
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            HotRoomSpike spike = response.as(HotRoomSpike.class);
            assertThat(spike.roomId()).isEqualTo(RoomsSimulation.HOT_ROOM_ID);
            assertThat(spike.seconds()).isEqualTo(120);
            assertThat(spike.messagesPerSecond()).isEqualTo(3_000);
            // Its share of 50 lines a second would take minutes to add 10,000 lines; the spike does it in seconds.
            awaitTrue(Duration.ofSeconds(90), () -> lastSeq(ops) > before + 10_000);
        }
    }

    private static long lastSeq(TestClient ops) {
        return ops.get("/api/v1/rooms/" + RoomsSimulation.HOT_ROOM_ID).json().get("summary").get("lastSeq").asLong();
    }

}
