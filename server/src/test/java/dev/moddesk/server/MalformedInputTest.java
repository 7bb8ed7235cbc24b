package dev.moddesk.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moddesk.contract.ProblemType;
import dev.moddesk.contract.Role;
import dev.moddesk.server.core.Access;
import dev.moddesk.server.core.Route;
import dev.moddesk.server.testing.Backend;
import dev.moddesk.server.testing.OpenApiContract;
import dev.moddesk.server.testing.TestClient;
import dev.moddesk.server.testing.TestServer;
import dev.moddesk.server.testing.TestServers;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Hundreds of malformed requests generated from the route registry (bad JSON, wrong types per field, wrong or
 * missing content types, oversized bodies, bad path ids, bad query values, unknown routes, wrong methods,
 * unacceptable Accept headers). Every one must answer 4xx application/problem+json with a type, never 5xx.
 */
@ParameterizedClass
@EnumSource(Backend.class)
class MalformedInputTest {
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

    /** One generated request; {@code template} is the route it aims at (null for unknown routes). */
    record Case(String label, String method, String path, String template, String contentType, byte[] body,
                Map<String, String> headers) {
    }

    private static final List<String> BAD_JSON = List.of("{", "{\"a\":}", "[", "nul", "{\"username\":\"x\",}",
            "'single quoted'", "{\"a\":1}{\"b\":2}", "{\"a\" 1}", "{a:1}", "\u0000", "{\"a\":\"\\q\"}",
            "{\"a\":tru}", "}{", "{\"a\":[1,2}");
    private static final List<String> WRONG_SHAPE = List.of("[]", "123", "\"text\"", "true", "null", "[{}]");
    private static final List<String> BAD_CONTENT_TYPES = List.of("text/plain", "application/xml",
            "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/jsonp",
            "text/json", "");
    private static final List<String> BAD_IDS = List.of("abc", "-1", "0", "99999999999999999999", "1.5", "%20",
            URLEncoder.encode("不是数字", StandardCharsets.UTF_8), "1e3", "0x10");
    private static final List<String> UNKNOWN_PATHS = List.of("/api/v2/staff", "/api/v1/staf", "/api/v1",
            "/api/v1/", "/api/v1/staff/1/unknown", "/api/v1/staff/1/disable/now", "/api/v1/audit/actions/x",
            "/api/v1/%2e%2e/staff", "/admin", "/index.html", "/favicon.ico", "/api/v1/session/extra",
            "/metrics/x", "/openapi.yaml", "/health/db", "/api/v1/me/1", "/" + "x".repeat(3000));
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");

    @Test
    void everyMalformedRequestIsA4xxProblem() {
        TestClient admin = server.as(Role.ADMIN);
        List<Case> cases = generate();
        List<String> failures = new ArrayList<>();
        Map<Integer, Integer> byStatus = new TreeMap<>();
        for (Case c : cases) {
            TestClient client = c.template() != null && c.template().equals("/api/v1/session")
                    && c.method().equals("DELETE") ? server.client() : admin;
            TestClient.Response response = client.send(c.method(), c.path(), c.contentType(), c.body(),
                    c.headers());
            byStatus.merge(response.status(), 1, Integer::sum);
            if (response.status() < 400 || response.status() >= 500) {
                failures.add(c.label() + ": " + response);
                continue;
            }
            if (!"application/problem+json".equals(response.contentType())) {
                failures.add(c.label() + ": not problem+json: " + response);
                continue;
            }
            String type = response.json().path("type").asText("");
            if (ProblemType.fromUri(type).isEmpty()) {
                failures.add(c.label() + ": unknown problem type: " + response);
            }
            if (c.template() != null) {
                try {
                    contract.check(c.method(), c.template(), response);
                } catch (AssertionError e) {
                    failures.add(c.label() + ": " + e.getMessage());
                }
            } else if (!contract.validate("Problem", response.json()).isEmpty()) {
                failures.add(c.label() + ": not a Problem: " + response);
            }
        }
        assertThat(failures).isEmpty();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(200);
        System.err.println("MalformedInputTest[" + server.backend() + "]: " + cases.size()
                + " malformed requests, answers by status " + byStatus);
    }

    private static List<Case> generate() {
        List<Case> cases = new ArrayList<>();
        List<Route> routes = server.server().api().routes().stream()
                .filter(r -> r.access().kind() != Access.Kind.PLATFORM).toList();
        for (Route route : routes) {
            String path = route.path().replaceAll("\\{[^}]+}", "987654");
            String label = route.method() + " " + route.path();
            if (route.bodyType() != null) {
                for (String json : BAD_JSON) {
                    cases.add(json(label + " bad JSON " + json, route, path, json));
                }
                cases.add(new Case(label + " invalid UTF-8", route.method(), path, route.path(), "application/json",
                        new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}, Map.of()));
                cases.add(new Case(label + " empty body", route.method(), path, route.path(), "application/json",
                        new byte[0], Map.of()));
                for (String json : WRONG_SHAPE) {
                    cases.add(json(label + " shape " + json, route, path, json));
                }
                for (String type : BAD_CONTENT_TYPES) {
                    cases.add(new Case(label + " content type '" + type + "'", route.method(), path, route.path(),
                            type.isEmpty() ? null : type, "{}".getBytes(StandardCharsets.UTF_8), Map.of()));
                }
                byte[] huge = new byte[1024 * 1024 + 100];
                Arrays.fill(huge, (byte) ' ');
                huge[0] = '{';
                huge[huge.length - 1] = '}';
                cases.add(new Case(label + " huge body", route.method(), path, route.path(), "application/json",
                        huge, Map.of()));
                for (Map.Entry<String, String> wrong : wrongFieldValues(route.bodyType()).entrySet()) {
                    cases.add(json(label + " wrong type " + wrong.getKey(), route, path, wrong.getValue()));
                }
            }
            if (route.path().contains("{")) {
                for (String id : BAD_IDS) {
                    String bad = route.path().replaceAll("\\{[^}]+}", id);
                    cases.add(new Case(label + " bad id " + id, route.method(), bad, route.path(),
                            route.bodyType() == null ? null : "application/json",
                            route.bodyType() == null ? null : "{}".getBytes(StandardCharsets.UTF_8), Map.of()));
                }
            }
            for (Route.QueryParam q : route.queryParams()) {
                for (String value : badQueryValues(q)) {
                    cases.add(new Case(label + " query " + q.name() + "=" + value, route.method(),
                            path + "?" + q.name() + "=" + value, route.path(), null, null, Map.of()));
                }
            }
            if (route.produces().equals("application/json")) {
                for (String accept : List.of("text/html", "application/xml", "image/png")) {
                    cases.add(new Case(label + " Accept " + accept, route.method(), path, route.path(),
                            route.bodyType() == null ? null : "application/json",
                            route.bodyType() == null ? null : "{}".getBytes(StandardCharsets.UTF_8),
                            Map.of("Accept", accept)));
                }
            }
        }
        // wrong methods on known paths
        Map<String, Set<String>> methodsByPath = new TreeMap<>();
        for (Route route : server.server().api().routes()) {
            methodsByPath.computeIfAbsent(route.path(), p -> new java.util.TreeSet<>()).add(route.method());
        }
        methodsByPath.forEach((template, allowed) -> {
            for (String method : METHODS) {
                if (!allowed.contains(method)) {
                    cases.add(new Case(method + " " + template + " wrong method", method,
                            template.replaceAll("\\{[^}]+}", "1"), null, "application/json",
                            method.equals("GET") || method.equals("DELETE") ? null
                                    : "{}".getBytes(StandardCharsets.UTF_8), Map.of()));
                }
            }
        });
        for (String path : UNKNOWN_PATHS) {
            for (String method : List.of("GET", "POST", "DELETE")) {
                cases.add(new Case(method + " " + path + " unknown", method, path, null,
                        method.equals("POST") ? "application/json" : null,
                        method.equals("POST") ? "{}".getBytes(StandardCharsets.UTF_8) : null, Map.of()));
            }
        }
        return cases;
    }

    private static Case json(String label, Route route, String path, String json) {
        return new Case(label, route.method(), path, route.path(), "application/json",
                json.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** For each record component, bodies where only that component has a value of the wrong JSON type. */
    private static Map<String, String> wrongFieldValues(Type bodyType) {
        Map<String, String> bodies = new TreeMap<>();
        if (!(bodyType instanceof Class<?> record) || !record.isRecord()) {
            return bodies;
        }
        for (RecordComponent component : record.getRecordComponents()) {
            Class<?> type = component.getType();
            List<String> wrong;
            if (type == String.class) {
                wrong = List.of("123", "true", "{}", "[\"a\"]", "1.5");
            } else if (type.isEnum()) {
                wrong = List.of("\"NOT_A_VALUE\"", "1", "{}", "[]", "\"admin \"");
            } else if (Collection.class.isAssignableFrom(type)) {
                boolean ofStrings = component.getGenericType() instanceof ParameterizedType p
                        && p.getActualTypeArguments()[0] == String.class;
                wrong = ofStrings ? List.of("\"北京\"", "{\"a\":1}", "[1]", "[[\"x\"]]", "7")
                        : List.of("\"x\"", "{\"a\":1}", "7");
            } else if (type == int.class || type == long.class || type == Integer.class || type == Long.class) {
                wrong = List.of("\"12\"", "true", "{}", "1.5");
            } else if (type == boolean.class || type == Boolean.class) {
                wrong = List.of("\"yes\"", "1", "{}");
            } else if (type == Instant.class) {
                wrong = List.of("\"yesterday\"", "true", "{}");
            } else {
                wrong = List.of("\"x\"", "1");
            }
            for (int i = 0; i < wrong.size(); i++) {
                bodies.put(component.getName() + "#" + i, "{\"" + component.getName() + "\":" + wrong.get(i) + "}");
            }
        }
        return bodies;
    }

    private static List<String> badQueryValues(Route.QueryParam q) {
        if (q.type() == Integer.class || q.type() == Long.class) {
            return List.of("x", "-5", "0", "99999999999", "1e3", "1.5", "%20");
        }
        if (q.type() == Instant.class) {
            return List.of("yesterday", "2026-13-01T00:00:00Z", "1700000000", "2026-01-01", "%00");
        }
        if (q.type() == Boolean.class) {
            return List.of("maybe", "1");
        }
        if (q.name().equals("cursor")) {
            return List.of("nonsense", "YTE6YWJj", "YTE6LTQ", "%00", "!!!", "x".repeat(500));
        }
        return List.of();
    }
}
