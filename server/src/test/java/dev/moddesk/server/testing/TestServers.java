package dev.moddesk.server.testing;

import dev.moddesk.server.ModDeskServer;
import dev.moddesk.server.core.Feature;
import dev.moddesk.server.core.ServerConfig;
import dev.moddesk.server.core.Services;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Starts real servers on an ephemeral port for tests, each on its own {@link TestDatabase#place}: a private H2
 * in-memory database, or a fresh schema in the shared PostgreSQL {@code test} database, dropped when the server
 * closes.
 */
public final class TestServers {
    private TestServers() {
    }

    /** A standard server (every standard feature) on {@code backend}. */
    public static TestServer start(Backend backend) {
        return start(backend, UnaryOperator.identity(), List.of());
    }

    /**
     * A server on {@code backend} with the standard features plus {@code extraFeatures}, its config adjusted by
     * {@code customize} (shorter TTLs, a test clock…).
     */
    public static TestServer start(Backend backend, UnaryOperator<ServerConfig> customize,
                                   List<Function<Services, Feature>> extraFeatures) {
        TestDatabase.Place place = TestDatabase.place(backend, "t_");
        ServerConfig config = customize.apply(ServerConfig.defaults(place.settings(), null).withPort(0));
        List<Function<Services, Feature>> features = new ArrayList<>(ModDeskServer.standardFeatures());
        features.addAll(extraFeatures);
        ModDeskServer server = new ModDeskServer(config, features);
        try {
            server.start();
        } catch (RuntimeException e) {
            place.drop().run();
            throw e;
        }
        return new TestServer(server, backend, place.drop());
    }

    /**
     * A standard server on a database {@code place} the caller made (and drops): several nodes of one deployment share
     * it, and a node stopped and started again finds its data.
     */
    public static TestServer startOn(TestDatabase.Place place, Backend backend, UnaryOperator<ServerConfig> customize) {
        ServerConfig config = customize.apply(ServerConfig.defaults(place.settings(), null).withPort(0));
        ModDeskServer server = new ModDeskServer(config, ModDeskServer.standardFeatures());
        server.start();
        return new TestServer(server, backend, () -> { });
    }
}
