package dev.moddesk.server.testing;

import dev.moddesk.server.core.Database;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.jdbi.v3.core.Jdbi;

/**
 * A migrated, isolated database for service-level tests (no HTTP): a private H2 in-memory database, or a fresh schema
 * in the shared PostgreSQL that is dropped afterwards (other builds use it at the same time). {@link TestServers}
 * makes its servers' databases with {@link #place} too. The PostgreSQL location can be overridden with
 * {@code -Dmoddesk.test.postgres=jdbc:postgresql://host:port/db} and {@code -Dmoddesk.test.postgresUser=name}.
 */
public final class TestDatabase implements AutoCloseable {

    private static final String PG_URL = System.getProperty("moddesk.test.postgres",
            "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String PG_USER = System.getProperty("moddesk.test.postgresUser", "postgres");

    /** Where a test's data lives: the settings to open it with, and how to drop it afterwards. */
    public record Place(Database.Settings settings, Runnable drop) {
    }

    private final Place place;
    private final Database database;

    private TestDatabase(Backend backend) {
        place = place(backend, "p_");
        Database opened;
        try {
            opened = Database.open(place.settings());
        } catch (RuntimeException e) {
            place.drop().run();
            throw e;
        }
        // The race tests run up to 32 threads against one pool on a small, loaded machine: more connections than the
        // product's 8 (H2), and a connection wait as long as Hikari's default instead of the product's 5 s.
        opened.dataSource().setMaximumPoolSize(16);
        opened.dataSource().setConnectionTimeout(30_000);
        database = opened;
    }

    public static TestDatabase create(Backend backend) {
        return new TestDatabase(backend);
    }

    /** A fresh place on {@code backend}: an H2 in-memory database or a new PostgreSQL schema named prefix + random. */
    public static Place place(Backend backend, String prefix) {
        String name = prefix + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        return switch (backend) {
            // A lock wait of 10 s instead of H2's 1 s: the race tests run many threads on a small, loaded machine.
            case H2 -> new Place(new Database.Settings(Database.Settings.h2InMemory(name).url() + ";LOCK_TIMEOUT=10000",
                    "sa", ""), () -> { });
            case POSTGRES -> {
                execute("CREATE SCHEMA " + name);
                yield new Place(new Database.Settings(PG_URL + (PG_URL.contains("?") ? "&" : "?") + "currentSchema="
                        + name, PG_USER, null), () -> execute("DROP SCHEMA IF EXISTS " + name + " CASCADE"));
            }
        };
    }

    public Jdbi jdbi() {
        return database.jdbi();
    }

    public Database database() {
        return database;
    }

    public javax.sql.DataSource dataSource() {
        return database.dataSource();
    }

    public boolean isPostgres() {
        return place.settings().isPostgres();
    }

    @Override
    public void close() {
        try {
            database.close();
        } finally {
            place.drop().run();
        }
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
