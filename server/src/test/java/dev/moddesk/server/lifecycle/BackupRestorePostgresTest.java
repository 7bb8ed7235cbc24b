package dev.moddesk.server.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.moddesk.contract.LoginRequest;
import dev.moddesk.contract.Role;
import dev.moddesk.contract.SessionToken;
import dev.moddesk.contract.platform.CreatePlatformKeyRequest;
import dev.moddesk.contract.platform.CreatedPlatformKey;
import dev.moddesk.contract.platform.IngestBatch;
import dev.moddesk.contract.platform.IngestEvent;
import dev.moddesk.contract.review.DecisionKind;
import dev.moddesk.contract.review.DecisionRequest;
import dev.moddesk.contract.review.QueueFilter;
import dev.moddesk.server.ModDeskServer;
import dev.moddesk.server.core.Database;
import dev.moddesk.server.core.ServerConfig;
import dev.moddesk.server.review.ReviewFeature;
import dev.moddesk.server.testing.Backend;
import dev.moddesk.server.testing.MutableClock;
import dev.moddesk.server.testing.TestClient;
import dev.moddesk.server.testing.TestServer;
import dev.moddesk.server.testing.TestServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/backup.md's PostgreSQL path end to end: {@code pg_dump} of a running server's schema while a moderator keeps
 * deciding, {@code pg_restore} into a new database, a server started on it: applications, decisions and audit entries
 * are there, and claim-next, a decision and the action feed cursor work on.
 */
class BackupRestorePostgresTest {

    private static final Path PG_DUMP = Path.of("/usr/bin/pg_dump");
    private static final Path PG_RESTORE = Path.of("/usr/bin/pg_restore");
    private static final String PG_HOST = "127.0.0.1";
    private static final String PG_ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final int APPLICATIONS = 300;

    @TempDir
    Path work;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T09:00:00Z"));

    @Test
    void aDumpTakenWhileDecisionsAreMadeRestoresIntoAServerThatWorksOn() throws Exception {
        assumeTrue(Files.isExecutable(PG_DUMP) && Files.isExecutable(PG_RESTORE),
                "ASSUMPTION: /usr/bin/pg_dump and /usr/bin/pg_restore are installed; without them this test cannot"
                        + " exercise the documented PostgreSQL backup path and is skipped");
        String restoredDb = "moddesk_restore_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        try (TestServer source = TestServers.start(Backend.POSTGRES, c -> c.withClock(clock), List.of())) {
            String schema = schemaOf(source.server().config().database().url());
            TestClient admin = source.as(Role.ADMIN);
            String platformKey = admin.post("/api/v1/platform/keys", new CreatePlatformKeyRequest("platform"))
                    .as(CreatedPlatformKey.class).key();
            TestClient platform = source.client().withToken(platformKey);
            List<IngestEvent> events = new ArrayList<>();
            events.add(new IngestEvent("circle", "circle.upserted", clock.instant(), Map.of("circleId", "c",
                    "name", "Hikers", "city", "成都", "topic", "t", "joinMode", "QUESTIONS")));
            for (int i = 0; i < APPLICATIONS; i++) {
                events.add(new IngestEvent("a" + i, "application.submitted", clock.instant(), Map.of(
                        "applicationId", "a" + i, "circleId", "c", "applicant", Map.of("userId", "u" + i,
                                "nickname", "n" + i), "answers", List.of(Map.of("position", 1, "text", "hi " + i)))));
            }
            assertThat(platform.post("/api/v1/platform/events", new IngestBatch(events)).json().path("applied")
                    .asInt()).isEqualTo(APPLICATIONS + 1);
            // A first batch decided and published, so the feed has a cursor to go on from.
            for (int i = 0; i < 5; i++) {
                assertThat(claimAndApprove(admin, "first-" + i)).isTrue();
            }
            clock.advance(Duration.ofSeconds(11));
            publishAll(source.server());
            JsonNode feed = platform.get("/api/v1/platform/actions?after=0&limit=500").json();
            long cursor = feed.path("nextCursor").asLong();
            assertThat(feed.path("items").size()).as(feed.toString()).isEqualTo(5);

            Jdbi jdbi = source.server().services().database().jdbi();
            AtomicBoolean deciding = new AtomicBoolean(true);
            AtomicInteger decided = new AtomicInteger();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            CountDownLatch started = new CountDownLatch(3);
            Thread moderator = new Thread(() -> {
                try {
                    for (int i = 0; deciding.get() && claimAndApprove(admin, "during-" + i); i++) {
                        decided.incrementAndGet();
                        started.countDown();
                    }
                } catch (Throwable t) {
                    failure.set(t);
                }
            }, "deciding-during-backup");
            moderator.start();
            assertThat(started.await(60, TimeUnit.SECONDS)).as("decisions are under way").isTrue();
            long decisionsBefore = count(jdbi, "review_decision");
            long auditBefore = count(jdbi, "audit_log");

            Path dump = work.resolve("moddesk.dump");
            run(PG_DUMP.toString(), "--host=" + PG_HOST, "--username=postgres", "--format=custom",
                    "--schema=" + schema, "--file=" + dump, "test");
            deciding.set(false);
            moderator.join();
            assertThat(failure.get()).isNull();
            long decisionsAfter = count(jdbi, "review_decision");
            assertThat(decisionsAfter).as("decisions went on during the dump").isGreaterThan(decisionsBefore);
            source.close();

            execute("CREATE DATABASE " + restoredDb);
            run(PG_RESTORE.toString(), "--host=" + PG_HOST, "--username=postgres", "--no-owner",
                    "--dbname=" + restoredDb, dump.toString());
            Database.Settings restored = new Database.Settings("jdbc:postgresql://" + PG_HOST + ":5432/" + restoredDb
                    + "?currentSchema=" + schema, "postgres", null);
            try (ModDeskServer server = new ModDeskServer(ServerConfig.defaults(restored, null).withPort(0)
                    .withClock(clock)).start()) {
                Jdbi r = server.services().database().jdbi();
                assertThat(count(r, "review_application")).isEqualTo(APPLICATIONS);
                long restoredDecisions = count(r, "review_decision");
                assertThat(restoredDecisions).isBetween(decisionsBefore, decisionsAfter);
                assertThat(count(r, "audit_log")).isGreaterThanOrEqualTo(auditBefore);
                long approved = r.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM review_application"
                        + " WHERE status = 'APPROVED'").mapTo(Long.class).one());
                assertThat(approved).isEqualTo(restoredDecisions);

                TestClient restoredAdmin = login(server.baseUrl(), "t-admin");
                assertThat(claimAndApprove(restoredAdmin, "after-restore")).as("claim-next and decide").isTrue();
                clock.advance(Duration.ofSeconds(11));
                publishAll(server);
                int published = (int) restoredDecisions - 5 + 1; // those decided during the dump, and the new one
                TestClient restoredPlatform = new TestClient(server.baseUrl(), platformKey);
                JsonNode next = restoredPlatform.get("/api/v1/platform/actions?after=" + cursor + "&limit=500").json();
                assertThat(next.path("items").size()).as(next.toString()).isEqualTo(published);
                assertThat(next.path("items").get(0).path("id").asLong()).isGreaterThan(cursor);
            }
        } finally {
            execute("DROP DATABASE IF EXISTS " + restoredDb);
        }
    }

    /**
     * Publishes every decision whose undo window closed. The server's own publishing job may be publishing some at
     * the same moment, so this goes on until no application is left pending publication (counted, not timed).
     */
    private static void publishAll(ModDeskServer server) {
        Jdbi jdbi = server.services().database().jdbi();
        for (int round = 0; round < 10_000; round++) {
            server.feature(ReviewFeature.class).orElseThrow().review().publisher().publishFinalDecisions(500);
            if (jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM review_application WHERE publish_pending")
                    .mapTo(Long.class).one()) == 0) {
                return;
            }
        }
        throw new AssertionError("decisions stayed pending publication");
    }

    /** Claims the next application and approves it; false when the queue is empty. */
    private static boolean claimAndApprove(TestClient moderator, String key) {
        TestClient.Response next = moderator.post("/api/v1/review/claims/next", QueueFilter.all());
        if (next.status() == 204) {
            return false;
        }
        assertThat(next.status()).as(next.toString()).isEqualTo(200);
        JsonNode application = next.json();
        TestClient.Response decided = moderator.send("POST", "/api/v1/review/applications/"
                        + application.path("id").asLong() + "/decision", "application/json",
                TestClient.json(new DecisionRequest(DecisionKind.APPROVE, null, null, null)),
                Map.of("Idempotency-Key", key, "If-Match", "\"" + application.path("version").asInt() + "\""));
        assertThat(decided.status()).as(decided.toString()).isEqualTo(200);
        return true;
    }

    private static TestClient login(String baseUrl, String username) {
        TestClient.Response r = new TestClient(baseUrl, null).post("/api/v1/session",
                new LoginRequest(username, TestServer.PASSWORD));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return new TestClient(baseUrl, r.as(SessionToken.class).token());
    }

    private static long count(Jdbi jdbi, String table) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Long.class).one());
    }

    private static String schemaOf(String url) {
        String schema = url.substring(url.indexOf("currentSchema=") + "currentSchema=".length());
        int end = schema.indexOf('&');
        return end < 0 ? schema : schema.substring(0, end);
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(String.join(" ", command) + "\n" + output).isZero();
    }

    private static void execute(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(PG_ADMIN_URL, "postgres", null);
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
