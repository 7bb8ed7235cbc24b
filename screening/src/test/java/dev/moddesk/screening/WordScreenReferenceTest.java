package dev.moddesk.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Checks the double-array automaton against a slow, obviously correct matcher on many small generated lists and
 * texts (fixed seeds): fold every code point, collapse runs, and try every term at every run.
 */
class WordScreenReferenceTest {

    /** A small alphabet full of the hard cases: repeats, variants, widths, styled letters, skipped chars. */
    private static final String[] PIECES = {"加", "微", "信", "刷", "单", "單", "q", "Q", "Ｑ", "𝐪", "ⓠ", "v", "x", "𝐱",
        ".", " ", "\u200B", "😀", "\uD800", "哈", "兼", "職", "职", "1", "①"};
    private static final Comparator<ScreenHit> ORDER = Comparator.comparingInt(ScreenHit::end)
            .thenComparingInt(ScreenHit::start).thenComparing(ScreenHit::term);

    private record Run(int codePoint, int count, int start, int end) {
    }

    private static List<Run> runs(String text) {
        List<Run> runs = new ArrayList<>();
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int width = Character.charCount(cp);
            int f = TextNormalizer.foldCodePoint(Character.isSurrogate(text.charAt(i)) && width == 1 ? -1 : cp);
            if (f != 0) {
                Run last = runs.isEmpty() ? null : runs.getLast();
                if (last != null && last.codePoint() == f) {
                    runs.set(runs.size() - 1, new Run(f, last.count() + 1, last.start(), i + width));
                } else {
                    runs.add(new Run(f, 1, i, i + width));
                }
            }
            i += width;
        }
        return runs;
    }

    private static List<ScreenHit> reference(List<String> terms, String text) {
        List<Run> t = runs(text);
        List<ScreenHit> hits = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (String term : terms) {
            String n = TextNormalizer.normalize(term);
            if (n.isEmpty() || seen.contains(n)) {
                continue;
            }
            seen.add(n);
            List<Run> p = runs(n);
            for (int j = 0; j + p.size() <= t.size(); j++) {
                boolean ok = true;
                for (int k = 0; k < p.size() && ok; k++) {
                    Run r = t.get(j + k);
                    ok = r.codePoint() == p.get(k).codePoint() && r.count() >= p.get(k).count();
                }
                if (ok) {
                    hits.add(new ScreenHit(t.get(j).start(), t.get(j + p.size() - 1).end(), term.strip()));
                }
            }
        }
        return hits;
    }

    private static String random(Random random, int pieces) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < pieces; i++) {
            b.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return b.toString();
    }

    @Test
    void agreesWithTheSlowMatcherOnGeneratedListsAndTexts() {
        Random random = new Random(11);
        int compared = 0;
        for (int round = 0; round < 150; round++) {
            List<String> terms = new ArrayList<>();
            int size = 1 + random.nextInt(40);
            for (int i = 0; i < size; i++) {
                terms.add(random(random, 1 + random.nextInt(5)));
            }
            WordScreen screen = new WordScreen(terms);
            for (int k = 0; k < 30; k++) {
                String text = random(random, random.nextInt(40));
                List<ScreenHit> expected = new ArrayList<>(reference(terms, text));
                List<ScreenHit> actual = new ArrayList<>(screen.find(text));
                expected.sort(ORDER);
                actual.sort(ORDER);
                assertThat(actual).as("terms %s, text '%s'", terms, text).isEqualTo(expected);
                assertThat(screen.count(text)).isEqualTo(expected.size());
                compared += expected.size();
            }
        }
        assertThat(compared).as("the generated texts must actually contain hits").isGreaterThan(500);
    }

    @Test
    void agreesOnALargeListWithAWideAlphabet() {
        Random random = new Random(5);
        List<String> terms = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            StringBuilder b = new StringBuilder();
            int length = 1 + random.nextInt(4);
            for (int k = 0; k < length; k++) {
                b.append((char) (0x4E00 + random.nextInt(300)));
            }
            terms.add(b.toString());
        }
        WordScreen screen = new WordScreen(terms);
        for (int k = 0; k < 40; k++) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < 200; i++) {
                b.append((char) (0x4E00 + random.nextInt(320)));
            }
            String text = b.toString();
            List<ScreenHit> expected = new ArrayList<>(reference(terms, text));
            List<ScreenHit> actual = new ArrayList<>(screen.find(text));
            expected.sort(ORDER);
            actual.sort(ORDER);
            assertThat(actual).isEqualTo(expected);
        }
    }
}
