package dev.moddesk.server.lifecycle;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Every row of every table of the server's schema as text, the tables found in {@code information_schema} (not a
 * list in the test, so a table added later is dumped too).
 */
final class TableDump {

    private TableDump() {
    }

    /** Table name → its rows, each row all its columns as text joined by a tab. */
    static Map<String, List<String>> of(DataSource dataSource) throws SQLException {
        Map<String, List<String>> dump = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection()) {
            List<String> tables = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT table_name FROM information_schema.tables"
                    + " WHERE table_schema = ? AND table_type = 'BASE TABLE' ORDER BY table_name")) {
                s.setString(1, c.getSchema());
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        tables.add(rs.getString(1));
                    }
                }
            }
            if (tables.size() < 10) {
                throw new IllegalStateException("found only " + tables + " in schema " + c.getSchema());
            }
            for (String table : tables) {
                List<String> rows = new ArrayList<>();
                try (Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery("SELECT * FROM \"" + table.replace("\"", "\"\"") + "\"")) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int i = 1; i <= columns; i++) {
                            row.append(rs.getString(i)).append('\t');
                        }
                        rows.add(row.toString());
                    }
                }
                dump.put(table, rows);
            }
        }
        return dump;
    }

    /** The tables (with the offending rows) whose text contains {@code needle}. */
    static Map<String, List<String>> containing(Map<String, List<String>> dump, String needle) {
        Map<String, List<String>> found = new LinkedHashMap<>();
        dump.forEach((table, rows) -> {
            List<String> hits = rows.stream().filter(r -> r.contains(needle)).toList();
            if (!hits.isEmpty()) {
                found.put(table, hits);
            }
        });
        return found;
    }
}
