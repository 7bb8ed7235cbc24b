package dev.moddesk.server.core;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Conversions every feature's SQL class needs, the same on H2 and PostgreSQL. */
public final class Sql {
    private Sql() {
    }

    /** An instant as a {@code TIMESTAMP WITH TIME ZONE} bind value (UTC), or null. */
    public static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** Reads a {@code TIMESTAMP WITH TIME ZONE} column as an instant, or null. */
    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** Whether {@code e} (or a cause) is a unique-constraint violation (SQLState 23505 on both databases). */
    public static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * A LIKE pattern matching {@code text} anywhere, with {@code !}, {@code %} and {@code _} in it escaped (use with
     * {@code ESCAPE '!'}; not a backslash, which JDBI's SQL parser reads as an escape of its own), so a hostile value
     * matches only itself.
     */
    public static String containing(String text) {
        return "%" + text.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    }

    /** The LIKE pattern of a JSON document holding the string value {@code value} exactly (as Jackson writes it). */
    public static String containingJsonString(String value) {
        try {
            return containing(Json.mapper().writeValueAsString(value));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
