package dev.moddesk.app.e2e;

import dev.moddesk.app.api.ApiClient;
import dev.moddesk.app.api.SessionApi;
import dev.moddesk.app.api.Json;
import dev.moddesk.app.core.SandboxServer;
import dev.moddesk.contract.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The real reference server, started from its jar exactly as the console's sandbox mode starts it: its own process,
 * embedded database in a fresh data directory, seeded accounts read from its stdout. The reactor builds the server
 * jar before the console's tests run; a missing jar fails the test instead of skipping it.
 */
final class RealServer implements AutoCloseable {
    private final SandboxServer server;

    private RealServer(SandboxServer server) {
        this.server = server;
    }

    static RealServer start(Path dataDir) throws Exception {
        return start(dataDir, java.util.List.of());
    }

    /** With server options, e.g. {@code --no-sim} for a test that ingests its own data through {@link TestPlatform}. */
    static RealServer start(Path dataDir, java.util.List<String> options) throws Exception {
        String jar = System.getProperty("moddesk.server.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("The server jar is missing (" + jar + "): build the reactor (mvn verify) first");
        }
        return new RealServer(SandboxServer.start(Path.of(jar), dataDir, Duration.ofSeconds(180), options));
    }

    String url() {
        return server.url();
    }

    /** A fresh client, not signed in. */
    ApiClient client() {
        return new ApiClient(ApiClient.parseServerUrl(server.url()), ApiClient.defaultHttpClient(), Json.mapper());
    }

    /** A client signed in as the seeded account of that role. */
    ApiClient signedIn(Role role) {
        SandboxServer.Account account = server.account(role).orElseThrow();
        ApiClient client = client();
        new SessionApi(client).login(account.username(), account.password()).join();
        return client;
    }

    SandboxServer.Account account(Role role) {
        return server.account(role).orElseThrow();
    }

    boolean running() {
        return server.running();
    }

    /** Kills the server as a crash would (SIGKILL: no shutdown hook, no graceful stop) and waits until it is gone. */
    void crash() throws Exception {
        ProcessHandle handle = ProcessHandle.of(server.pid()).orElseThrow();
        handle.destroyForcibly();
        handle.onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        server.close();
    }
}
