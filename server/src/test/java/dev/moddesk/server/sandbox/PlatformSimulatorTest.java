package dev.moddesk.server.sandbox;

import static dev.moddesk.server.testing.Eventually.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.moddesk.contract.platform.FeedAction;
import dev.moddesk.contract.platform.IngestBatch;
import dev.moddesk.contract.platform.IngestBatchResult;
import dev.moddesk.contract.platform.IngestOutcome;
import dev.moddesk.contract.platform.IngestStatus;
import dev.moddesk.contract.platform.IngestEvent;
import dev.moddesk.contract.Role;
import dev.moddesk.contract.platform.PlatformStatus;
import dev.moddesk.server.core.Json;
import dev.moddesk.server.testing.TestClient;
import dev.moddesk.server.platform.PlatformGateway;
import dev.moddesk.server.testing.Backend;
import dev.moddesk.server.testing.TestServer;
import dev.moddesk.server.testing.TestServers;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlatformSimulatorTest {

    private static final Pattern HAN = Pattern.compile("\\p{IsHan}+.*");

    @Test
    void inASandboxServerSimulatedUsersArriveThroughIngest() throws Exception {
        // Users only: the simulated rooms (SandboxHotRoomHttpTest, rooms/RoomTrafficHttpTest) would crowd them out.
        try (TestServer server = TestServers.start(Backend.H2, c -> c.withSandbox(true).withSimRate(20)
                .withRooms(c.rooms().withSimulatedChat(0, 0)), List.of())) {
            var jdbi = server.server().services().database().jdbi();
            TestClient admin = server.as(Role.ADMIN);

            awaitTrue(() -> admin.get("/api/v1/platform/status").as(PlatformStatus.class).users()
                    > UsersActivity.SEED_USERS + 5);

            List<String> cities = jdbi.withHandle(h -> h.createQuery("SELECT DISTINCT city FROM platform_users")
                    .mapTo(String.class).list());
            List<String> nicknames = jdbi.withHandle(h -> h.createQuery("SELECT nickname FROM platform_users")
                    .mapTo(String.class).list());
            assertThat(UsersActivity.CITIES).containsAll(cities);
            assertThat(cities).hasSizeGreaterThan(3);
            assertThat(nicknames).allMatch(n -> HAN.matcher(n).matches());
            // The simulator came in with a key the sandbox made for it (audited), and only through the ingest API.
            int simulatorKeys = admin.get("/api/v1/audit?action=platform_key.create&actor=sandbox").json()
                    .get("items").size();
            long eventsByKey = jdbi.withHandle(h -> h.createQuery("""
                    SELECT COUNT(*) FROM ingest_events e JOIN platform_keys k ON k.id = e.key_id
                     WHERE k.name = 'sandbox simulator' AND k.revoked_at IS NULL""").mapTo(Long.class).one());
            assertThat(simulatorKeys).isEqualTo(1);
            assertThat(eventsByKey).isGreaterThan(UsersActivity.SEED_USERS);
        }
    }

    @Test
    void activitiesGetEveryActionOnceAndTheCursorSurvivesARestart(@TempDir Path dataDir) throws Exception {
        try (TestServer server = TestServers.start(Backend.H2, c -> c.withSimRate(0), List.of())) {
            var services = server.server().services();
            var platform = PlatformGateway.of(services);
            String key = services.database().jdbi().inTransaction(h -> platform.keys().create(h, "sim test", null)).key();
            Path cursorFile = dataDir.resolve("cursor");
            RecordingActivity first = new RecordingActivity();

            try (PlatformSimulator simulator = simulator(server, key, first, cursorFile)) {
                simulator.start();
                publish(server, "r-1");
                publish(server, "r-2");
                awaitTrue(() -> first.actions.size() == 2);
                // The follow-up event each action caused came back in through ingest.
                awaitTrue(() -> count(server, "SELECT COUNT(*) FROM platform_users WHERE user_id LIKE 'after-%'") == 2);
                awaitTrue(() -> readCursor(cursorFile) == first.actions.getLast().id());
            }
            publish(server, "r-3");
            RecordingActivity second = new RecordingActivity();
            try (PlatformSimulator simulator = simulator(server, key, second, cursorFile)) {
                simulator.start();
                awaitTrue(() -> !second.actions.isEmpty());
            }

            assertThat(first.actions).extracting(FeedAction::targetId).containsExactly("r-1", "r-2");
            assertThat(second.actions).extracting(FeedAction::targetId).containsExactly("r-3");
        }
    }

    @Test
    void aBusyServerIsRetriedWithTheSameEventIdsUntilItAccepts() throws Exception {
        AtomicInteger busyAnswers = new AtomicInteger(3);
        List<String> acceptedIds = new CopyOnWriteArrayList<>();
        List<String> refusedIds = new CopyOnWriteArrayList<>();
        HttpServer busy = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        busy.createContext("/api/v1/platform/events", exchange -> {
            IngestBatch batch = Json.mapper().readValue(exchange.getRequestBody(), IngestBatch.class);
            List<String> ids = batch.events().stream().map(IngestEvent::eventId).toList();
            byte[] answer;
            if (busyAnswers.getAndDecrement() > 0) {
                refusedIds.addAll(ids);
                answer = new byte[0];
                exchange.sendResponseHeaders(503, -1);
            } else {
                acceptedIds.addAll(ids);
                answer = Json.mapper().writeValueAsBytes(IngestBatchResult.of(ids.stream()
                        .map(id -> new IngestOutcome(id, IngestStatus.APPLIED, null)).toList()));
                exchange.sendResponseHeaders(200, answer.length);
                exchange.getResponseBody().write(answer);
            }
            exchange.close();
        });
        busy.createContext("/api/v1/platform/actions", exchange -> {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        busy.start();
        try (PlatformSimulator simulator = new PlatformSimulator(
                java.net.URI.create("http://127.0.0.1:" + busy.getAddress().getPort()), "mdk_test",
                List.of(UsersActivity::new), 1, null, Clock.systemUTC(), Json.mapper())) {
            simulator.start();

            awaitTrue(() -> acceptedIds.size() >= UsersActivity.SEED_USERS);

            // The refused seed batch came back unchanged: same ids, so the server could apply it exactly once.
            assertThat(refusedIds).isNotEmpty();
            assertThat(acceptedIds).containsAll(refusedIds.subList(0, UsersActivity.SEED_USERS));
            // The simulator counts a batch once it has read the answer, a moment after the server recorded it.
            awaitTrue(() -> simulator.eventsSent() >= UsersActivity.SEED_USERS);
        } finally {
            busy.stop(0);
        }
    }

    private static PlatformSimulator simulator(TestServer server, String key, SimulatedActivity activity, Path cursor) {
        return new PlatformSimulator(java.net.URI.create(server.baseUrl()), key, List.of(context -> activity), 10,
                cursor, Clock.systemUTC(), Json.mapper());
    }

    private static void publish(TestServer server, String roomId) {
        var services = server.server().services();
        services.database().jdbi().useTransaction(h -> PlatformGateway.of(services).actions()
                .publish(h, "room.closed", "room", roomId, Map.of("reason", "测试")));
    }

    private static long count(TestServer server, String sql) {
        return server.server().services().database().jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    private static long readCursor(Path file) {
        try {
            return Files.isRegularFile(file) ? Long.parseLong(Files.readString(file).strip()) : -1;
        } catch (Exception e) {
            return -1;
        }
    }


    /** Records actions and answers each with a follow-up event, as an activity carrying out a decision would. */
    private static final class RecordingActivity implements SimulatedActivity {
        final List<FeedAction> actions = new CopyOnWriteArrayList<>();

        @Override
        public String name() {
            return "recording";
        }

        @Override
        public List<IngestEvent> seed(Instant now) {
            return List.of();
        }

        @Override
        public List<IngestEvent> tick(Instant now) {
            return List.of();
        }

        @Override
        public List<IngestEvent> onAction(FeedAction action, Instant now) {
            actions.add(action);
            return List.of(new IngestEvent("follow-up-" + action.id(), "user.upserted", now, Map.of(
                    "userId", "after-" + action.targetId(), "nickname", "房间" + action.targetId(), "city", "重庆")));
        }
    }
}
