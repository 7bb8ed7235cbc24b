package dev.moddesk.app.audit;

import dev.moddesk.contract.AuditEntry;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * Audit entries as CSV: RFC 4180 (CRLF lines, fields quoted when they hold a comma, quote or line break, quotes
 * doubled), preceded by a UTF-8 byte order mark so Excel opens Chinese text correctly.
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

    static String quote(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
