package dev.moddesk.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moddesk.contract.Role;
import dev.moddesk.server.core.Access;
import dev.moddesk.server.core.Route;
import dev.moddesk.server.testing.Backend;
import dev.moddesk.server.testing.OpenApiContract;
import dev.moddesk.server.testing.TestClient;
import dev.moddesk.server.testing.TestServer;
import dev.moddesk.server.testing.TestServers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every registered route (taken from the registry, so new routes are covered without editing this test) called
 * by anonymous, MODERATOR, OPS and ADMIN callers: 401 without credentials, 403 for a role the route does not
 * allow, and neither for a role it does. Every answer must also be documented in /openapi.json.
 */
@ParameterizedClass
@EnumSource(Backend.class)
class RbacMatrixTest {
    static TestServer server;
    static OpenApiContract contract;

    @Parameter
    Backend backend;

    @BeforeParameterizedClassInvocation
    static void start(Backend backend) {
        server = TestServers.start(backend);
        contract = new OpenApiContract(server);
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    @Test
    void everyRouteTimesEveryRole() {
        Map<Role, TestClient> clients = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            clients.put(role, server.as(role));
        }
        // Ids that exist nowhere, so allowed calls pass the access check but change nothing.
        String missingId = "987654";
        List<String> failures = new ArrayList<>();
        int cases = 0;
        for (Route route : server.server().api().routes()) {
            String path = route.path().replaceAll("\\{[^}]+}", missingId);
            byte[] body = route.bodyType() == null ? null : "{}".getBytes(StandardCharsets.UTF_8);
            String contentType = body == null ? null : "application/json";

            TestClient.Response anonymous = server.client().send(route.method(), path, contentType, body, Map.of());
            cases++;
            expect(route, "anonymous", anonymous, route.access().kind() == Access.Kind.PUBLIC ? 0 : 401, failures);

            for (Role role : Role.values()) {
                TestClient client = clients.get(role);
                TestClient.Response response = client.send(route.method(), path, contentType, body, Map.of());
                cases++;
                int expected = switch (route.access().kind()) {
                    case PUBLIC -> 0;
                    case PLATFORM -> 401;
                    case STAFF -> role.covers(route.access().minRole()) ? 0 : 403;
                };
                expect(route, role.name(), response, expected, failures);
                if (client.get("/api/v1/me").status() == 401) {
                    clients.put(role, server.as(role)); // the call signed this client out (DELETE /session)
                }
            }
        }
        assertThat(failures).isEmpty();
        assertThat(cases).isGreaterThanOrEqualTo(4 * 15);
    }

    /** expected 0 means "allowed": anything but 401/403. */
    private static void expect(Route route, String who, TestClient.Response response, int expected,
                               List<String> failures) {
        boolean ok = expected == 0 ? response.status() != 401 && response.status() != 403
                : response.status() == expected;
        if (!ok) {
            failures.add(route + " as " + who + ": expected " + (expected == 0 ? "allowed" : expected)
                    + " but got " + response);
        }
        if (response.status() >= 500) {
            failures.add(route + " as " + who + ": server error " + response);
        }
        try {
            contract.check(route.method(), route.path(), response);
        } catch (AssertionError e) {
            failures.add(route + " as " + who + ": " + e.getMessage());
        }
    }

    @Test
    void aModeratorGets403FromEveryAdminRoute() {
        TestClient moderator = server.as(Role.MODERATOR);
        List<Route> adminRoutes = server.server().api().routes().stream()
                .filter(r -> r.access().kind() == Access.Kind.STAFF && r.access().minRole() == Role.ADMIN)
                .toList();
        assertThat(adminRoutes).hasSizeGreaterThanOrEqualTo(7);
        for (Route route : adminRoutes) {
            String path = route.path().replaceAll("\\{[^}]+}", "1");
            TestClient.Response response = moderator.send(route.method(), path,
                    route.bodyType() == null ? null : "application/json",
                    route.bodyType() == null ? null : "{}".getBytes(StandardCharsets.UTF_8), Map.of());
            assertThat(response.status()).as(route.toString()).isEqualTo(403);
            assertThat(response.problem().type()).endsWith("/forbidden");
        }
    }

    @Test
    void creatorRoutesAreForOpsAndAdminsOnlyAndModeratorsGet403() {
        TestClient moderator = server.as(Role.MODERATOR);
        List<Route> creatorRoutes = server.server().api().routes().stream()
                .filter(r -> r.path().startsWith("/api/v1/creator")).toList();
        assertThat(creatorRoutes).hasSizeGreaterThanOrEqualTo(14);
        for (Route route : creatorRoutes) {
            assertThat(route.access().kind()).as(route.toString()).isEqualTo(Access.Kind.STAFF);
            assertThat(route.access().minRole()).as(route.toString())
                    .isEqualTo(route.method().equals("GET") ? Role.OPS : Role.ADMIN);
            TestClient.Response response = moderator.send(route.method(), route.path().replaceAll("\\{[^}]+}", "1"),
                    route.bodyType() == null ? null : "application/json",
                    route.bodyType() == null ? null : "{}".getBytes(StandardCharsets.UTF_8), Map.of());
            assertThat(response.status()).as(route.toString()).isEqualTo(403);
        }
    }

    @Test
    void roomActionsAreForOpsAndAdminsOnlyAndModeratorsGet403() {
        TestClient moderator = server.as(Role.MODERATOR);
        List<Route> actionRoutes = server.server().api().routes().stream()
                .filter(r -> r.path().startsWith("/api/v1/rooms/") && r.path().endsWith("/actions")).toList();
        assertThat(actionRoutes).isNotEmpty();
        for (Route route : actionRoutes) {
            assertThat(route.access().kind()).as(route.toString()).isEqualTo(Access.Kind.STAFF);
            assertThat(route.access().minRole()).as(route.toString()).isEqualTo(Role.OPS);
            TestClient.Response response = moderator.send(route.method(), route.path().replaceAll("\\{[^}]+}", "r1"),
                    "application/json", "{}".getBytes(StandardCharsets.UTF_8), Map.of("Idempotency-Key", "k"));
            assertThat(response.status()).as(route.toString()).isEqualTo(403);
        }
    }

    @Test
    void theWordListAndTheHeldQueueAreForOpsAndAdminsOnlyAndModeratorsGet403() {
        TestClient moderator = server.as(Role.MODERATOR);
        List<Route> routes = server.server().api().routes().stream()
                .filter(r -> r.path().startsWith("/api/v1/word-list") || r.path().startsWith("/api/v1/held-messages"))
                .toList();
        assertThat(routes).hasSize(7);
        for (Route route : routes) {
            assertThat(route.access().kind()).as(route.toString()).isEqualTo(Access.Kind.STAFF);
            assertThat(route.access().minRole()).as(route.toString()).isEqualTo(Role.OPS);
            TestClient.Response response = moderator.send(route.method(), route.path().replaceAll("\\{[^}]+}", "1"),
                    "application/json", "{}".getBytes(StandardCharsets.UTF_8), Map.of("If-Match", "\"1\""));
            assertThat(response.status()).as(route.toString()).isEqualTo(403);
        }
    }

    @Test
    void theReportAndAppealQueuesAreForOpsAndAdminsOnlyAndModeratorsGet403() {
        TestClient moderator = server.as(Role.MODERATOR);
        List<Route> routes = server.server().api().routes().stream()
                .filter(r -> r.path().startsWith("/api/v1/reports") || r.path().startsWith("/api/v1/appeals")).toList();
        assertThat(routes).hasSize(5);
        for (Route route : routes) {
            assertThat(route.access().kind()).as(route.toString()).isEqualTo(Access.Kind.STAFF);
            assertThat(route.access().minRole()).as(route.toString()).isEqualTo(Role.OPS);
            TestClient.Response response = moderator.send(route.method(), route.path().replaceAll("\\{[^}]+}", "1"),
                    route.bodyType() == null ? null : "application/json",
                    route.bodyType() == null ? null : "{}".getBytes(StandardCharsets.UTF_8),
                    Map.of("Idempotency-Key", "k"));
            assertThat(response.status()).as(route.toString()).isEqualTo(403);
        }
    }
}
