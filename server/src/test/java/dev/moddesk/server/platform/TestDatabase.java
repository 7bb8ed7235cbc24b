package dev.moddesk.server.platform;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;

/**
 * A migrated, isolated database for one test: a private H2 in-memory database in PostgreSQL mode, or a fresh schema
 * in the shared PostgreSQL (127.0.0.1:5432, database test) that is dropped afterwards.
 */
final class TestDatabase implements AutoCloseable {

    enum Kind { H2, POSTGRES }

    private static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final String PG_USER = "postgres";

    private final Kind kind;
    private final String schema;
    private final HikariDataSource dataSource;
    private final Jdbi jdbi;

    private TestDatabase(Kind kind) throws SQLException {
        this.kind = kind;
        String unique = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        HikariConfig config = new HikariConfig();
        config.setMaximumPoolSize(16);
        if (kind == Kind.H2) {
            schema = null;
            config.setJdbcUrl("jdbc:h2:mem:platform_" + unique
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000");
        } else {
            schema = "platform_test_" + unique;
            try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, "");
                    Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA " + schema);
            }
            config.setJdbcUrl(PG_URL + "?currentSchema=" + schema);
            config.setUsername(PG_USER);
        }
        dataSource = new HikariDataSource(config);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbi = Jdbi.create(dataSource);
    }

    static TestDatabase create(Kind kind) {
        try {
            return new TestDatabase(kind);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the " + kind + " test database", e);
        }
    }

    Kind kind() {
        return kind;
    }

    Jdbi jdbi() {
        return jdbi;
    }

    @Override
    public void close() {
        dataSource.close();
        if (schema != null) {
            try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, "");
                    Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            } catch (SQLException e) {
                throw new IllegalStateException("cannot drop test schema " + schema, e);
            }
        }
    }
}
