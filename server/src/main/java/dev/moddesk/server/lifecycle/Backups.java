package dev.moddesk.server.lifecycle;

import dev.moddesk.contract.ProblemType;
import dev.moddesk.contract.lifecycle.BackupResult;
import dev.moddesk.server.core.AuditLog;
import dev.moddesk.server.core.Principal;
import dev.moddesk.server.core.ProblemException;
import dev.moddesk.server.core.Services;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Online backups of the embedded H2 database, taken by the running server (the file is locked to it): H2's
 * {@code BACKUP TO} into {@code <data dir>/backups/moddesk-<UTC time>.zip}. The admin names no path, so the route
 * cannot be used to write elsewhere on the server. PostgreSQL is backed up with {@code pg_dump} (docs/backup.md).
 */
final class Backups {

    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final Services services;

    Backups(Services services) {
        this.services = services;
    }

    BackupResult backup(Principal by) {
        if (services.database().isPostgres()) {
            throw ProblemException.keyed(ProblemType.CONFLICT, "lifecycle.backup.postgres");
        }
        if (services.config().dataDir() == null) {
            throw ProblemException.keyed(ProblemType.CONFLICT, "lifecycle.backup.noDataDir");
        }
        var at = services.clock().instant();
        try {
            Path folder = Files.createDirectories(services.config().dataDir().resolve("backups"));
            Path file = folder.resolve("moddesk-" + NAME.format(at) + ".zip");
            for (int n = 2; Files.exists(file); n++) {
                file = folder.resolve("moddesk-" + NAME.format(at) + "-" + n + ".zip");
            }
            services.database().backupH2(file);
            long bytes = Files.size(file);
            String name = file.getFileName().toString();
            services.database().jdbi().useTransaction(h -> services.auditLog().record(h, AuditLog.Entry.by(by,
                    "lifecycle.backup", "backup", name, null, java.util.Map.of("bytes", bytes), null)));
            return new BackupResult(name, bytes, at);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the backup", e);
        }
    }
}
