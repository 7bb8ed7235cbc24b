package dev.moddesk.server.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The one-statement paths' named binding: what becomes a placeholder and what is left alone. */
class NamedSqlTest {

    @Test
    void namesBecomePlaceholdersWhileCastsAndLiteralsStay() {
        NamedSql sql = NamedSql.parse("SELECT :ids::bigint[], v.id::text, ':not_a_name', :staff WHERE x = :staff");
        assertThat(sql.jdbc()).isEqualTo("SELECT ?::bigint[], v.id::text, ':not_a_name', ? WHERE x = ?");
    }

    @Test
    void theSameTextIsParsedOnce() {
        String text = "SELECT :a FROM t WHERE b = :b";
        assertThat(NamedSql.of(text)).isSameAs(NamedSql.of(text));
    }

    @Test
    void aNameTheStatementDoesNotHaveIsRefused() {
        NamedSql sql = NamedSql.parse("SELECT :a");
        assertThatThrownBy(() -> sql.bind(null).setString("b", "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(":b");
    }
}
