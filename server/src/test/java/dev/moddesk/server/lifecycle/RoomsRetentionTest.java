package dev.moddesk.server.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.moddesk.contract.Role;
import dev.moddesk.contract.lifecycle.RetentionPolicy;
import dev.moddesk.contract.platform.CreatePlatformKeyRequest;
import dev.moddesk.contract.platform.CreatedPlatformKey;
import dev.moddesk.contract.platform.IngestBatch;
import dev.moddesk.contract.platform.IngestEvent;
import dev.moddesk.contract.rooms.RoomActionRequest;
import dev.moddesk.contract.rooms.WordTermRequest;
import dev.moddesk.server.core.DataLifecycle;
import dev.moddesk.server.core.Services;
import dev.moddesk.server.testing.Backend;
import dev.moddesk.server.testing.MutableClock;
import dev.moddesk.server.testing.TestClient;
import dev.moddesk.server.testing.TestServer;
import dev.moddesk.server.testing.TestServers;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Live rooms' retention on H2 and PostgreSQL with a moved clock: held and flagged messages go after 90 days, staff
 * actions and the events kept with them only after the audit log's 180, each kind counted in {@code /metrics}.
 */
@ParameterizedClass
@EnumSource(Backend.class)
class RoomsRetentionTest {

    @Parameter
    Backend backend;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final AtomicInteger events = new AtomicInteger();
    private TestServer server;
    private Jdbi jdbi;
    private RetentionJob job;
    private TestClient admin;
    private TestClient platform;

    @BeforeEach
    void setUp() {
        server = TestServers.start(backend, c -> c.withClock(clock), List.of());
        Services services = server.server().services();
        jdbi = services.database().jdbi();
        job = new RetentionJob(DataLifecycle.of(services), clock, services.metrics());
        admin = server.as(Role.ADMIN);
        platform = server.client().withToken(admin.post("/api/v1/platform/keys",
                new CreatePlatformKeyRequest("p")).as(CreatedPlatformKey.class).key());
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    @Test
    void heldAndFlaggedMessagesGoAfterTheirRetentionAndActionsStayAsLongAsTheAuditLog() {
        assertThat(admin.post("/api/v1/word-list", new WordTermRequest("代充", "ads", "FLAG", null)).status())
                .isEqualTo(201);
        send("room.opened", Map.of("roomId", "r-1", "kind", "FRIENDS", "title", "t", "hostId", "h", "hostName", "主播"));
        send("room.message", line("m-1", "便宜代充"));
        Map<String, Object> held = new LinkedHashMap<>(line("m-2", "held line"));
        held.put("listVersion", 1);
        send("message.held", held);
        JsonNode queue = admin.get("/api/v1/held-messages?status=ALL").json();
        long heldId = queue.get(0).path("id").asLong();
        assertThat(admin.post("/api/v1/held-messages/" + heldId + "/deny", null).status()).isEqualTo(200);
        TestClient.Response warned = admin.send("POST", "/api/v1/rooms/r-1/actions", "application/json",
                TestClient.json(new RoomActionRequest("user.warn", "u-1", "rule 3", Map.of(), null)),
                Map.of("Idempotency-Key", "warn-1"));
        assertThat(warned.status()).as(warned.toString()).isEqualTo(200);
        assertThat(count("room_kept_event WHERE type = 'message'")).as("the flagged line is kept").isEqualTo(1);
        int actionEvents = count("room_kept_event WHERE type <> 'message'"); // events kept with actions, if any

        clock.advance(Duration.ofDays(89));
        assertThat(job.runOnce(2, 100)).containsEntry(RoomsLifecycleKinds.HELD, 0)
                .containsEntry(RoomsLifecycleKinds.ACTIONS, 0);

        clock.advance(Duration.ofDays(2));
        assertThat(job.runOnce(1, 100)).as("in batches of 1").containsEntry(RoomsLifecycleKinds.HELD, 2)
                .containsEntry(RoomsLifecycleKinds.ACTIONS, 0);
        assertThat(count("room_held_message")).isZero();
        assertThat(count("room_kept_event WHERE type = 'message'")).isZero();
        assertThat(count("room_action")).as("actions stay with the audit log").isEqualTo(1);

        clock.advance(Duration.ofDays(90)); // 181 days
        assertThat(job.runOnce(2, 100)).containsEntry(RoomsLifecycleKinds.ACTIONS, 1 + actionEvents);
        assertThat(count("room_action")).isZero();
        assertThat(count("room_kept_event")).isZero();
        assertThat(count("room")).as("the room itself stays").isEqualTo(1);

        String metrics = server.client().get("/metrics").body();
        assertThat(metrics)
                .containsPattern("moddesk_lifecycle_pruned_total\\{kind=\"rooms.held_messages\"[^}]*} 2\\.0")
                .containsPattern("moddesk_lifecycle_pruned_total\\{kind=\"rooms.actions\"[^}]*} "
                        + (1 + actionEvents) + "\\.0");
        assertThat(server.as(Role.ADMIN).get("/api/v1/lifecycle/retention").as(RetentionPolicy.class).kinds()).contains(
                new RetentionPolicy.Kind("rooms.held_messages", 90, 0, "--retention-held-messages-days"),
                new RetentionPolicy.Kind("rooms.actions", 180, 180, "--retention-audit-days"));
    }

    /** The kinds' names, as the metric tags read. */
    private static final class RoomsLifecycleKinds {
        static final String HELD = "rooms.held_messages";
        static final String ACTIONS = "rooms.actions";
    }

    private static Map<String, Object> line(String messageId, String text) {
        return Map.of("roomId", "r-1", "messageId", messageId, "userId", "u-1", "nickname", "小明", "text", text);
    }

    private int count(String tableAndWhere) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + tableAndWhere).mapTo(Integer.class).one());
    }

    private void send(String type, Map<String, Object> payload) {
        IngestEvent event = new IngestEvent("e-" + events.incrementAndGet(), type, clock.instant(), payload);
        TestClient.Response r = platform.post("/api/v1/platform/events", new IngestBatch(List.of(event)));
        assertThat(r.json().path("applied").asInt()).as(r.body()).isEqualTo(1);
    }
}
