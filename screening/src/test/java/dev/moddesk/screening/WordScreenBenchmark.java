package dev.moddesk.screening;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Benchmark main (not a test): builds a 20,000-term list, then screens chat-sized messages and one long document and
 * prints characters per second. Run: see docs/benchmarks.md.
 */
public final class WordScreenBenchmark {

    private static final String COMMON = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动"
            + "同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体"
            + "制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明"
            + "看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位"
            + "入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被"
            + "干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权"
            + "收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节"
            + "话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近"
            + "矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯"
            + "院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞微刷福聊私兼职";

    public static void main(String[] args) {
        int termCount = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        Random random = new Random(42);
        List<String> terms = new ArrayList<>(termCount);
        for (int i = 0; i < termCount; i++) {
            terms.add(word(random, 3 + random.nextInt(3)));
        }
        terms.set(0, "加微信");
        terms.set(1, "兼职刷单");

        long buildStart = System.nanoTime();
        WordScreen screen = new WordScreen(terms);
        long buildMillis = (System.nanoTime() - buildStart) / 1_000_000;

        // Chat-like messages: mostly ordinary text, some with evasive insertions, spaces and full-width letters.
        List<String> messages = new ArrayList<>();
        long totalChars = 0;
        for (int i = 0; i < 50_000; i++) {
            StringBuilder m = new StringBuilder(word(random, 10 + random.nextInt(70)));
            if (i % 7 == 0) {
                m.insert(random.nextInt(m.length()), "加.微 信ＶＸ");
            }
            if (i % 11 == 0) {
                m.append("，兼職刷單 日结！");
            }
            messages.add(m.toString());
            totalChars += m.length();
        }
        String document = String.join("\n", messages);

        long hits = 0;
        for (int warm = 0; warm < 5; warm++) {
            for (String m : messages) {
                hits += screen.count(m);
            }
            hits += screen.count(document);
        }

        int rounds = 10;
        long t0 = System.nanoTime();
        for (int r = 0; r < rounds; r++) {
            for (String m : messages) {
                hits += screen.count(m);
            }
        }
        double messageSeconds = (System.nanoTime() - t0) / 1e9;

        long t1 = System.nanoTime();
        for (int r = 0; r < rounds; r++) {
            hits += screen.count(document);
        }
        double documentSeconds = (System.nanoTime() - t1) / 1e9;

        long t2 = System.nanoTime();
        long listHits = 0;
        for (int r = 0; r < rounds; r++) {
            for (String m : messages) {
                listHits += screen.find(m).size();
            }
        }
        double findSeconds = (System.nanoTime() - t2) / 1e9;

        System.out.printf(Locale.ROOT, "terms=%d (built in %d ms), messages=%d, chars/round=%d, hits=%d%n",
                screen.termCount(), buildMillis, messages.size(), totalChars, hits + listHits);
        System.out.printf(Locale.ROOT, "count() per message : %.1f M chars/s%n", rounds * totalChars / messageSeconds / 1e6);
        System.out.printf(Locale.ROOT, "count() one document: %.1f M chars/s%n", rounds * document.length() / documentSeconds / 1e6);
        System.out.printf(Locale.ROOT, "find() per message  : %.1f M chars/s%n", rounds * totalChars / findSeconds / 1e6);
    }

    private static String word(Random random, int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(COMMON.charAt(random.nextInt(COMMON.length())));
        }
        return b.toString();
    }
}
