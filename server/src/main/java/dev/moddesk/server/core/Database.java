package dev.moddesk.server.core;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.util.Locale;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection pool (HikariCP), the schema (Flyway) and the JDBI entry point, for H2 or PostgreSQL.
 *
 * <p>Migrations: {@code db/migration} holds the SQL both databases run (H2 runs in PostgreSQL mode with
 * lower-case names and nulls sorted last, so plain PostgreSQL-flavoured SQL works on both). Version ranges:
 * V1–V9 core, V10–V19 platform, V20–V29 review, V30– rooms, V40– creators. Where the two databases must differ,
 * a migration of the same version lives in {@code db/vendor/h2} and in {@code db/vendor/postgresql} (only the
 * matching one runs); today only the audit log's append-only trigger does.
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);

    /** Where and as whom to connect. {@code user}/{@code password} may be null. */
    public record Settings(String url, String user, String password) {
        public Settings {
            if (url == null || !url.startsWith("jdbc:")) {
                throw new IllegalArgumentException("a JDBC URL is required, e.g. jdbc:postgresql://host/db");
            }
        }

        /** The embedded file database in {@code dataDir} (created if missing). */
        public static Settings h2File(Path dataDir) {
            String file = dataDir.toAbsolutePath().resolve("moddesk").toString().replace('\\', '/');
            // The server closes the pool itself on stop; H2's own exit hook would close the database under it first.
            // WRITE_DELAY=0: H2 otherwise writes committed changes to the file up to a second later, so a killed or
            // crashed server lost decisions it had already confirmed (EmbeddedDatabaseDurabilityTest).
            return new Settings("jdbc:h2:file:" + file + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0;" + H2_MODE, "sa", "");
        }

        /** A private in-memory database that lives as long as the pool (tests). */
        public static Settings h2InMemory(String name) {
            return new Settings("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;" + H2_MODE, "sa", "");
        }

        public boolean isPostgres() {
            return url.toLowerCase(Locale.ROOT).startsWith("jdbc:postgresql:");
        }

        @Override
        public String toString() {
            return "Settings[url=" + url + ", user=" + user + ", password=***]";
        }
    }

    static final String H2_MODE = "MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final Settings settings;

    private Database(Settings settings, HikariDataSource dataSource) {
        this.settings = settings;
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource);
    }

    /** Connects, migrates the schema to the latest version, and returns the ready database. */
    public static Database open(Settings settings) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(settings.url());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setPoolName("moddesk-db");
        config.setMaximumPoolSize(settings.isPostgres() ? 10 : 8);
        config.setConnectionTimeout(5_000);
        config.setValidationTimeout(2_000);
        HikariDataSource dataSource = new HikariDataSource(config);
        try {
            String vendor = settings.isPostgres() ? "postgresql" : "h2";
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration", "classpath:db/vendor/" + vendor)
                    .failOnMissingLocations(false)
                    // Each feature numbers its migrations in its own range, so a core migration (V3) can arrive
                    // after a database already has review's V22; it still runs.
                    .outOfOrder(true)
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        log.info("Database ready at {}", redact(settings.url()));
        return new Database(settings, dataSource);
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public HikariDataSource dataSource() {
        return dataSource;
    }

    public boolean isPostgres() {
        return settings.isPostgres();
    }

    /** Where and as whom this database connects (for a connection of its own outside the pool). */
    public Settings settings() {
        return settings;
    }

    /** "PostgreSQL" or "H2", for health and info answers. */
    public String productName() {
        return isPostgres() ? "PostgreSQL" : "H2";
    }

    /** Whether the database answers a trivial query within a couple of seconds. */
    public boolean ping() {
        try {
            return jdbi.withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one()) == 1;
        } catch (RuntimeException e) {
            log.warn("Database ping failed: {}", e.toString());
            return false;
        }
    }

    /**
     * An online backup of this embedded H2 database into the zip file {@code zip} (H2's {@code BACKUP TO}: a
     * consistent copy taken while the server keeps running). PostgreSQL is backed up with {@code pg_dump}.
     */
    public void backupH2(Path zip) {
        if (isPostgres()) {
            throw new IllegalStateException("PostgreSQL is backed up with pg_dump (docs/backup.md)");
        }
        jdbi.useHandle(h -> h.execute(backupStatement(zip)));
    }

    /** The same for an H2 database no server has open ({@code moddesk-server backup --to}). */
    public static void backupH2(Settings settings, Path zip) throws java.sql.SQLException {
        if (settings.isPostgres()) {
            throw new IllegalArgumentException("PostgreSQL is backed up with pg_dump (docs/backup.md)");
        }
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(settings.url(), settings.user(),
                settings.password()); java.sql.Statement s = c.createStatement()) {
            s.execute(backupStatement(zip));
        }
    }

    private static String backupStatement(Path zip) {
        // BACKUP TO takes a literal, not a parameter: the path is quoted with its quotes doubled.
        return "BACKUP TO '" + zip.toAbsolutePath().toString().replace("'", "''") + "'";
    }

    @Override
    public void close() {
        dataSource.close();
    }

    /** The URL without a password parameter, for logs. */
    static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }
}
