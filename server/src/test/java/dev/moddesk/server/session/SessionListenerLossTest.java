package dev.moddesk.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moddesk.contract.Role;
import dev.moddesk.server.testing.Backend;
import dev.moddesk.server.testing.Eventually;
import dev.moddesk.server.testing.MutableClock;
import dev.moddesk.server.testing.TestClient;
import dev.moddesk.server.testing.TestServer;
import dev.moddesk.server.testing.TestServers;
import io.micrometer.core.instrument.Counter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL only (H2 has no listener: one node, whose own changes evict): when the revocation listener loses its
 * connection, the node clears its session cache and reads every session from the database until the listener is
 * back, so a notification it missed cannot keep a revoked session alive. The clock never moves: the cache's trust
 * window is not what refuses.
 */
class SessionListenerLossTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T08:00:00Z"));
    private TestServer node;

    @BeforeEach
    void start() throws InterruptedException {
        node = TestServers.start(Backend.POSTGRES, config -> config.withClock(clock)
                .withSessionCacheTrust(Duration.ofSeconds(5)), List.of());
        node.createAccount("li.wei", Role.MODERATOR);
        Eventually.awaitTrue(this::cacheOpen);
    }

    @AfterEach
    void stop() {
        node.close();
    }

    private boolean cacheOpen() {
        return node.server().services().metrics().find("moddesk.session.cache.open").gauge().value() == 1;
    }

    @Test
    void losingTheListenerClearsTheCacheAndReadsTheDatabaseUntilItIsBack() throws InterruptedException {
        TestClient client = node.login("li.wei", TestServer.PASSWORD);
        assertThat(client.get("/api/v1/me").status()).isEqualTo(200);
        SessionRevocationTest.endSilently(node, client, Backend.POSTGRES);
        assertThat(client.get("/api/v1/me").status()).as("the missed notification: the cache still has the session")
                .isEqualTo(200);
        Counter lost = node.server().services().metrics().find("moddesk.session.listener.lost").counter();
        double before = lost.count();

        String schema = node.server().services().database().settings().url().replaceAll(".*currentSchema=", "");
        int killed = node.server().services().database().jdbi().withHandle(h -> h.createQuery("""
                        SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity
                        WHERE application_name = :name AND pid <> pg_backend_pid()""")
                .bind("name", SessionNotificationStore.APPLICATION_NAME + schema).mapTo(Integer.class).one());
        assertThat(killed).as("the node's listening connection").isEqualTo(1);
        Eventually.awaitTrue(() -> lost.count() > before);

        assertThat(client.get("/api/v1/me").status()).as("cleared on the loss, read from the database")
                .isEqualTo(401);
        Eventually.awaitTrue(this::cacheOpen);
        TestClient again = node.login("li.wei", TestServer.PASSWORD);
        assertThat(again.get("/api/v1/me").status()).isEqualTo(200);
        SessionRevocationTest.endSilently(node, again, Backend.POSTGRES);
        assertThat(again.get("/api/v1/me").status()).as("the listener is back, and so is the cache").isEqualTo(200);
    }
}
