package dev.moddesk.server.review;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Pooled connections in autocommit for the one-statement paths, without a JDBI handle: opening one (config copy,
 * transaction handler) cost more CPU than the claim statement itself. Failures surface as JDBI's exceptions, as
 * they would from a handle.
 */
final class DirectConnections {

    /** Work on one pooled connection. */
    interface Work<T> {
        T apply(Connection c) throws SQLException;
    }

    /** What is read from a statement's result. */
    interface Read<T> {
        T apply(java.sql.ResultSet rs) throws SQLException;
    }

    private final DataSource dataSource;

    DirectConnections(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    <T> T withConnection(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.apply(c);
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e, null);
        }
    }
}
