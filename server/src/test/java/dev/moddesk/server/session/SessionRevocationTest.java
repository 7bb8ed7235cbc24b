package dev.moddesk.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moddesk.contract.Role;
import dev.moddesk.contract.UpdateStaffRequest;
import dev.moddesk.server.testing.Backend;
import dev.moddesk.server.testing.Eventually;
import dev.moddesk.server.testing.MutableClock;
import dev.moddesk.server.testing.TestClient;
import dev.moddesk.server.testing.TestDatabase;
import dev.moddesk.server.testing.TestServer;
import dev.moddesk.server.testing.TestServers;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Sessions are cached on each node, and a revocation made on one node is refused at once on every node. On PostgreSQL
 * two server instances share one database: node B hears node A's change by LISTEN/NOTIFY (the test polls only for
 * that notification to arrive; the clock never moves, so the cache's trust window can never be what refuses). On H2
 * (embedded, one node) "the other node" is the same node: its own change evicts at once.
 */
@ParameterizedClass
@EnumSource(Backend.class)
class SessionRevocationTest {
    static final Duration TRUST = Duration.ofSeconds(5);
    static final AtomicInteger ACCOUNTS = new AtomicInteger();
    static MutableClock clock;
    static TestDatabase.Place place;
    static TestServer nodeA;
    static TestServer nodeB;
    static TestClient admin;

    @Parameter
    Backend backend;

    @BeforeParameterizedClassInvocation
    static void start(Backend backend) {
        clock = new MutableClock(Instant.parse("2026-03-01T08:00:00Z"));
        place = TestDatabase.place(backend, "t_");
        nodeA = TestServers.startOn(place, backend, config -> config.withClock(clock).withSessionCacheTrust(TRUST));
        nodeB = backend == Backend.POSTGRES
                ? TestServers.startOn(place, backend, config -> config.withClock(clock).withSessionCacheTrust(TRUST))
                : nodeA;
        admin = nodeA.as(Role.ADMIN);
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        try {
            if (nodeB != nodeA) {
                nodeB.close();
            }
            nodeA.close();
        } finally {
            place.drop().run();
        }
    }

    @BeforeEach
    void bothCachesInUse() throws InterruptedException {
        // On PostgreSQL a node caches only while its revocation listener is connected.
        Eventually.awaitTrue(() -> cacheOpen(nodeA) && cacheOpen(nodeB));
    }

    private static boolean cacheOpen(TestServer node) {
        return metrics(node).find("moddesk.session.cache.open").gauge().value() == 1;
    }

    private static PrometheusMeterRegistry metrics(TestServer node) {
        return node.server().services().metrics();
    }

    /** A new account (so tests do not share sessions) with {@code role}; returns its id. */
    private static long account(String prefix, Role role) {
        return nodeA.createAccount(prefix + ACCOUNTS.incrementAndGet(), role);
    }

    private static String username(long id) {
        return nodeA.server().services().database().jdbi().withHandle(h -> h.createQuery(
                "SELECT username FROM staff WHERE id = :id").bind("id", id).mapTo(String.class).one());
    }

    private static TestClient on(TestServer node, TestClient client) {
        return node.client().withToken(client.token());
    }

    @Test
    void signingOutOnOneNodeIsRefusedOnTheOtherAtOnce() throws InterruptedException {
        TestClient onA = nodeA.login(username(account("out", Role.MODERATOR)), TestServer.PASSWORD);
        TestClient onB = on(nodeB, onA);
        assertThat(onB.get("/api/v1/me").status()).as("node B has read (and cached) the session").isEqualTo(200);
        assertThat(onA.get("/api/v1/me").status()).isEqualTo(200);

        assertThat(onA.delete("/api/v1/session").status()).isEqualTo(204);

        assertThat(onA.get("/api/v1/me").status()).as("refused at once on the node that signed out").isEqualTo(401);
        Eventually.awaitTrue(() -> onB.get("/api/v1/me").status() == 401);
    }

    @Test
    void aRoleDowngradeTakesEffectOnTheOtherNode() throws InterruptedException {
        long id = account("boss", Role.ADMIN);
        TestClient onB = on(nodeB, nodeA.login(username(id), TestServer.PASSWORD));
        assertThat(onB.get("/api/v1/staff").status()).as("an admin lists staff").isEqualTo(200);

        assertThat(admin.patch("/api/v1/staff/" + id, new UpdateStaffRequest(null, Role.MODERATOR, null)).status())
                .isEqualTo(200);

        assertThat(on(nodeA, onB).get("/api/v1/staff").status()).as("at once on the node that changed it")
                .isEqualTo(403);
        Eventually.awaitTrue(() -> onB.get("/api/v1/staff").status() == 403);
        assertThat(onB.get("/api/v1/me").status()).as("still signed in, as a moderator").isEqualTo(200);
    }

    @Test
    void aDisabledAccountIsRefusedOnEveryNode() throws InterruptedException {
        long id = account("gone", Role.MODERATOR);
        TestClient onB = on(nodeB, nodeA.login(username(id), TestServer.PASSWORD));
        assertThat(onB.get("/api/v1/me").status()).isEqualTo(200);
        assertThat(on(nodeA, onB).get("/api/v1/me").status()).isEqualTo(200);

        assertThat(admin.post("/api/v1/staff/" + id + "/disable", null).status()).isEqualTo(200);

        assertThat(on(nodeA, onB).get("/api/v1/me").status()).isEqualTo(401);
        Eventually.awaitTrue(() -> onB.get("/api/v1/me").status() == 401);
    }

    @Test
    void aChangeNobodyAnnouncedLastsAtMostTheTrustWindow() {
        TestClient client = nodeA.login(username(account("quiet", Role.MODERATOR)), TestServer.PASSWORD);
        assertThat(client.get("/api/v1/me").status()).isEqualTo(200);

        endSessionsSilently(client);

        assertThat(client.get("/api/v1/me").status()).as("the node still trusts what it read (the cache is used)")
                .isEqualTo(200);
        clock.advance(TRUST);
        assertThat(client.get("/api/v1/me").status()).as("read again after the trust window").isEqualTo(401);
    }

    /** Ends the client's session in the database without telling any node (PostgreSQL: with triggers off). */
    private void endSessionsSilently(TestClient client) {
        endSilently(nodeA, client, backend);
    }

    static void endSilently(TestServer node, TestClient client, Backend backend) {
        node.server().services().database().jdbi().useTransaction(h -> {
            if (backend == Backend.POSTGRES) {
                h.execute("SET LOCAL session_replication_role = replica");
            }
            h.createUpdate("DELETE FROM staff_session WHERE token_hash = :hash")
                    .bind("hash", SessionService.hash(client.token())).execute();
        });
    }
}
