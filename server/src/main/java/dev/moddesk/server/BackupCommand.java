package dev.moddesk.server;

import dev.moddesk.server.core.Database;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;

/**
 * {@code moddesk-server backup --to <zip> [--data-dir <dir> | --db-url jdbc:h2:…]}: H2's {@code BACKUP TO} of an
 * embedded database no server has open. A running server holds the file's lock: back it up online with
 * {@code POST /api/v1/lifecycle/backups} instead (the message says so). PostgreSQL: {@code pg_dump}.
 */
final class BackupCommand {

    private BackupCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env, String osName, Path home) {
        Path to = null;
        Path dataDir = null;
        String dbUrl = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (arg) {
                case "--to" -> to = value == null ? null : Path.of(value);
                case "--data-dir" -> dataDir = value == null ? null : Path.of(value);
                case "--db-url" -> dbUrl = value;
                default -> {
                    err.println("moddesk-server backup: unknown option " + arg);
                    return 2;
                }
            }
            if (value == null) {
                err.println("moddesk-server backup: " + arg + " needs a value");
                return 2;
            }
            i++;
        }
        if (to == null) {
            err.println("moddesk-server backup: --to <file.zip> is required");
            return 2;
        }
        if (dbUrl != null && !dbUrl.startsWith("jdbc:h2:")) {
            err.println("moddesk-server backup: only the embedded H2 database is backed up here; back PostgreSQL up"
                    + " with pg_dump (docs/backup.md)");
            return 2;
        }
        if (Files.exists(to)) {
            err.println("moddesk-server backup: " + to + " exists already; name a new file");
            return 2;
        }
        Database.Settings settings = dbUrl != null ? new Database.Settings(dbUrl, "sa", "")
                : Database.Settings.h2File(dataDir != null ? dataDir : Main.defaultDataDir(env, osName, home));
        if (dbUrl == null && !Files.exists(Path.of(settings.url().substring("jdbc:h2:file:".length(),
                settings.url().indexOf(';')) + ".mv.db"))) {
            err.println("moddesk-server backup: no database in " + (dataDir != null ? dataDir : "the data folder"));
            return 1;
        }
        try {
            Database.backupH2(settings, to);
        } catch (SQLException e) {
            if (e.getErrorCode() == 90020) { // DATABASE_ALREADY_OPEN
                err.println("moddesk-server backup: a running server has the database open; take an online backup"
                        + " with POST /api/v1/lifecycle/backups (ADMIN), or stop the server first");
            } else {
                err.println("moddesk-server backup: " + e.getMessage());
            }
            return 1;
        }
        out.println("backup written to " + to.toAbsolutePath());
        return 0;
    }
}
