package dev.moddesk.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class EntityTagTest {

    @Test
    void aVersionIsFormattedAsAQuotedStrongTag() {
        assertThat(EntityTag.format(3)).isEqualTo("\"3\"");
        assertThat(EntityTag.of(0).toString()).isEqualTo("\"0\"");
        assertThat(new EntityTag("3", true).toString()).isEqualTo("W/\"3\"");
        assertThat(EntityTag.ANY.toString()).isEqualTo("*");
    }

    @Test
    void strongWeakAndBareTagsNameTheirVersion() {
        assertThat(EntityTag.parse("\"3\"")).contains(EntityTag.of(3));
        assertThat(EntityTag.parse("W/\"3\"")).contains(new EntityTag("3", true));
        assertThat(EntityTag.parse(" 3 ").orElseThrow().version()).isEqualTo(OptionalInt.of(3));
        assertThat(EntityTag.parse("W/\"3\"").orElseThrow().version()).isEqualTo(OptionalInt.of(3));
        assertThat(EntityTag.parse(EntityTag.format(Integer.MAX_VALUE)).orElseThrow().version())
                .isEqualTo(OptionalInt.of(Integer.MAX_VALUE));
    }

    @Test
    void tagsThatNameNoVersionAreStillTags() {
        assertThat(EntityTag.parse("\"abc\"").orElseThrow().version()).isEmpty();
        assertThat(EntityTag.parse("\"-1\"").orElseThrow().version()).isEmpty();
        assertThat(EntityTag.parse("\"\"").orElseThrow().version()).isEmpty();
        assertThat(EntityTag.parse("\"99999999999\"").orElseThrow().version()).isEmpty();
    }

    @Test
    void aSingleTagIsNotAListNorAnyNorGarbage() {
        assertThat(EntityTag.parse(null)).isEmpty();
        assertThat(EntityTag.parse("  ")).isEmpty();
        assertThat(EntityTag.parse("*")).isEmpty();
        assertThat(EntityTag.parse("\"1\", \"2\"")).isEmpty();
        assertThat(EntityTag.parse("\"unclosed")).isEmpty();
        assertThat(EntityTag.parse("\"a b\"")).isEmpty();
    }

    @Test
    void ifMatchListsAndStarAreRead() {
        assertThat(EntityTag.parseList(null)).isEmpty();
        assertThat(EntityTag.parseList("*")).containsExactly(EntityTag.ANY);
        assertThat(EntityTag.parseList("\"1\", W/\"2\",\"x\"")).containsExactly(EntityTag.of(1),
                new EntityTag("2", true), new EntityTag("x", false));
        assertThat(EntityTag.parseList(" \"1\" ")).containsExactly(EntityTag.of(1));
    }

    @Test
    void malformedListsAreRefused() {
        for (String bad : List.of("\"1\" \"2\"", "\"1\",", ",", "\"1\", *", "W/", "\"1")) {
            assertThatThrownBy(() -> EntityTag.parseList(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> new EntityTag("a\"b", false)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void matchingComparesVersionsWeaklyAndStarMatchesAll() {
        assertThat(EntityTag.of(3).matches(3)).isTrue();
        assertThat(new EntityTag("3", true).matches(3)).isTrue();
        assertThat(EntityTag.of(3).matches(4)).isFalse();
        assertThat(new EntityTag("x", false).matches(3)).isFalse();
        assertThat(EntityTag.ANY.matches(42)).isTrue();
    }
}
