package dev.moddesk.screening.bench;

import com.hankcs.algorithm.AhoCorasickDoubleArrayTrie;
import dev.moddesk.screening.WordScreen;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link ScreeningBenchmark} with JMH (its annotations: one thread, one fork, 5 × 2 s warm-up, 8 × 2 s measured;
 * JMH options on the command line override them) and
 * prints characters per second for both matchers, their ratio, and the 50,000-term rebuild time.
 */
public final class ScreeningBench {

    private ScreeningBench() {
    }

    public static void main(String[] args) throws Exception {
        long chars = ScreeningBenchmark.corpusChars();
        describeCorpus(chars);
        if (args.length > 1 && args[0].equals("versus")) {
            try {
                VersusBench.run(java.nio.file.Path.of(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 300);
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
            return;
        }
        if (args.length > 0 && args[0].equals("paired")) {
            paired(chars, args.length > 1 ? Integer.parseInt(args[1]) : 300);
            return;
        }
        Options options = new OptionsBuilder()
                .parent(new CommandLineOptions(args))
                .include(ScreeningBenchmark.class.getName())
                .build();
        Collection<RunResult> results = new Runner(options).run();
        double moddesk = Double.NaN;
        double hankcs = Double.NaN;
        double rebuildMs = Double.NaN;
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            double score = r.getPrimaryResult().getScore();
            if (name.endsWith("moddeskNormalized")) {
                moddesk = score * chars;
            } else if (name.endsWith("hankcsRaw")) {
                hankcs = score * chars;
            } else if (name.endsWith("rebuild50k")) {
                rebuildMs = score;
            }
        }
        System.out.printf(Locale.ROOT, "%nModDesk WordScreen, normalized : %6.1f M chars/s%n", moddesk / 1e6);
        System.out.printf(Locale.ROOT, "hankcs AC double-array, raw    : %6.1f M chars/s%n", hankcs / 1e6);
        System.out.printf(Locale.ROOT, "ratio ModDesk / hankcs         : %6.2f%n", moddesk / hankcs);
        System.out.printf(Locale.ROOT, "rebuild of a 50,000-term list  : %6.0f ms%n", rebuildMs);
    }

    /**
     * Without JMH: alternates one pass of each matcher, many times, and compares the summed times. On a shared,
     * busy machine this ratio is steadier than two JMH runs minutes apart, since both sides see the same load.
     */
    private static void paired(long chars, int pairs) {
        ScreeningBenchmark.Corpus corpus = new ScreeningBenchmark.Corpus();
        corpus.setUp();
        ScreeningBenchmark bench = new ScreeningBenchmark();
        long sink = 0;
        for (int w = 0; w < pairs / 3; w++) {
            sink += bench.moddeskNormalized(corpus) + bench.hankcsRaw(corpus);
        }
        long ours = 0;
        long theirs = 0;
        for (int p = 0; p < pairs; p++) {
            long t0 = System.nanoTime();
            sink += bench.moddeskNormalized(corpus);
            long t1 = System.nanoTime();
            sink += bench.hankcsRaw(corpus);
            long t2 = System.nanoTime();
            ours += t1 - t0;
            theirs += t2 - t1;
        }
        System.out.printf(Locale.ROOT, "paired, %d alternating passes each (hits %d):%n", pairs, sink);
        System.out.printf(Locale.ROOT, "ModDesk WordScreen, normalized : %6.1f M chars/s%n", chars * pairs / (ours / 1e9) / 1e6);
        System.out.printf(Locale.ROOT, "hankcs AC double-array, raw    : %6.1f M chars/s%n", chars * pairs / (theirs / 1e9) / 1e6);
        System.out.printf(Locale.ROOT, "ratio ModDesk / hankcs         : %6.2f%n", (double) theirs / ours);
    }

    private static void describeCorpus(long chars) {
        List<String> terms = ChatCorpus.terms(ScreeningBenchmark.TERMS, ScreeningBenchmark.TERM_SEED);
        List<String> messages = ChatCorpus.messages(ScreeningBenchmark.MESSAGES, ScreeningBenchmark.CHAT_SEED);
        WordScreen screen = new WordScreen(terms);
        TreeMap<String, String> map = new TreeMap<>();
        terms.forEach(t -> map.put(t, t));
        AhoCorasickDoubleArrayTrie<String> trie = new AhoCorasickDoubleArrayTrie<>();
        trie.build(map);
        long ours = 0;
        ScreeningBenchmark.HitCounter theirs = new ScreeningBenchmark.HitCounter();
        long flagged = 0;
        for (String m : messages) {
            int n = screen.count(m);
            ours += n;
            flagged += n > 0 ? 1 : 0;
            trie.parseText(m, theirs);
        }
        System.out.printf(Locale.ROOT, "corpus: %d messages, %d chars (%.1f per message), %d terms; hits per pass: "
                        + "ModDesk %d (normalized), hankcs %d (raw); messages with a hit: %d%n",
                messages.size(), chars, (double) chars / messages.size(), screen.termCount(), ours, theirs.count, flagged);
        System.out.println("sample: " + String.join(" | ", messages.subList(0, 8)));
    }
}
