package dev.moddesk.server.testing;

import dev.moddesk.server.ModDeskServer;
import dev.moddesk.server.core.Database;
import dev.moddesk.server.core.Feature;
import dev.moddesk.server.core.ServerConfig;
import dev.moddesk.server.core.Services;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Starts real servers on an ephemeral port for tests. H2: a private in-memory database. PostgreSQL: a fresh schema
 * in the shared {@code test} database (other helpers use it concurrently), dropped when the server closes.
 * The PostgreSQL location can be overridden with {@code -Dmoddesk.test.postgres=jdbc:postgresql://host:port/db}
 * and {@code -Dmoddesk.test.postgresUser=name}.
 */
public final class TestServers {
    private static final String PG_URL = System.getProperty("moddesk.test.postgres",
            "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String PG_USER = System.getProperty("moddesk.test.postgresUser", "postgres");

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
        String schema = "t_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        Database.Settings settings = switch (backend) {
            case H2 -> Database.Settings.h2InMemory(schema);
            case POSTGRES -> {
                createSchema(schema);
                yield new Database.Settings(PG_URL + (PG_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema,
                        PG_USER, null);
            }
        };
        ServerConfig config = customize.apply(ServerConfig.defaults(settings, null).withPort(0));
        List<Function<Services, Feature>> features = new ArrayList<>(ModDeskServer.standardFeatures());
        features.addAll(extraFeatures);
        ModDeskServer server = new ModDeskServer(config, features);
        try {
            server.start();
        } catch (RuntimeException e) {
            if (backend == Backend.POSTGRES) {
                dropSchema(schema);
            }
            throw e;
        }
        return new TestServer(server, backend, () -> {
            if (backend == Backend.POSTGRES) {
                dropSchema(schema);
            }
        });
    }

    private static void createSchema(String schema) {
        execute("CREATE SCHEMA " + schema);
    }

    private static void dropSchema(String schema) {
        execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    private static void execute(String sql) {
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, null);
             Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + PG_URL + " is needed for this test: " + e.getMessage(),
                    e);
        }
    }
}
