package dev.moddesk.server.sandbox.rooms;

import static dev.moddesk.server.testing.Eventually.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.moddesk.contract.Role;
import dev.moddesk.contract.rooms.ModerationAction;
import dev.moddesk.contract.rooms.RoomActionRequest;
import dev.moddesk.contract.rooms.RoomEvent;
import dev.moddesk.contract.rooms.RoomEventPage;
import dev.moddesk.contract.rooms.RoomLeave;
import dev.moddesk.contract.rooms.RoomMessage;
import dev.moddesk.server.core.Json;
import dev.moddesk.server.platform.PlatformGateway;
import dev.moddesk.server.sandbox.PlatformSimulator;
import dev.moddesk.server.sandbox.SimulatedPopulation;
import dev.moddesk.server.testing.Backend;
import dev.moddesk.server.testing.TestClient;
import dev.moddesk.server.testing.TestServer;
import dev.moddesk.server.testing.TestServers;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The simulated rooms against a real server over HTTP: they arrive through the ingest API in batches, and staff's
 * actions taken with {@code POST /api/v1/rooms/{room}/actions} reach them through the action feed and are obeyed
 * (a kicked user leaves and says nothing more; a closed room stays closed until reopened). The simulation is seeded
 * and slow; the test waits for counted events, never for a time.
 */
class RoomTrafficHttpTest {

    @Test
    void theRoomsFillTheWallAndObeyStaffActionsFromTheFeed() throws Exception {
        try (TestServer server = TestServers.start(Backend.H2, c -> c.withSimRate(0), List.of())) {
            var services = server.server().services();
            String key = services.database().jdbi().inTransaction(h ->
                    PlatformGateway.of(services).keys().create(h, "rooms test", null)).key();
            RoomsSimulation simulation = new RoomsSimulation(new SplittableRandom(11), new SimulatedPopulation(),
                    "t" + UUID.randomUUID().toString().substring(0, 6), null,
                    new RoomsSimulation.Settings(12, 300, 0, null, Duration.ofMinutes(1)));
            RoomTraffic traffic = new RoomTraffic(URI.create(server.baseUrl()), key, simulation, Clock.systemUTC(),
                    Json.mapper());
            TestClient ops = server.as(Role.OPS);
            try (PlatformSimulator platform = new PlatformSimulator(URI.create(server.baseUrl()), key,
                    List.of(context -> new RoomsActivity(traffic)), 1, null, Clock.systemUTC(), Json.mapper())) {
                platform.start();
                awaitTrue(() -> ops.get("/api/v1/rooms").json().size() == 12);
                String roomId = "sim-room-02";
                awaitTrue(() -> lastSeq(ops, roomId) > 300);

                // Kick someone who is talking: the platform reports them leaving, and they say nothing after.
                String talker = messages(events(ops, roomId, lastSeq(ops, roomId) - 50)).getLast().userId();
                // The simulated audience comes and goes, so the talker may have left and come back before: the leave
                // that counts is the first one after the kick's own event in the room.
                act(ops, roomId, new RoomActionRequest("user.kick", talker, "刷屏", Map.of(), null));
                long kicked = seqOf(ops, roomId, "user.kick");
                awaitTrue(() -> leaveOf(ops, roomId, talker, kicked) > 0);
                long left = leaveOf(ops, roomId, talker, kicked);
                awaitTrue(() -> lastSeq(ops, roomId) > left + 300);
                assertThat(messages(eventsAfter(ops, roomId, left))).isNotEmpty()
                        .noneMatch(m -> m.userId().equals(talker));

                // Close a room: it goes quiet (the platform stops, not only the server refusing); reopen: it is back.
                String closing = "sim-room-03";
                act(ops, closing, new RoomActionRequest("room.close", null, "违规内容", Map.of(), null));
                awaitTrue(() -> simulation.room(closing).status() == SimRoom.Status.CLOSED);
                long refusedAfterClose = traffic.rejected();
                long quietFrom = traffic.applied();
                awaitTrue(() -> traffic.applied() > quietFrom + 1_000);
                assertThat(traffic.rejected()).isEqualTo(refusedAfterClose);
                act(ops, closing, new RoomActionRequest("room.reopen", null, null, Map.of(),
                        actionIdOf(ops, closing, "room.close")));
                awaitTrue(() -> "LIVE".equals(ops.get("/api/v1/rooms/" + closing).json().get("summary")
                        .get("status").asText()));
                long reopenedAt = lastSeq(ops, closing);
                awaitTrue(() -> lastSeq(ops, closing) > reopenedAt + 20);
            }
            assertThat(traffic.applied()).isGreaterThan(1_000);
        }
    }

    private static void act(TestClient ops, String roomId, RoomActionRequest request) {
        TestClient.Response response = ops.send("POST", "/api/v1/rooms/" + roomId + "/actions", "application/json",
                TestClient.json(request), Map.of("Idempotency-Key", UUID.randomUUID().toString()));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    private static String actionIdOf(TestClient ops, String roomId, String action) {
        return ((ModerationAction) actionEvent(ops, roomId, action).payload()).actionId();
    }

    private static long seqOf(TestClient ops, String roomId, String action) {
        return actionEvent(ops, roomId, action).seq();
    }

    private static RoomEvent actionEvent(TestClient ops, String roomId, String action) {
        for (RoomEvent e : eventsAfter(ops, roomId, 0)) {
            if (e.payload() instanceof ModerationAction a && a.action().equals(action)) {
                return e;
            }
        }
        throw new AssertionError("no " + action + " in " + roomId);
    }

    private static long lastSeq(TestClient ops, String roomId) {
        JsonNode room = ops.get("/api/v1/rooms/" + roomId).json();
        return room.get("summary") == null ? 0 : room.get("summary").get("lastSeq").asLong();
    }

    private static long leaveOf(TestClient ops, String roomId, String userId, long after) {
        return eventsAfter(ops, roomId, after).stream().filter(e -> e.payload() instanceof RoomLeave l
                && l.userId().equals(userId)).mapToLong(RoomEvent::seq).findFirst().orElse(0);
    }

    private static List<RoomEvent> events(TestClient ops, String roomId, long after) {
        return ops.get("/api/v1/rooms/" + roomId + "/events?after=" + after + "&limit=500").as(RoomEventPage.class)
                .items();
    }

    private static List<RoomEvent> eventsAfter(TestClient ops, String roomId, long after) {
        List<RoomEvent> all = new ArrayList<>();
        for (List<RoomEvent> page = events(ops, roomId, after); !page.isEmpty();
             page = events(ops, roomId, page.getLast().seq())) {
            all.addAll(page);
        }
        return all;
    }

    private static List<RoomMessage> messages(List<RoomEvent> events) {
        return events.stream().filter(e -> e.payload() instanceof RoomMessage).map(e -> (RoomMessage) e.payload())
                .toList();
    }

}
