package dev.moddesk.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moddesk.contract.LoginRequest;
import dev.moddesk.server.core.TrustedProxies;
import dev.moddesk.server.testing.Backend;
import dev.moddesk.server.testing.TestClient;
import dev.moddesk.server.testing.TestServer;
import dev.moddesk.server.testing.TestServers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code X-Forwarded-For} decides the client address only when it comes from a trusted proxy: the login throttle per
 * address and the audit log's client address both follow that one decision. The test's requests come from
 * 127.0.0.1, which is trusted or not by the server's {@code --trusted-proxy} ranges.
 */
class ForwardedClientAddressTest {

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aSpoofedHeaderFromAnUntrustedPeerIsIgnored(Backend backend) {
        try (TestServer server = start(backend, TrustedProxies.of("10.0.0.0/8", "fd00::/8"))) {
            // three failures under three names, each claiming another address: they all count against the peer
            for (int i = 1; i <= 3; i++) {
                assertThat(failedLogin(server, "nobody" + i, "198.51.100." + i).status()).isEqualTo(401);
            }
            TestClient.Response throttled = failedLogin(server, "nobody4", "198.51.100.4");
            assertThat(throttled.status()).isEqualTo(429);
            assertThat(auditedAddresses(server)).containsOnly("127.0.0.1");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void theSameHeaderFromATrustedProxyNamesTheClient(Backend backend) {
        try (TestServer server = start(backend, TrustedProxies.of("127.0.0.0/8"))) {
            for (int i = 1; i <= 4; i++) {
                // what the client wrote left of the proxy's own entry is ignored
                assertThat(failedLogin(server, "nobody" + i, "127.0.0.9, 203.0.113.66, 198.51.100." + i).status())
                        .as("each forwarded client has its own failure count").isEqualTo(401);
            }
            assertThat(auditedAddresses(server)).containsExactlyInAnyOrder("198.51.100.1", "198.51.100.2",
                    "198.51.100.3", "198.51.100.4");
            for (int i = 5; i <= 7; i++) {
                failedLogin(server, "other" + i, "198.51.100.1");
            }
            assertThat(failedLogin(server, "other8", "198.51.100.1").status()).isEqualTo(429);
            assertThat(failedLogin(server, "other9", "198.51.100.2").status()).isEqualTo(401);
        }
    }

    private static TestServer start(Backend backend, TrustedProxies proxies) {
        return TestServers.start(backend, config -> config.withTrustedProxies(proxies)
                .withLoginThrottle(3, 3, Duration.ofMinutes(10)), List.of());
    }

    private static TestClient.Response failedLogin(TestServer server, String username, String forwardedFor) {
        return server.client().send("POST", "/api/v1/session", "application/json",
                TestClient.json(new LoginRequest(username, "wrong password")), Map.of("X-Forwarded-For", forwardedFor));
    }

    private static List<String> auditedAddresses(TestServer server) {
        return server.server().services().database().jdbi().withHandle(h -> h.createQuery(
                "SELECT client_address FROM audit_log WHERE action = 'session.login_failed'")
                .mapTo(String.class).list());
    }
}
