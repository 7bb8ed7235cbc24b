package dev.moddesk.server.review;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.Locale;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;

/**
 * A migrated database for one test class: H2 in memory, or a fresh schema in the shared PostgreSQL test database
 * (other builds use it at the same time, so each class gets its own schema and drops it afterwards).
 */
final class ReviewTestDatabase implements AutoCloseable {

    static final String POSTGRES_URL = System.getProperty("moddesk.test.postgres",
            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

    final HikariDataSource dataSource;
    private final String schema;
    final Jdbi jdbi;

    private ReviewTestDatabase(HikariDataSource dataSource, String schema) {
        this.dataSource = dataSource;
        this.schema = schema;
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration")
                .schemas(schema == null ? new String[0] : new String[]{schema}).load().migrate();
        this.jdbi = Jdbi.create(dataSource);
    }

    static ReviewTestDatabase h2() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:mem:review" + UUID.randomUUID().toString().replace("-", "")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
        config.setMaximumPoolSize(16);
        return new ReviewTestDatabase(new HikariDataSource(config), null);
    }

    static ReviewTestDatabase postgres() {
        String schema = "review_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(POSTGRES_URL + "&currentSchema=" + schema);
        config.setMaximumPoolSize(16);
        return new ReviewTestDatabase(new HikariDataSource(config), schema);
    }

    boolean isPostgres() {
        return schema != null;
    }

    @Override
    public void close() {
        if (schema != null) {
            jdbi.useHandle(h -> h.execute("DROP SCHEMA " + schema + " CASCADE"));
        }
        dataSource.close();
    }
}
