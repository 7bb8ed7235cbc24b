package dev.moddesk.server.platform;

import dev.moddesk.server.core.Database;
import dev.moddesk.server.testing.Backend;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.jdbi.v3.core.Jdbi;

/**
 * A migrated, isolated database for service-level platform tests (no HTTP): a private H2 in-memory database, or a
 * fresh schema in the shared PostgreSQL (127.0.0.1:5432, database test) that is dropped afterwards.
 */
final class TestDatabase implements AutoCloseable {

    private static final String PG_URL = System.getProperty("moddesk.test.postgres",
            "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String PG_USER = System.getProperty("moddesk.test.postgresUser", "postgres");

    private final String schema;
    private final Database database;

    private TestDatabase(Backend backend) {
        String name = "p_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        if (backend == Backend.H2) {
            schema = null;
            database = Database.open(Database.Settings.h2InMemory(name));
        } else {
            schema = name;
            execute("CREATE SCHEMA " + schema);
            database = Database.open(new Database.Settings(PG_URL + (PG_URL.contains("?") ? "&" : "?")
                    + "currentSchema=" + schema, PG_USER, null));
        }
    }

    static TestDatabase create(Backend backend) {
        return new TestDatabase(backend);
    }

    Jdbi jdbi() {
        return database.jdbi();
    }

    @Override
    public void close() {
        database.close();
        if (schema != null) {
            execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    private static void execute(String sql) {
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, null);
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + PG_URL + " is needed for this test: " + e.getMessage(), e);
        }
    }
}
