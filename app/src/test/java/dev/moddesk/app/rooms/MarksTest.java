package dev.moddesk.app.rooms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moddesk.screening.WordScreen;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Highlight offsets as the server and the watch list give them, checked against the text they mark. */
class MarksTest {
    private final ChatLines lines = new ChatLines(WordScreen.empty());

    private static List<Marks.Mark> screened(int start, int end) {
        return List.of(new Marks.Mark(start, end, Marks.SCREENED));
    }

    @Test
    void aServerHitHighlightsExactlyItsRange() {
        ChatLine line = lines.message(1, 0, "u1", "小王", "加我微信领红包", true, false, screened(2, 4));
        assertThat(Marks.segments(line)).containsExactly(new Marks.Segment("加我", 0),
                new Marks.Segment("微信", Marks.SCREENED), new Marks.Segment("领红包", 0));
    }

    @Test
    void rangesNeverSplitASurrogatePair() {
        // 𝓥 and 𝓧 (MATHEMATICAL BOLD SCRIPT) are two UTF-16 chars each: [0,2) and [2,4).
        String text = "𝓥𝓧号码";
        ChatLine endInside = lines.message(1, 0, "u1", null, text, true, false, screened(0, 3));
        assertThat(Marks.segments(endInside)).as("an end inside 𝓧 takes all of 𝓧")
                .containsExactly(new Marks.Segment("𝓥𝓧", Marks.SCREENED), new Marks.Segment("号码", 0));
        ChatLine startInside = lines.message(2, 0, "u1", null, text, true, false, screened(1, 2));
        assertThat(Marks.segments(startInside)).as("a start inside 𝓥 takes all of 𝓥")
                .containsExactly(new Marks.Segment("𝓥", Marks.SCREENED), new Marks.Segment("𝓧号码", 0));
        assertThat(Marks.of(startInside)).containsExactly(new Marks.Mark(0, 2, Marks.SCREENED));
    }

    @Test
    void hostileOffsetsAreCutToTheTextOrDropped() {
        ChatLine line = lines.message(1, 0, "u1", null, "你好", true, false,
                List.of(new Marks.Mark(-5, 1, Marks.SCREENED), new Marks.Mark(1, 99, Marks.SCREENED),
                        new Marks.Mark(7, 3, Marks.SCREENED), new Marks.Mark(40, 50, Marks.SCREENED)));
        assertThat(Marks.of(line)).containsExactly(new Marks.Mark(0, 1, Marks.SCREENED),
                new Marks.Mark(1, 2, Marks.SCREENED));
        assertThat(Marks.segments(line)).containsExactly(new Marks.Segment("你好", Marks.SCREENED));
    }

    @Test
    void overlappingServerAndWatchListRangesCombine() {
        ChatLines watching = new ChatLines(new WordScreen(List.of("红包")));
        ChatLine line = watching.message(1, 0, "u1", null, "领红包啦", true, false, screened(0, 2));
        assertThat(Marks.segments(line)).containsExactly(new Marks.Segment("领", Marks.SCREENED),
                new Marks.Segment("红", Marks.SCREENED | Marks.WATCHED), new Marks.Segment("包", Marks.WATCHED),
                new Marks.Segment("啦", 0));
        assertThat(line.watched()).isTrue();
    }

    @Test
    void theWatchListUsesTheSharedMatcherWithItsEvasionRules() {
        ChatLines watching = new ChatLines(new WordScreen(List.of("加微信")));
        ChatLine line = watching.message(1, 0, "u1", null, "快 加.微.信 吧", false, false, List.of());
        assertThat(Marks.segments(line)).containsExactly(new Marks.Segment("快 ", 0),
                new Marks.Segment("加.微.信", Marks.WATCHED), new Marks.Segment(" 吧", 0));
        ChatLine plain = watching.message(2, 0, "u1", null, "今天天气不错", false, false, List.of());
        assertThat(plain.watched()).isFalse();
        assertThat(Marks.segments(plain)).containsExactly(new Marks.Segment("今天天气不错", 0));
    }

    @Test
    void hostileTextBecomesOneSafeLineWithTheSameOffsets() {
        String attack = "a\nb\u202Egnp.exe\u0000c";
        ChatLine line = lines.message(1, 0, "evil\n\u202Eadmin", "管理员\r\n官方", attack, true, false, screened(2, 3));
        assertThat(line.text()).isEqualTo("a b\uFFFDgnp.exe c").hasSize(attack.length());
        assertThat(Marks.segments(line).get(1)).isEqualTo(new Marks.Segment("b", Marks.SCREENED));
        assertThat(line.user().name()).isEqualTo("管理员  官方");
        assertThat(line.user().id()).isEqualTo("evil \uFFFDadmin");
    }

    @Test
    void aHugeLineIsCutNeverInsideASurrogatePair() {
        String huge = "x".repeat(ChatLines.MAX_TEXT - 1) + "𝓥" + "y".repeat(5000);
        ChatLine line = lines.message(1, 0, "u1", null, huge, false, false, screened(0, 100_000));
        assertThat(line.text()).hasSize(ChatLines.MAX_TEXT - 1).doesNotContain("\uD835");
        assertThat(Marks.of(line)).containsExactly(new Marks.Mark(0, ChatLines.MAX_TEXT - 1, Marks.SCREENED));
    }

    @Test
    void authorsAreSharedBetweenTheirLines() {
        ChatLine a = lines.message(1, 0, "u1", "小王", "一", false, false, List.of());
        ChatLine b = lines.message(2, 0, "u1", "小王", "二", false, false, List.of());
        ChatLine renamed = lines.message(3, 0, "u1", "王总", "三", false, false, List.of());
        assertThat(a.user()).isSameAs(b.user());
        assertThat(renamed.user().name()).isEqualTo("王总");
        assertThat(a.marks()).isNull();
    }
}
