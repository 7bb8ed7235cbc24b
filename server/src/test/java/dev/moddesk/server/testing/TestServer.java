package dev.moddesk.server.testing;

import dev.moddesk.contract.LoginRequest;
import dev.moddesk.contract.Role;
import dev.moddesk.contract.SessionToken;
import dev.moddesk.server.ModDeskServer;
import dev.moddesk.server.core.PasswordHasher;
import dev.moddesk.server.staff.StaffStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A running test server; closing it stops the server and drops its database. */
public final class TestServer implements AutoCloseable {
    private final ModDeskServer server;
    private final Backend backend;
    private final Runnable cleanup;
    private final Map<String, Long> accounts = new ConcurrentHashMap<>();

    /** Password of every account made by {@link #createAccount}. */
    public static final String PASSWORD = "correct horse battery";

    TestServer(ModDeskServer server, Backend backend, Runnable cleanup) {
        this.server = server;
        this.backend = backend;
        this.cleanup = cleanup;
    }

    public ModDeskServer server() {
        return server;
    }

    public Backend backend() {
        return backend;
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    /** An anonymous client of this server. */
    public TestClient client() {
        return new TestClient(baseUrl(), null);
    }

    /**
     * Makes (once) the account {@code username} with {@code role} and {@link #PASSWORD}, straight in the database
     * (no audit entry), and returns its id.
     */
    public long createAccount(String username, Role role) {
        return accounts.computeIfAbsent(username, name -> server.services().database().jdbi().inTransaction(h -> {
            StaffStore store = new StaffStore();
            return store.findByUsername(h, name).map(row -> row.id()).orElseGet(() -> store.insert(h, name,
                    "Test " + name, PasswordHasher.hash(PASSWORD), role, List.of(), server.services().clock().instant()));
        }));
    }

    /** A client signed in (with a new session) as the test account {@code t-<role>}, made if needed. */
    public TestClient as(Role role) {
        String username = "t-" + role.name().toLowerCase();
        createAccount(username, role);
        return login(username, PASSWORD);
    }

    /** Signs in and returns a client with the new token; fails the test if sign-in does not answer 201. */
    public TestClient login(String username, String password) {
        TestClient.Response response = client().post("/api/v1/session", new LoginRequest(username, password));
        if (response.status() != 201) {
            throw new AssertionError("login as " + username + " failed: " + response);
        }
        return client().withToken(response.as(SessionToken.class).token());
    }

    @Override
    public void close() {
        try {
            server.stop();
        } finally {
            cleanup.run();
        }
    }
}
