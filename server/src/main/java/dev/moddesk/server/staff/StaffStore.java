package dev.moddesk.server.staff;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.moddesk.contract.Role;
import dev.moddesk.server.core.Json;
import dev.moddesk.server.core.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** All SQL on the {@code staff} table. Every method runs on the caller's handle (and transaction). */
public final class StaffStore {
    private static final String COLUMNS =
            "id, username, display_name, password_hash, role, city_scopes, disabled, created_at, last_login_at";

    public long insert(Handle h, String username, String displayName, String passwordHash, Role role,
                       List<String> cityScopes, Instant createdAt) {
        return h.createUpdate("""
                        INSERT INTO staff (username, display_name, password_hash, role, city_scopes, disabled, created_at)
                        VALUES (:username, :displayName, :hash, :role, :scopes, FALSE, :createdAt)""")
                .bind("username", username)
                .bind("displayName", displayName)
                .bind("hash", passwordHash)
                .bind("role", role.name())
                .bind("scopes", scopesJson(cityScopes))
                .bind("createdAt", Sql.utc(createdAt))
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one();
    }

    public Optional<StaffRow> findById(Handle h, long id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM staff WHERE id = :id")
                .bind("id", id).map((rs, ctx) -> row(rs)).findOne();
    }

    public Optional<StaffRow> findByUsername(Handle h, String username) {
        return h.createQuery("SELECT " + COLUMNS + " FROM staff WHERE username = :username")
                .bind("username", username).map((rs, ctx) -> row(rs)).findOne();
    }

    /** Locks the row for the rest of the transaction, so concurrent changes to one account serialise. */
    public Optional<StaffRow> findByIdForUpdate(Handle h, long id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM staff WHERE id = :id FOR UPDATE")
                .bind("id", id).map((rs, ctx) -> row(rs)).findOne();
    }

    public List<StaffRow> list(Handle h) {
        return h.createQuery("SELECT " + COLUMNS + " FROM staff ORDER BY username")
                .map((rs, ctx) -> row(rs)).list();
    }

    public void update(Handle h, long id, String displayName, Role role, List<String> cityScopes) {
        h.createUpdate("UPDATE staff SET display_name = :displayName, role = :role, city_scopes = :scopes "
                        + "WHERE id = :id")
                .bind("id", id).bind("displayName", displayName).bind("role", role.name())
                .bind("scopes", scopesJson(cityScopes)).execute();
    }

    public void setDisabled(Handle h, long id, boolean disabled) {
        h.createUpdate("UPDATE staff SET disabled = :disabled WHERE id = :id")
                .bind("id", id).bind("disabled", disabled).execute();
    }

    /** Sets the password; {@code mustChange} when someone else chose it, so its owner must replace it first. */
    public void setPasswordHash(Handle h, long id, String passwordHash, boolean mustChange) {
        h.createUpdate("UPDATE staff SET password_hash = :hash, must_change_password = :mustChange WHERE id = :id")
                .bind("id", id).bind("hash", passwordHash).bind("mustChange", mustChange).execute();
    }

    public boolean mustChangePassword(Handle h, long id) {
        return h.createQuery("SELECT must_change_password FROM staff WHERE id = :id").bind("id", id)
                .mapTo(Boolean.class).findOne().orElse(false);
    }

    /**
     * Ends every session of the account. This touches the session table from here because ending sessions is
     * part of the same staff change (disable, password reset) and must commit with it.
     */
    public int endSessions(Handle h, long staffId) {
        return h.createUpdate("DELETE FROM staff_session WHERE staff_id = :id").bind("id", staffId).execute();
    }

    public int count(Handle h) {
        return h.createQuery("SELECT COUNT(*) FROM staff").mapTo(Integer.class).one();
    }

    public int countAdmins(Handle h) {
        return h.createQuery("SELECT COUNT(*) FROM staff WHERE role = 'ADMIN' AND disabled = FALSE")
                .mapTo(Integer.class).one();
    }

    static StaffRow row(ResultSet rs) throws SQLException {
        return new StaffRow(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"),
                rs.getString("password_hash"), Role.valueOf(rs.getString("role")),
                parseScopes(rs.getString("city_scopes")), rs.getBoolean("disabled"),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "last_login_at"));
    }

    /** Reads a JSON array of names (made once: every staff request reads its account's scopes). */
    private static final ObjectReader SCOPES = Json.mapper().readerFor(new TypeReference<List<String>>() { });

    /** City scopes are stored as a JSON array of names; [] means every city. */
    public static List<String> parseScopes(String json) {
        try {
            return json == null ? List.of() : SCOPES.readValue(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("staff.city_scopes is not a JSON array", e);
        }
    }

    static String scopesJson(List<String> scopes) {
        try {
            return Json.mapper().writeValueAsString(scopes == null ? List.of() : scopes);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
