package dev.moddesk.server.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.moddesk.contract.Role;
import dev.moddesk.contract.lifecycle.RetentionPolicy;
import dev.moddesk.contract.platform.CreatePlatformKeyRequest;
import dev.moddesk.contract.platform.CreatedPlatformKey;
import dev.moddesk.contract.platform.IngestBatch;
import dev.moddesk.contract.platform.IngestEvent;
import dev.moddesk.server.core.AuditLog;
import dev.moddesk.server.core.DataLifecycle;
import dev.moddesk.server.core.MediaSettings;
import dev.moddesk.server.core.RetentionSettings;
import dev.moddesk.server.core.ServerConfig;
import dev.moddesk.server.core.Services;
import dev.moddesk.server.core.Sql;
import dev.moddesk.server.review.TinyMedia;
import dev.moddesk.server.testing.Backend;
import dev.moddesk.server.testing.MutableClock;
import dev.moddesk.server.testing.OpenApiContract;
import dev.moddesk.server.testing.TestClient;
import dev.moddesk.server.testing.TestServer;
import dev.moddesk.server.testing.TestServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Retention on H2 and PostgreSQL with a moved clock: what ages out goes in small batches, the rest stays. */
@ParameterizedClass
@EnumSource(Backend.class)
class RetentionTest {

    @Parameter
    Backend backend;

    @TempDir
    Path mediaDir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final AtomicInteger events = new AtomicInteger();
    private TestServer server;
    private Services services;
    private Jdbi jdbi;
    private RetentionJob job;

    @BeforeEach
    void setUp() {
        server = TestServers.start(backend, c -> c.withClock(clock).withMedia(MediaSettings.defaults()
                .withFolder(mediaDir)), List.of());
        services = server.server().services();
        jdbi = services.database().jdbi();
        job = new RetentionJob(DataLifecycle.of(services), clock, services.metrics());
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    @Test
    void eachKindGoesAfterItsRetentionInBatchesAndIsCountedInMetrics() throws Exception {
        TestClient admin = server.as(Role.ADMIN);
        TestClient platform = server.client().withToken(admin.post("/api/v1/platform/keys",
                new CreatePlatformKeyRequest("p")).as(CreatedPlatformKey.class).key());
        for (int i = 0; i < 5; i++) {
            audit("old-" + i);
        }
        send(platform, "circle.upserted", Map.of("circleId", "c", "name", "n", "city", "成都", "topic", "t",
                "joinMode", "EITHER"));
        platform.send("PUT", "/api/v1/platform/media/old.mp4", "application/octet-stream", TinyMedia.mp4(500), Map.of());
        send(platform, "application.submitted", Map.of("applicationId", "a1", "circleId", "c",
                "applicant", Map.of("userId", "u1", "nickname", "n1"), "video", Map.of("mediaKey", "old.mp4")));
        send(platform, "application.withdrawn", Map.of("applicationId", "a1"));
        long webhook = deliveries();
        int eventsBefore = count("ingest_events");
        long auditBefore = count("audit_log");

        clock.advance(Duration.ofDays(29));
        assertThat(job.runOnce(2, 100).values()).as("nothing is old enough yet").containsOnly(0);

        clock.advance(Duration.ofDays(2));
        Map<String, Integer> pruned = job.runOnce(2, 100);
        assertThat(pruned).containsEntry("platform.ingest_events", eventsBefore)
                .containsEntry("platform.webhook_deliveries", 1).containsEntry("review.media", 1)
                .containsEntry("audit.log", 0);
        assertThat(count("ingest_events")).isZero();
        List<String> left = jdbi.withHandle(h -> h.createQuery("SELECT status FROM webhook_deliveries WHERE webhook_id = :w")
                .bind("w", webhook).mapTo(String.class).list());
        assertThat(left).as("a pending delivery stays").containsExactly("PENDING");
        assertThat(Files.exists(mediaDir.resolve("old.mp4"))).isFalse();
        String status = jdbi.withHandle(h -> h.createQuery("SELECT status FROM review_application WHERE external_id = 'a1'")
                .mapTo(String.class).one());
        assertThat(status).as("the application stays").isEqualTo("WITHDRAWN");

        clock.advance(Duration.ofDays(150)); // 181 days after the first entries
        audit("fresh");
        pruned = job.runOnce(2, 100);
        assertThat(pruned.get("audit.log")).as("in batches of 2").isEqualTo((int) auditBefore);
        List<String> kept = jdbi.withHandle(h -> h.createQuery("SELECT target_id FROM audit_log").mapTo(String.class).list());
        assertThat(kept).containsExactly("fresh");

        String metrics = server.client().get("/metrics").body();
        assertThat(metrics).containsPattern("moddesk_lifecycle_pruned_total\\{kind=\"audit.log\"[^}]*} "
                + auditBefore + "\\.0")
                .containsPattern("moddesk_lifecycle_pruned_total\\{kind=\"review.media\"[^}]*} 1\\.0");
    }

    @Test
    void theAuditLogStaysAppendOnlyOutsideItsTwoMaintenanceDoors() {
        audit("kept");
        assertThatThrownBy(() -> jdbi.useTransaction(h -> h.execute("DELETE FROM audit_log")))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbi.useTransaction(h -> h.execute("UPDATE audit_log SET reason = 'x'")))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbi.useTransaction(h -> AuditLog.maintaining(h, AuditLog.Maintenance.ERASURE,
                () -> h.execute("UPDATE audit_log SET action = 'forged'")))).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbi.useTransaction(h -> AuditLog.maintaining(h, AuditLog.Maintenance.ERASURE,
                () -> h.execute("DELETE FROM audit_log")))).hasMessageContaining("append-only");
        jdbi.useTransaction(h -> AuditLog.maintaining(h, AuditLog.Maintenance.ERASURE,
                () -> h.execute("UPDATE audit_log SET reason = 'rewritten'")));
        assertThatThrownBy(() -> jdbi.useTransaction(h -> h.execute("UPDATE audit_log SET reason = 'again'")))
                .as("the door closes after the work, also on a pooled connection").hasMessageContaining("append-only");
        assertThat(count("audit_log")).isEqualTo(1);
    }

    @Test
    void retentionIsShownToAdminsOnly() {
        TestClient.Response shown = server.as(Role.ADMIN).get("/api/v1/lifecycle/retention");
        assertThat(shown.status()).isEqualTo(200);
        new OpenApiContract(server).check("GET", "/api/v1/lifecycle/retention", shown);
        assertThat(shown.as(RetentionPolicy.class).kinds()).contains(
                new RetentionPolicy.Kind("audit.log", 180, 180, "--retention-audit-days"),
                new RetentionPolicy.Kind("review.media", 30, 0, "--retention-media-days"));
        assertThat(server.as(Role.OPS).get("/api/v1/lifecycle/retention").status()).isEqualTo(403);
    }

    @Test
    void aServerConfiguredUnderSixMonthsOfAuditLogDoesNotStart() {
        assertThatThrownBy(() -> ServerConfig.defaults(services.config().database(), null)
                .withRetention(RetentionSettings.defaults().withAuditLog(Duration.ofDays(90))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 180 days");
    }

    private void audit(String target) {
        jdbi.useTransaction(h -> services.auditLog().record(h, new AuditLog.Entry(null, "test", "test.thing", "thing",
                target, null, null, null, null)));
    }

    private int count(String table) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Integer.class).one());
    }

    /** A webhook with one delivered and one pending delivery, both created now; returns the webhook id. */
    private long deliveries() {
        return jdbi.inTransaction(h -> {
            var now = Sql.utc(clock.instant());
            long webhook = h.createUpdate("INSERT INTO webhooks (url, secret, active, created_at)"
                    + " VALUES ('https://example.com/h', 's', TRUE, :now)").bind("now", now)
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            for (String status : List.of("DELIVERED", "PENDING")) {
                long action = h.createUpdate("INSERT INTO action_feed (type, target_type, target_id, payload_json,"
                        + " created_at) VALUES ('t', 'x', 'y', '{}', :now)").bind("now", now)
                        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
                // the pending one is due in 1,000 days, so the delivery worker leaves it alone meanwhile
                h.createUpdate("INSERT INTO webhook_deliveries (webhook_id, action_id, status, attempts, created_at,"
                        + " next_attempt_at) VALUES (:w, :a, :s, 1, :now, :due)").bind("w", webhook).bind("a", action)
                        .bind("s", status).bind("now", now).bind("due", Sql.utc(clock.instant().plus(Duration.ofDays(1000))))
                        .execute();
            }
            return webhook;
        });
    }

    private void send(TestClient platform, String type, Map<String, Object> payload) {
        IngestEvent event = new IngestEvent("e-" + events.incrementAndGet(), type, clock.instant(), payload);
        TestClient.Response r = platform.post("/api/v1/platform/events", new IngestBatch(List.of(event)));
        assertThat(r.json().path("applied").asInt()).as(r.body()).isEqualTo(1);
    }
}
