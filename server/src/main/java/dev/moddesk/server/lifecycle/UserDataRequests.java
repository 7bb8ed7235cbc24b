package dev.moddesk.server.lifecycle;

import dev.moddesk.contract.lifecycle.ErasureReport;
import dev.moddesk.server.core.AuditLog;
import dev.moddesk.server.core.Principal;
import java.time.Clock;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/** The admin's erasure and access requests, each in one transaction with its audit entry. */
final class UserDataRequests {

    private final Jdbi jdbi;
    private final Erasure erasure;
    private final UserExport export;
    private final AuditLog auditLog;
    private final Clock clock;

    UserDataRequests(Jdbi jdbi, Erasure erasure, UserExport export, AuditLog auditLog, Clock clock) {
        this.jdbi = jdbi;
        this.erasure = erasure;
        this.export = export;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    ErasureReport erase(Principal by, String userId, String reason, java.util.Locale language) {
        return jdbi.inTransaction(h -> erasure.erase(h, userId,
                new Erasure.Actor(by.staffId(), by.username(), by.clientAddress()), reason, language));
    }

    Map<String, Object> export(Principal by, String userId) {
        return jdbi.inTransaction(h -> {
            auditLog.record(h, AuditLog.Entry.by(by, "lifecycle.user.export", "user", userId, null, null,
                    "access request"));
            return export.export(h, userId, clock.instant());
        });
    }
}
