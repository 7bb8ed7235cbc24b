package dev.moddesk.app.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moddesk.contract.review.Answer;
import dev.moddesk.contract.review.TextSpan;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApplicationModelTest {

    @Test
    void screenedWordsBecomeTheirOwnSegments() {
        Answer a = new Answer(1, "为什么想加入？", "想交朋友 加微信 abc123 谢谢",
                List.of(new TextSpan(5, 8, "加微信")));

        assertThat(ApplicationModel.segments(a)).containsExactly(
                new ApplicationModel.Segment("想交朋友 ", false, null),
                new ApplicationModel.Segment("加微信", true, "加微信"),
                new ApplicationModel.Segment(" abc123 谢谢", false, null));
    }

    @Test
    void overlappingAndOutOfRangeSpansNeverBreakTheText() {
        Answer a = new Answer(1, "q", "兼职刷单日结", List.of(new TextSpan(0, 4, "兼职刷单"), new TextSpan(2, 4, "刷单"),
                new TextSpan(5, 99, "bad")));

        List<ApplicationModel.Segment> segments = ApplicationModel.segments(a);

        assertThat(segments.stream().map(ApplicationModel.Segment::text).reduce("", String::concat))
                .isEqualTo("兼职刷单日结");
        assertThat(segments.get(0)).isEqualTo(new ApplicationModel.Segment("兼职刷单", true, "兼职刷单"));
    }
}
