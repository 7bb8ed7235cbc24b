package dev.moddesk.server.session;

import dev.moddesk.contract.Role;
import dev.moddesk.server.core.Sql;
import dev.moddesk.server.staff.StaffStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** All SQL for sessions and failed-login records. Every method runs on the caller's handle. */
final class SessionStore {
    /** A live session joined with its account, as authentication needs it. */
    record ActiveSession(long staffId, String username, Role role, List<String> cityScopes, boolean disabled,
                         Instant lastUsedAt, Instant expiresAt, boolean mustChangePassword) {
        /** The same session after its last use was written as {@code now}. */
        ActiveSession touched(Instant now, Instant newExpiresAt) {
            return new ActiveSession(staffId, username, role, cityScopes, disabled, now, newExpiresAt,
                    mustChangePassword);
        }
    }

    void insert(Handle h, String tokenHash, long staffId, Instant now, Instant expiresAt, String clientAddress) {
        h.createUpdate("""
                        INSERT INTO staff_session (token_hash, staff_id, created_at, last_used_at, expires_at,
                                                   client_address)
                        VALUES (:hash, :staffId, :now, :now, :expiresAt, :address)""")
                .bind("hash", tokenHash).bind("staffId", staffId).bind("now", Sql.utc(now))
                .bind("expiresAt", Sql.utc(expiresAt)).bind("address", clientAddress).execute();
    }

    /**
     * The session of {@code tokenHash} with its account. Plain JDBC on a pooled connection in autocommit: this runs
     * for every staff request, and opening a JDBI handle and statement cost more CPU than the query.
     */
    Optional<ActiveSession> find(DataSource dataSource, String tokenHash) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(FIND)) {
            ps.setString(1, tokenHash);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new ActiveSession(rs.getLong(1), rs.getString(2), Role.valueOf(rs.getString(3)),
                        StaffStore.parseScopes(rs.getString(4)), rs.getBoolean(5), Sql.instant(rs, "last_used_at"),
                        Sql.instant(rs, "expires_at"), rs.getBoolean(8)));
            }
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e, null);
        }
    }

    private static final String FIND = """
            SELECT s.staff_id, t.username, t.role, t.city_scopes, t.disabled, s.last_used_at, s.expires_at,
                   t.must_change_password
            FROM staff_session s JOIN staff t ON t.id = s.staff_id
            WHERE s.token_hash = ?""";

    void touch(Handle h, String tokenHash, Instant now, Instant expiresAt) {
        h.createUpdate("UPDATE staff_session SET last_used_at = :now, expires_at = :expiresAt "
                        + "WHERE token_hash = :hash")
                .bind("hash", tokenHash).bind("now", Sql.utc(now)).bind("expiresAt", Sql.utc(expiresAt)).execute();
    }

    int delete(Handle h, String tokenHash) {
        return h.createUpdate("DELETE FROM staff_session WHERE token_hash = :hash").bind("hash", tokenHash).execute();
    }

    /** Ends every session of {@code staffId} but the one of {@code keepHash}; returns how many ended. */
    int deleteOthers(Handle h, long staffId, String keepHash) {
        return h.createUpdate("DELETE FROM staff_session WHERE staff_id = :staffId AND token_hash <> :keep")
                .bind("staffId", staffId).bind("keep", keepHash).execute();
    }

    int deleteExpired(Handle h, Instant now) {
        return h.createUpdate("DELETE FROM staff_session WHERE expires_at <= :now").bind("now", Sql.utc(now))
                .execute();
    }

    void setLastLogin(Handle h, long staffId, Instant now) {
        h.createUpdate("UPDATE staff SET last_login_at = :now WHERE id = :id")
                .bind("id", staffId).bind("now", Sql.utc(now)).execute();
    }

    /** Waits for and holds (until the transaction ends) one stripe of the login throttle's locks. */
    void lockStripe(Handle h, int stripe) {
        h.createQuery("SELECT stripe FROM login_throttle_lock WHERE stripe = :stripe FOR UPDATE")
                .bind("stripe", stripe).mapTo(Integer.class).one();
    }

    /** Records a login attempt as a failure (it stays one unless the password turns out right); returns its id. */
    long recordFailure(Handle h, String username, String clientAddress, Instant now) {
        return h.createUpdate("INSERT INTO login_failure (at, username, client_address) "
                        + "VALUES (:at, :username, :address)")
                .bind("at", Sql.utc(now)).bind("username", username).bind("address", clientAddress)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    void deleteFailure(Handle h, long id) {
        h.createUpdate("DELETE FROM login_failure WHERE id = :id").bind("id", id).execute();
    }

    /** Failures for {@code username} since {@code since}: their count and the oldest one's time. */
    Failures failuresForUsername(Handle h, String username, Instant since) {
        return h.createQuery("SELECT COUNT(*) AS n, MIN(at) AS oldest FROM login_failure "
                        + "WHERE username = :username AND at > :since")
                .bind("username", username).bind("since", Sql.utc(since))
                .map((rs, ctx) -> new Failures(rs.getInt("n"), Sql.instant(rs, "oldest"))).one();
    }

    Failures failuresForAddress(Handle h, String clientAddress, Instant since) {
        return h.createQuery("SELECT COUNT(*) AS n, MIN(at) AS oldest FROM login_failure "
                        + "WHERE client_address = :address AND at > :since")
                .bind("address", clientAddress).bind("since", Sql.utc(since))
                .map((rs, ctx) -> new Failures(rs.getInt("n"), Sql.instant(rs, "oldest"))).one();
    }

    void clearFailures(Handle h, String username) {
        h.createUpdate("DELETE FROM login_failure WHERE username = :username").bind("username", username).execute();
    }

    int deleteFailuresBefore(Handle h, Instant before) {
        return h.createUpdate("DELETE FROM login_failure WHERE at <= :before").bind("before", Sql.utc(before))
                .execute();
    }

    record Failures(int count, Instant oldest) {
    }
}
