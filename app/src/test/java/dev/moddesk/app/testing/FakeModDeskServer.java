package dev.moddesk.app.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moddesk.app.api.Json;
import dev.moddesk.contract.AuditEntry;
import dev.moddesk.contract.FieldError;
import dev.moddesk.contract.Health;
import dev.moddesk.contract.Me;
import dev.moddesk.contract.Page;
import dev.moddesk.contract.Problem;
import dev.moddesk.contract.ProblemType;
import dev.moddesk.contract.Role;
import dev.moddesk.contract.ServerInfo;
import dev.moddesk.contract.SessionToken;
import dev.moddesk.contract.StaffMember;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;

/**
 * An in-memory stand-in for the admin API, served by MockWebServer, speaking the contract: sessions, staff, audit
 * (cursor pages, filters), problem+json errors. Accounts: admin/ops/moderator with password "secret123", "disabled"
 * (account-disabled), "throttled" (429 with Retry-After 30).
 */
public final class FakeModDeskServer implements AutoCloseable {
    public static final String PASSWORD = "secret123";

    private final ObjectMapper json = Json.mapper();
    private final MockWebServer server = new MockWebServer();
    private final Map<String, StaffMember> staffByName = new ConcurrentHashMap<>();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    /** Passwords other than {@link #PASSWORD}, after a change. */
    private final Map<String, String> passwords = new ConcurrentHashMap<>();
    /** Accounts whose password an admin set: everything but the password change, me and sign-out answers 403. */
    private final java.util.Set<String> mustChangePassword = ConcurrentHashMap.newKeySet();
    private final List<AuditEntry> audit = new CopyOnWriteArrayList<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong(100);
    private volatile int apiVersion = ServerInfo.API_VERSION;
    private volatile boolean healthy = true;
    private final FakePlatformRoutes platform = new FakePlatformRoutes(this, json);

    public FakeModDeskServer() {
        Instant now = Instant.parse("2026-11-24T08:00:00Z");
        addStaff("admin", "管理员 王芳", Role.ADMIN, List.of(), now);
        addStaff("ops", "运营 李强", Role.OPS, List.of(), now);
        addStaff("moderator", "审核员 张伟", Role.MODERATOR, List.of("北京", "上海"), now);
        addStaff("disabled", "停用 赵敏", Role.MODERATOR, List.of(), now);
        staffByName.computeIfPresent("disabled", (k, m) -> new StaffMember(m.id(), m.username(), m.displayName(), m.role(),
                m.cityScopes(), true, m.createdAt(), null));
        String[] actions = {"session.login", "staff.create", "staff.update", "staff.disable", "session.logout"};
        String[] cities = {"北京", "上海", "成都", "杭州", "广州"};
        for (int i = 0; i < 120; i++) {
            String action = actions[i % actions.length];
            Map<String, Object> before = new LinkedHashMap<>();
            Map<String, Object> after = new LinkedHashMap<>();
            if (action.startsWith("staff")) {
                before.put("role", "MODERATOR");
                before.put("cityScopes", List.of(cities[i % cities.length]));
                before.put("note", "旧备注");
                after.put("role", i % 2 == 0 ? "OPS" : "MODERATOR");
                after.put("cityScopes", List.of(cities[(i + 1) % cities.length]));
                after.put("displayName", "员工" + i);
            }
            audit.add(new AuditEntry(1000 - i, now.minusSeconds(60L * i), 1L, i % 3 == 0 ? "ops" : "admin", action,
                    action.startsWith("staff") ? "staff" : "session", Integer.toString(i % 7),
                    action.startsWith("staff") ? before : null, action.startsWith("staff") ? after : null,
                    i % 4 == 0 ? "审核需要, \"紧急\"" : null, "127.0.0.1"));
        }
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                requests.add(request);
                try {
                    return handle(request);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private StaffMember addStaff(String username, String name, Role role, List<String> scopes, Instant at) {
        StaffMember m = new StaffMember(ids.incrementAndGet(), username, name, role, scopes, false, at, null);
        staffByName.put(username, m);
        return m;
    }

    public String url() {
        return server.url("/").toString().replaceAll("/$", "");
    }

    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    public void apiVersion(int v) {
        apiVersion = v;
    }

    /** Ends every session, as token expiry or disabling an account would. */
    public void expireAllSessions() {
        tokens.clear();
    }

    /** As after an admin reset: {@code username}'s next sign-in must change the password first. */
    public void requirePasswordChange(String username) {
        mustChangePassword.add(username);
    }

    public String passwordOf(String username) {
        return passwords.getOrDefault(username, PASSWORD);
    }

    public void healthy(boolean up) {
        healthy = up;
    }

    public List<AuditEntry> auditEntries() {
        return List.copyOf(audit);
    }

    private MockResponse handle(RecordedRequest r) throws IOException {
        HttpUrl url = r.getUrl();
        String path = url.encodedPath();
        String method = r.getMethod();
        if (path.equals("/health")) {
            return ok(200, new Health(healthy ? "UP" : "DOWN", healthy ? "UP" : "DOWN", "test"));
        }
        if (path.equals("/api/v1/info")) {
            return ok(200, new ServerInfo("ModDesk", "test", apiVersion, true));
        }
        if (path.equals("/api/v1/session") && "POST".equals(method)) {
            JsonNode body = json.readTree(r.getBody().utf8());
            String user = body.path("username").asText();
            String password = body.path("password").asText();
            if (user.equals("throttled")) {
                return problem(ProblemType.TOO_MANY_REQUESTS, "Too many failed logins", List.of(), Map.of("Retry-After", "30"));
            }
            StaffMember m = staffByName.get(user);
            if (m == null || !passwordOf(user).equals(password)) {
                return problem(ProblemType.BAD_CREDENTIALS, "Wrong username or password", List.of(), Map.of());
            }
            if (m.disabled()) {
                return problem(ProblemType.ACCOUNT_DISABLED, "This account is disabled", List.of(), Map.of());
            }
            String token = "tok-" + user + "-" + ids.incrementAndGet();
            tokens.put(token, user);
            return ok(201, new SessionToken(token, Instant.now().plusSeconds(3600), me(m),
                    mustChangePassword.contains(user)));
        }
        StaffMember caller = caller(r);
        if (caller == null) {
            return problem(ProblemType.UNAUTHORIZED, "Sign in first", List.of(), Map.of());
        }
        if (path.equals("/api/v1/session") && "DELETE".equals(method)) {
            tokens.remove(bearer(r));
            return new MockResponse.Builder().code(204).build();
        }
        if (path.equals("/api/v1/me")) {
            return ok(200, me(caller));
        }
        if (path.equals("/api/v1/session/password") && "POST".equals(method)) {
            return changePassword(r, caller);
        }
        if (mustChangePassword.contains(caller.username())) {
            return problem(ProblemType.PASSWORD_CHANGE_REQUIRED, "Change your password first", List.of(), Map.of());
        }
        if (path.equals("/api/v1/audit/actions")) {
            return ok(200, audit.stream().map(AuditEntry::action).distinct().sorted().toList());
        }
        if (path.equals("/api/v1/audit")) {
            return auditPage(url, caller);
        }
        if (path.startsWith("/api/v1/staff")) {
            if (caller.role() != Role.ADMIN) {
                return problem(ProblemType.FORBIDDEN, "Admins only", List.of(), Map.of());
            }
            return staff(r, path, method);
        }
        if (path.startsWith("/api/v1/platform/")) {
            if (caller.role() != Role.ADMIN) {
                return problem(ProblemType.FORBIDDEN, "Admins only", List.of(), Map.of());
            }
            return platform.handle(r, path, method);
        }
        return problem(ProblemType.NOT_FOUND, "No route " + path, List.of(), Map.of());
    }

    /** The platform administration routes (keys, webhooks, deliveries, status). */
    public FakePlatformRoutes platform() {
        return platform;
    }

    private MockResponse auditPage(HttpUrl url, StaffMember caller) throws IOException {
        List<AuditEntry> matching = new ArrayList<>();
        for (AuditEntry e : audit) {
            if (caller.role() != Role.ADMIN && !caller.username().equals(e.actor())) {
                continue;
            }
            if (!matches(url.queryParameter("actor"), e.actor()) || !matches(url.queryParameter("action"), e.action())
                    || !matches(url.queryParameter("targetType"), e.targetType())
                    || !matches(url.queryParameter("targetId"), e.targetId())) {
                continue;
            }
            matching.add(e);
        }
        int start = url.queryParameter("cursor") == null ? 0 : Integer.parseInt(url.queryParameter("cursor"));
        int limit = url.queryParameter("limit") == null ? 50 : Integer.parseInt(url.queryParameter("limit"));
        int end = Math.min(matching.size(), start + limit);
        return ok(200, new Page<>(matching.subList(start, end), end < matching.size() ? Integer.toString(end) : null));
    }

    private static boolean matches(String filter, String value) {
        return filter == null || filter.equals(value);
    }

    private MockResponse staff(RecordedRequest r, String path, String method) throws IOException {
        if (path.equals("/api/v1/staff") && "GET".equals(method)) {
            return ok(200, staffByName.values().stream().sorted((a, b) -> Long.compare(a.id(), b.id())).toList());
        }
        if (path.equals("/api/v1/staff") && "POST".equals(method)) {
            JsonNode body = json.readTree(r.getBody().utf8());
            String username = body.path("username").asText("");
            List<FieldError> errors = new ArrayList<>();
            if (!username.matches("[a-z][a-z0-9_.-]{2,31}")) {
                errors.add(new FieldError("username", "3–32 lowercase letters, digits, _ . -"));
            }
            if (body.path("password").asText("").length() < 8) {
                errors.add(new FieldError("password", "at least 8 characters"));
            }
            if (body.path("displayName").asText("").isBlank()) {
                errors.add(new FieldError("displayName", "required"));
            }
            if (!errors.isEmpty()) {
                return problem(ProblemType.VALIDATION, "Some fields are invalid", errors, Map.of());
            }
            if (staffByName.containsKey(username)) {
                return problem(ProblemType.CONFLICT, "The username " + username + " is taken", List.of(), Map.of());
            }
            List<String> scopes = new ArrayList<>();
            body.path("cityScopes").forEach(n -> scopes.add(n.asText()));
            StaffMember m = addStaff(username, body.path("displayName").asText(), Role.valueOf(body.path("role").asText("MODERATOR")),
                    scopes, Instant.now());
            return ok(201, m);
        }
        String[] parts = path.split("/");
        long id = Long.parseLong(parts[4]);
        StaffMember m = staffByName.values().stream().filter(s -> s.id() == id).findFirst().orElse(null);
        if (m == null) {
            return problem(ProblemType.NOT_FOUND, "No staff member " + id, List.of(), Map.of());
        }
        String action = parts.length > 5 ? parts[5] : "";
        StaffMember updated = switch (action) {
            case "disable" -> new StaffMember(m.id(), m.username(), m.displayName(), m.role(), m.cityScopes(), true, m.createdAt(), m.lastLoginAt());
            case "enable" -> new StaffMember(m.id(), m.username(), m.displayName(), m.role(), m.cityScopes(), false, m.createdAt(), m.lastLoginAt());
            case "password" -> {
                if (json.readTree(r.getBody().utf8()).path("newPassword").asText("").length() < 8) {
                    yield null;
                }
                yield m;
            }
            default -> {
                JsonNode body = json.readTree(r.getBody().utf8());
                List<String> scopes = new ArrayList<>();
                body.path("cityScopes").forEach(n -> scopes.add(n.asText()));
                yield new StaffMember(m.id(), m.username(), body.path("displayName").asText(m.displayName()),
                        body.hasNonNull("role") ? Role.valueOf(body.get("role").asText()) : m.role(),
                        body.has("cityScopes") ? scopes : m.cityScopes(), m.disabled(), m.createdAt(), m.lastLoginAt());
            }
        };
        if (updated == null) {
            return problem(ProblemType.VALIDATION, "Some fields are invalid",
                    List.of(new FieldError("newPassword", "at least 8 characters")), Map.of());
        }
        staffByName.put(updated.username(), updated);
        if (action.equals("password")) {
            return new MockResponse.Builder().code(204).build();
        }
        return ok(200, updated);
    }

    /** The server's rules: the current password must be right, the new one at least 10 characters and different. */
    private MockResponse changePassword(RecordedRequest r, StaffMember caller) throws IOException {
        JsonNode body = json.readTree(r.getBody().utf8());
        String current = body.path("currentPassword").asText("");
        String next = body.path("newPassword").asText("");
        if (next.length() < 10) {
            return problem(ProblemType.VALIDATION, "Some fields are invalid",
                    List.of(new FieldError("newPassword", "must be at least 10 characters")), Map.of());
        }
        if (!passwordOf(caller.username()).equals(current)) {
            return problem(ProblemType.VALIDATION, "The current password is wrong",
                    List.of(new FieldError("currentPassword", "The current password is wrong")), Map.of());
        }
        passwords.put(caller.username(), next);
        mustChangePassword.remove(caller.username());
        return new MockResponse.Builder().code(204).build();
    }

    private StaffMember caller(RecordedRequest r) {
        String token = bearer(r);
        String user = token == null ? null : tokens.get(token);
        return user == null ? null : staffByName.get(user);
    }

    private static String bearer(RecordedRequest r) {
        String h = r.getHeaders().get("Authorization");
        return h != null && h.startsWith("Bearer ") ? h.substring(7) : null;
    }

    private static Me me(StaffMember m) {
        return new Me(m.id(), m.username(), m.displayName(), m.role(), m.cityScopes());
    }

    MockResponse ok(int code, Object body) throws IOException {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json")
                .body(json.writeValueAsString(body)).build();
    }

    MockResponse problem(ProblemType type, String detail, List<FieldError> errors, Map<String, String> headers) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type.uri().toString());
        body.put("title", type.title());
        body.put("status", type.status());
        body.put("detail", detail);
        if (!errors.isEmpty()) {
            body.put("errors", errors);
        }
        MockResponse.Builder b = new MockResponse.Builder().code(type.status())
                .setHeader("Content-Type", Problem.MEDIA_TYPE).body(json.writeValueAsString(body));
        headers.forEach(b::setHeader);
        return b.build();
    }

    @Override
    public void close() {
        server.close();
    }
}
