package dev.moddesk.app.audit;

import static org.assertj.core.api.Assertions.assertThat;

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
    void diffRendersNonStringsAsJson() {
        assertThat(AuditDiff.render(java.util.List.of("北京", "上海"))).isEqualTo("[\"北京\",\"上海\"]");
        assertThat(AuditDiff.render(null)).isEqualTo("null");
        assertThat(AuditDiff.rows(null, java.util.Map.of("a", 1))).singleElement()
                .satisfies(r -> assertThat(r.change()).isEqualTo(AuditDiff.Change.ADDED));
    }
}
