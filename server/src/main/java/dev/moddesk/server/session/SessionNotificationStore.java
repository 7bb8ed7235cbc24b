package dev.moddesk.server.session;

import dev.moddesk.server.core.Database;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * The PostgreSQL side of session revocation: a connection of its own (outside the pool, so a long wait never holds a
 * pooled one) that listens on {@code moddesk_session}, where the triggers of migration V86 announce, on commit, the
 * staff ids whose account or sessions changed (payload {@code "<schema> <staff id>"}).
 */
final class SessionNotificationStore {
    static final String CHANNEL = "moddesk_session";
    /** pg_stat_activity's application_name of the listening connection, followed by the schema. */
    static final String APPLICATION_NAME = "moddesk-sessions ";

    /** One listening connection; not thread-safe (the listener's thread only), but {@link #close} may come from any. */
    static final class Listening implements AutoCloseable {
        private final Connection connection;
        private final PGConnection pg;
        private final String schema;

        private Listening(Connection connection, String schema) throws SQLException {
            this.connection = connection;
            this.pg = connection.unwrap(PGConnection.class);
            this.schema = schema;
        }

        /** Staff ids announced for this schema, waiting up to {@code timeoutMillis} for the first one. */
        List<Long> poll(int timeoutMillis) throws SQLException {
            PGNotification[] notifications = pg.getNotifications(timeoutMillis);
            List<Long> ids = new ArrayList<>();
            if (notifications == null) {
                return ids;
            }
            for (PGNotification n : notifications) {
                String payload = n.getParameter();
                int space = payload == null ? -1 : payload.lastIndexOf(' ');
                if (space > 0 && payload.substring(0, space).equals(schema)) {
                    try {
                        ids.add(Long.parseLong(payload.substring(space + 1)));
                    } catch (NumberFormatException e) {
                        // Not one of ours: the channel is open to anyone who can connect.
                    }
                }
            }
            return ids;
        }

        /** Checks the connection is alive (a silent network loss would otherwise look like a quiet channel). */
        void ping() throws SQLException {
            try (Statement s = connection.createStatement()) {
                s.setQueryTimeout(5);
                s.execute("SELECT 1");
            }
        }

        @Override
        public void close() {
            try {
                connection.close();
            } catch (SQLException e) {
                // Closing a broken connection: nothing left to release.
            }
        }
    }

    /** Connects as {@code settings} say and listens; notifications committed from now on will arrive. */
    Listening listen(Database.Settings settings) throws SQLException {
        Properties props = new Properties();
        if (settings.user() != null) {
            props.setProperty("user", settings.user());
        }
        if (settings.password() != null) {
            props.setProperty("password", settings.password());
        }
        props.setProperty("tcpKeepAlive", "true");
        props.setProperty("connectTimeout", "5");
        Connection c = DriverManager.getConnection(settings.url(), props);
        try {
            c.setAutoCommit(true);
            String schema;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT current_schema()")) {
                rs.next();
                schema = rs.getString(1);
            }
            String name = APPLICATION_NAME + schema;
            c.setClientInfo("ApplicationName", name.length() > 63 ? name.substring(0, 63) : name);
            try (Statement s = c.createStatement()) {
                s.execute("LISTEN " + CHANNEL);
            }
            return new Listening(c, schema);
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }
}
