package dev.moddesk.server.platform;

import java.sql.SQLException;

/** Classifies database failures by SQLState, the same way on H2 and PostgreSQL. */
final class SqlFailures {

    private SqlFailures() {
    }

    /** Failures that a fresh attempt of the same transaction may not hit: lost races and lock waits. */
    static boolean isTransient(Throwable failure) {
        String state = sqlState(failure);
        return state != null && (state.equals("23505") // a concurrent insert of the same key won the race
                || state.equals("40001") // serialization failure
                || state.equals("40P01") // PostgreSQL deadlock
                || state.equals("HYT00")); // H2 lock timeout
    }

    private static String sqlState(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }
}
