package dev.moddesk.server.review;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SQL written with {@code :name} parameters for plain JDBC, where JDBI's statement machinery costs more CPU than the
 * statement (the one-statement claim and decision). The text is parsed once per distinct SQL string into JDBC's
 * {@code ?} form and the positions of each name; a {@link Binder} then sets every parameter by its name, so a reader
 * checks each value against its placeholder by name, not by counting. {@code ::type} casts and quoted literals are
 * left alone. Binding a name the SQL does not have, or executing with a name left unset, fails.
 */
final class NamedSql {

    /** Parsed statements by text; the queue filters and decision shapes make a few dozen at most. */
    private static final Map<String, NamedSql> PARSED = new ConcurrentHashMap<>();
    private static final int MAX_PARSED = 512;

    private final String jdbc;
    private final Map<String, int[]> positions;

    private NamedSql(String jdbc, Map<String, int[]> positions) {
        this.jdbc = jdbc;
        this.positions = positions;
    }

    /** {@code sql} parsed, from the cache when this exact text was parsed before. */
    static NamedSql of(String sql) {
        NamedSql parsed = PARSED.get(sql);
        if (parsed == null) {
            if (PARSED.size() >= MAX_PARSED) {
                PARSED.clear(); // never expected; a bound on memory all the same
            }
            parsed = parse(sql);
            PARSED.put(sql, parsed);
        }
        return parsed;
    }

    static NamedSql parse(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        Map<String, List<Integer>> found = new LinkedHashMap<>();
        int index = 0;
        int i = 0;
        while (i < sql.length()) {
            char ch = sql.charAt(i);
            if (ch == '\'') {
                int end = sql.indexOf('\'', i + 1);
                end = end < 0 ? sql.length() - 1 : end;
                out.append(sql, i, end + 1);
                i = end + 1;
            } else if (ch == ':' && i + 1 < sql.length() && sql.charAt(i + 1) == ':') {
                out.append("::");
                i += 2;
            } else if (ch == ':' && i + 1 < sql.length() && Character.isLetter(sql.charAt(i + 1))) {
                int end = i + 1;
                while (end < sql.length() && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_')) {
                    end++;
                }
                found.computeIfAbsent(sql.substring(i + 1, end), k -> new ArrayList<>()).add(++index);
                out.append('?');
                i = end;
            } else {
                out.append(ch);
                i++;
            }
        }
        Map<String, int[]> positions = new HashMap<>();
        found.forEach((name, at) -> positions.put(name, at.stream().mapToInt(Integer::intValue).toArray()));
        return new NamedSql(out.toString(), Map.copyOf(positions));
    }

    /** The text to prepare, with {@code ?} placeholders. */
    String jdbc() {
        return jdbc;
    }

    /** Sets the parameters of {@code ps}, which must have been prepared from {@link #jdbc()}. */
    Binder bind(PreparedStatement ps) {
        return new Binder(ps);
    }

    /** Sets parameters by name; every name of the SQL must be set before it runs. */
    final class Binder {
        private final PreparedStatement ps;
        private final BitSet set = new BitSet();

        private Binder(PreparedStatement ps) {
            this.ps = ps;
        }

        private int[] at(String name) {
            int[] at = positions.get(name);
            if (at == null) {
                throw new IllegalArgumentException("the statement has no parameter :" + name);
            }
            for (int p : at) {
                set.set(p);
            }
            return at;
        }

        Binder setLong(String name, long value) throws SQLException {
            for (int p : at(name)) {
                ps.setLong(p, value);
            }
            return this;
        }

        Binder setInt(String name, int value) throws SQLException {
            for (int p : at(name)) {
                ps.setInt(p, value);
            }
            return this;
        }

        Binder setString(String name, String value) throws SQLException {
            for (int p : at(name)) {
                ps.setString(p, value);
            }
            return this;
        }

        /** A value that may be null, sent as {@code sqlType} ({@link Types}). */
        Binder setNullable(String name, Object value, int sqlType) throws SQLException {
            for (int p : at(name)) {
                ps.setObject(p, value, sqlType);
            }
            return this;
        }

        /** An instant as a UTC timestamp (may be null). */
        Binder setInstant(String name, Instant value) throws SQLException {
            OffsetDateTime t = value == null ? null : value.atOffset(ZoneOffset.UTC);
            for (int p : at(name)) {
                ps.setObject(p, t);
            }
            return this;
        }

        /** A value the driver maps by its Java type (timestamps as {@link OffsetDateTime}). */
        Binder setObject(String name, Object value) throws SQLException {
            for (int p : at(name)) {
                ps.setObject(p, value);
            }
            return this;
        }

        /** An SQL array of {@code elementType} (the driver's name for it, e.g. {@code bigint}, {@code text}). */
        Binder setArray(String name, String elementType, Object[] values) throws SQLException {
            java.sql.Array array = ps.getConnection().createArrayOf(elementType, values);
            for (int p : at(name)) {
                ps.setArray(p, array);
            }
            return this;
        }

        /** Runs the query once every parameter is set. */
        ResultSet executeQuery() throws SQLException {
            int count = positions.values().stream().mapToInt(a -> a.length).sum();
            if (set.cardinality() != count) {
                List<String> missing = positions.entrySet().stream()
                        .filter(e -> !set.get(e.getValue()[0])).map(Map.Entry::getKey).sorted().toList();
                throw new IllegalStateException("no value for :" + String.join(", :", missing));
            }
            return ps.executeQuery();
        }
    }
}
