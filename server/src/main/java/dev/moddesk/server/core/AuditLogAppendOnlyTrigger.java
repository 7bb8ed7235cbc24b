package dev.moddesk.server.core;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import org.h2.api.Trigger;

/**
 * H2 trigger (installed by migration {@code db/vendor/h2/V2}) that refuses UPDATE and DELETE on {@code audit_log},
 * the H2 twin of the PostgreSQL trigger: H2 has no procedural SQL, so its triggers are Java classes. Inside
 * {@link AuditLog#maintaining} (the session variable {@value #H2_VARIABLE} names the maintenance) a DELETE is let
 * through for {@code retention} and an UPDATE for {@code erasure}, if it keeps the entry's id, time, actor and action.
 */
public final class AuditLogAppendOnlyTrigger implements Trigger {

    /** PostgreSQL's transaction-local setting with the maintenance word (see db/vendor/postgresql/V6). */
    static final String SETTING = "moddesk.audit_maintenance";
    /** H2's session variable with the maintenance word. */
    static final String H2_VARIABLE = "moddesk_audit_maintenance";

    // audit_log's columns in table order: id, at, actor_id, actor_name, action, target_type, target_id, before_json,
    // after_json, reason, client_address. The first five and the last may never change.
    private static final int[] FIXED = {0, 1, 2, 3, 4, 10};

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        String maintenance = maintenance(conn);
        if (newRow == null && AuditLog.Maintenance.RETENTION.word().equals(maintenance)) {
            return;
        }
        if (newRow != null && oldRow != null && AuditLog.Maintenance.ERASURE.word().equals(maintenance)
                && keepsFixedColumns(oldRow, newRow)) {
            return;
        }
        throw new SQLException("audit_log is append-only", "42501");
    }

    private static boolean keepsFixedColumns(Object[] oldRow, Object[] newRow) {
        for (int i : FIXED) {
            if (i < oldRow.length && !Objects.equals(oldRow[i], newRow[i])) {
                return false;
            }
        }
        return true;
    }

    private static String maintenance(Connection conn) throws SQLException {
        return AuditLog.h2Maintenance(conn);
    }
}
