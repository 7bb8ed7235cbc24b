package dev.moddesk.server.testing;

import dev.moddesk.server.ModDeskServer;

/** A running test server; closing it stops the server and drops its database. */
public final class TestServer implements AutoCloseable {
    private final ModDeskServer server;
    private final Backend backend;
    private final Runnable cleanup;

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

    @Override
    public void close() {
        try {
            server.stop();
        } finally {
            cleanup.run();
        }
    }
}
