package dev.moddesk.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WordScreenTest {

    private final WordScreen screen = new WordScreen(List.of("加微信", "vx", "兼职刷单", "日结", "私聊有福利"));

    private static String covered(String text, ScreenHit hit) {
        return text.substring(hit.start(), hit.end());
    }

    @Test
    void findsAPlainTermAtItsOffsets() {
        String text = "你好，加微信聊";
        assertThat(screen.find(text)).containsExactly(new ScreenHit(3, 6, "加微信"));
    }

    @Test
    void highlightsEachHitFromItsFirstCharacterWhateverSurroundsIt() {
        // a repeat and a symbol before the first hit, a symbol right after it; the third hit's v run is a styled 𝐯
        // (a surrogate pair) and a V, and the highlight covers the whole run
        String text = "哈哈，加微信。加微信𝐯Vx";
        assertThat(screen.find(text)).containsExactly(new ScreenHit(3, 6, "加微信"), new ScreenHit(7, 10, "加微信"),
                new ScreenHit(10, 14, "vx"));
        assertThat(screen.find("加加微信信")).containsExactly(new ScreenHit(0, 5, "加微信"));
    }

    @Test
    void seesThroughSpacesBetweenLetters() {
        String text = "请 加 微 信 哦";
        List<ScreenHit> hits = screen.find(text);
        assertThat(hits).hasSize(1);
        assertThat(covered(text, hits.getFirst())).isEqualTo("加 微 信");
    }

    @Test
    void seesThroughInsertedSymbolsAndZeroWidthCharacters() {
        assertThat(screen.find("加.微.信")).extracting(ScreenHit::term).containsExactly("加微信");
        assertThat(screen.find("加\u200B微\u200D信")).extracting(ScreenHit::term).containsExactly("加微信");
        assertThat(screen.find("加😀微★信")).extracting(ScreenHit::term).containsExactly("加微信");
        assertThat(screen.find("加\u3000微／信")).extracting(ScreenHit::term).containsExactly("加微信");
    }

    @Test
    void foldsFullWidthAndCase() {
        String text = "有事ＶＸ我";
        List<ScreenHit> hits = screen.find(text);
        assertThat(hits).extracting(ScreenHit::term).containsExactly("vx");
        assertThat(covered(text, hits.getFirst())).isEqualTo("ＶＸ");
        assertThat(screen.find("加我Vx")).hasSize(1);
        assertThat(screen.find("ｖ ｘ")).hasSize(1);
    }

    @Test
    void mapsTraditionalToSimplified() {
        String text = "招兼職刷單，日結";
        assertThat(screen.find(text)).extracting(ScreenHit::term).containsExactly("兼职刷单", "日结");
        assertThat(covered(text, screen.find(text).getFirst())).isEqualTo("兼職刷單");
    }

    @Test
    void matchesHomophoneEvasionsOnlyWhenTheListHasThem() {
        assertThat(screen.find("加威信")).isEmpty();
        WordScreen withHomophone = new WordScreen(List.of("加微信", "加威信"));
        assertThat(withHomophone.find("加 威 信")).extracting(ScreenHit::term).containsExactly("加威信");
    }

    @Test
    void reportsOverlappingAndRepeatedTerms() {
        WordScreen s = new WordScreen(List.of("刷单", "兼职刷单", "单日结"));
        assertThat(s.find("兼职刷单日结")).extracting(ScreenHit::term)
                .containsExactlyInAnyOrder("刷单", "兼职刷单", "单日结");
        assertThat(s.count("刷单刷单刷单")).isEqualTo(3);
    }

    @Test
    void leavesCleanTextAlone() {
        assertThat(screen.find("周末一起去香山徒步，我有十年户外经验")).isEmpty();
        assertThat(screen.matchesAny("")).isFalse();
        assertThat(WordScreen.empty().find("加微信")).isEmpty();
    }

    @Test
    void ignoresTermsThatNormalizeToNothing() {
        WordScreen s = new WordScreen(List.of("  ", "...", "加微信", "加 微 信"));
        assertThat(s.termCount()).isEqualTo(1);
    }

    @Test
    void replacingTheListTakesEffectForTheNextScan() {
        WordScreen s = new WordScreen(List.of("加微信"));
        assertThat(s.matchesAny("私聊有福利")).isFalse();
        s.replaceTerms(List.of("私聊有福利"));
        assertThat(s.matchesAny("私聊有福利")).isTrue();
        assertThat(s.matchesAny("加微信")).isFalse();
    }

    @Test
    void scansStayConsistentWhileTheListIsReplaced() throws Exception {
        WordScreen s = new WordScreen(List.of("加微信"));
        String text = "加微信 私聊有福利";
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> scans = new ArrayList<>();
        try {
            for (int w = 0; w < 3; w++) {
                scans.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 20_000; i++) {
                        int n = s.count(text);
                        if (n != 1) {
                            return false; // each list has exactly one of the two terms
                        }
                    }
                    return true;
                }));
            }
            start.countDown();
            for (int i = 0; i < 200; i++) {
                s.replaceTerms(List.of(i % 2 == 0 ? "私聊有福利" : "加微信"));
            }
            for (Future<Boolean> f : scans) {
                assertThat(f.get(1, TimeUnit.MINUTES)).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void foldingIsIdempotentOverEveryCodePoint() {
        // The automaton maps a folded char to its symbol through the raw-char table, which relies on this.
        List<String> notIdempotent = new ArrayList<>();
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            int f = cp <= 0xFFFF ? TextNormalizer.fold((char) cp) : TextNormalizer.foldCodePoint(cp);
            if (f != 0 && TextNormalizer.foldCodePoint(f) != f) {
                notIdempotent.add(Integer.toHexString(cp));
            }
        }
        assertThat(notIdempotent).isEmpty();
    }

    @Test
    void normalizesForDuplicateDetection() {
        assertThat(TextNormalizer.normalize("Hello, 世界！ＡＢＣ 兼職")).isEqualTo("hello世界abc兼职");
        assertThat(ChineseVariants.pairCount()).isGreaterThan(500);
    }
}
