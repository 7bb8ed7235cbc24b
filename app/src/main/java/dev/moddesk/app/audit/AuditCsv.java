package dev.moddesk.app.audit;

import dev.moddesk.contract.AuditEntry;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * Audit entries as CSV: RFC 4180 (CRLF lines, fields quoted when they hold a comma, quote or line break, quotes
 * doubled), preceded by a UTF-8 byte order mark so Excel opens Chinese text correctly.
 *
 * <p>Every cell comes from outside: a failed sign-in records the username that was tried, unauthenticated. A cell
 * that a spreadsheet would read as a formula (it begins with {@code = + - @}, a tab or a carriage return, or their
 * full-width forms) is written with a leading apostrophe and quoted, as OWASP advises for CSV injection, so Excel and
 * LibreOffice show the text instead of evaluating it.
 */
public final class AuditCsv {
    static final String BOM = "\uFEFF";
    static final List<String> HEADER = List.of("id", "time", "actor", "action", "target_type", "target_id", "reason",
            "client_address", "before", "after");

    private final Writer out;

    public AuditCsv(Writer out) {
        this.out = out;
    }

    public void writeHeader() throws IOException {
        out.write(BOM);
        writeRow(HEADER);
    }

    public void write(AuditEntry e) throws IOException {
        writeRow(List.of(Long.toString(e.id()), e.at() == null ? "" : e.at().toString(), nz(e.actor()), nz(e.action()),
                nz(e.targetType()), nz(e.targetId()), nz(e.reason()), nz(e.clientAddress()),
                AuditDiff.json(e.before()), AuditDiff.json(e.after())));
    }

    private void writeRow(List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(quote(fields.get(i)));
        }
        out.write("\r\n");
    }

    static String quote(String raw) {
        String field = neutralize(raw);
        if (field != raw) {
            return '"' + field.replace("\"", "\"\"") + '"';
        }
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }

    /** The cell with a leading apostrophe when a spreadsheet would take it for a formula; otherwise the same string. */
    static String neutralize(String field) {
        if (field.isEmpty()) {
            return field;
        }
        return switch (field.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20' -> "'" + field;
            default -> field;
        };
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
