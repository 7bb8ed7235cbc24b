package dev.moddesk.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The evasions people use against a word list, each asserting the exact [start, end) offsets in the ORIGINAL text, so
 * a console highlights what the user actually wrote (surrogate pairs count two chars).
 */
class WordScreenEvasionTest {

    private final WordScreen screen = new WordScreen(List.of("加微信", "vx", "微信", "兼职刷单", "weixin", "qq", "加qq", "人"));

    private List<ScreenHit> hits(String text, String term) {
        return screen.find(text).stream().filter(h -> h.term().equals(term)).toList();
    }

    private void assertOnlyHit(String text, String term, int start, int end) {
        assertThat(hits(text, term)).as(text).containsExactly(new ScreenHit(start, end, term));
    }

    @Test
    void fullWidthLetters() {
        assertOnlyHit("有事ＶＸ我", "vx", 2, 4);
        assertOnlyHit("ｖ　ｘ", "vx", 0, 3);
    }

    @Test
    void upperAndMixedCase() {
        assertOnlyHit("加我Vx", "vx", 2, 4);
        assertOnlyHit("WeiXin号", "weixin", 0, 6);
    }

    @Test
    void traditionalCharacters() {
        assertOnlyHit("招兼職刷單，日結", "兼职刷单", 1, 5);
        assertOnlyHit("加微信", "加微信", 0, 3);
    }

    @Test
    void insertedSymbolsAndEmoji() {
        assertOnlyHit("加.微.信", "加微信", 0, 5);
        // 😀 is a surrogate pair: 加 0, 😀 1–2, 微 3, ★ 4, 信 5
        assertOnlyHit("加😀微★信", "加微信", 0, 6);
        assertOnlyHit("加／微-信！", "加微信", 0, 5);
    }

    @Test
    void spaces() {
        assertOnlyHit("请 加 微 信 哦", "加微信", 2, 7);
        assertOnlyHit("请加\u3000微\t信", "加微信", 1, 6);
    }

    @Test
    void zeroWidthAndCombiningCharacters() {
        assertOnlyHit("加\u200B微\u200D信", "加微信", 0, 5);
        assertOnlyHit("\uFEFF加\u2060微\u200C信\u200B", "加微信", 1, 6);
        // strike-through v̶x̶: the combining marks are skipped, the hit ends after the x
        assertOnlyHit("v\u0336x\u0336", "vx", 0, 3);
    }

    @Test
    void repeatedCharactersCoverTheWholeRun() {
        assertOnlyHit("加加微微信信", "加微信", 0, 6);
        assertOnlyHit("快加微信信信！", "加微信", 1, 6);
        assertOnlyHit("加..加 微信", "加微信", 0, 7);
        assertOnlyHit("微微微信", "微信", 0, 4);
        assertOnlyHit("ｖｖＶxxX", "vx", 0, 6);
    }

    @Test
    void aTermsOwnRepeatsAreMinimumRunLengths() {
        assertThat(hits("加q", "加qq")).isEmpty();
        assertThat(hits("q", "qq")).isEmpty();
        assertOnlyHit("qqq", "qq", 0, 3);
        assertOnlyHit("加加ＱＱq", "加qq", 0, 5);
        WordScreen laughs = new WordScreen(List.of("哈哈哈"));
        assertThat(laughs.find("哈哈")).isEmpty();
        assertThat(laughs.find("哈.哈.哈")).containsExactly(new ScreenHit(0, 5, "哈哈哈"));
    }

    @Test
    void styledMathematicalLettersAreSurrogatePairs() {
        // 𝐰𝐞𝐢𝐱𝐢𝐧: six bold letters, two chars each
        assertOnlyHit("𝐰𝐞𝐢𝐱𝐢𝐧", "weixin", 0, 12);
        // 加(0) 我(1) 𝓋(2–3) 𝔁(4–5) 好(6)
        assertOnlyHit("加我𝓋𝔁好", "vx", 2, 6);
        assertOnlyHit("𝚟 𝚡", "vx", 0, 5);
    }

    @Test
    void enclosedLetters() {
        assertOnlyHit("ⓦⓔⓘⓧⓘⓝ", "weixin", 0, 6);
        assertOnlyHit("⒱⒳", "vx", 0, 2);
        // negative circled 🅥 and negative squared 🆇 are surrogate pairs without an NFKC form
        assertOnlyHit("🅥🆇", "vx", 0, 4);
        assertOnlyHit("Ⓥ🅧", "vx", 0, 3);
    }

    @Test
    void compatibilityIdeographs() {
        assertOnlyHit("⼈", "人", 0, 1); // Kangxi radical U+2F08
    }

    @Test
    void loneSurrogatesAndControlCharactersAreSkipped() {
        assertOnlyHit("加\uD800微\uDC00信", "加微信", 0, 5);
        assertOnlyHit("加\u202E微\u0000信\uDBFF", "加微信", 0, 5);
        assertThat(screen.find("\uD83D")).isEmpty();
        assertThat(screen.find("\uDE00\uD83D")).isEmpty();
    }

    @Test
    void aLongRunOfSkippedCharactersStaysOneHit() {
        String noise = "\u200B".repeat(50_000);
        String text = "加" + noise + "微" + noise + "信";
        assertThat(screen.find(text)).containsExactly(new ScreenHit(0, text.length(), "加微信"),
                new ScreenHit(50_001, text.length(), "微信"));
    }
}
