package dev.moddesk.server.core;

import java.sql.Connection;
import java.sql.SQLException;
import org.h2.api.Trigger;

/**
 * H2 trigger (installed by migration {@code db/vendor/h2/V2}) that refuses UPDATE and DELETE on {@code audit_log},
 * the H2 twin of the PostgreSQL trigger: H2 has no procedural SQL, so its triggers are Java classes.
 */
public final class AuditLogAppendOnlyTrigger implements Trigger {
    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        throw new SQLException("audit_log is append-only", "42501");
    }
}
