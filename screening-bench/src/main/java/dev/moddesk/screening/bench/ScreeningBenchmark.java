package dev.moddesk.screening.bench;

import com.hankcs.algorithm.AhoCorasickDoubleArrayTrie;
import dev.moddesk.screening.WordScreen;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Single-threaded word screening over the whole chat corpus per operation: ModDesk's {@link WordScreen} with full
 * normalization against hankcs's {@link AhoCorasickDoubleArrayTrie} on the raw text (no normalization at all), same
 * terms, same messages, counting every hit. Plus rebuilding a 50,000-term list.
 */
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Threads(1)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 8, time = 2)
public class ScreeningBenchmark {

    static final int TERMS = 20_000;
    static final int REBUILD_TERMS = 50_000;
    static final int MESSAGES = 20_000;
    static final long TERM_SEED = 20_261_203L;
    static final long CHAT_SEED = 11L;

    @State(Scope.Benchmark)
    public static class Corpus {
        String[] messages;
        WordScreen screen;
        AhoCorasickDoubleArrayTrie<String> hankcs;

        @Setup
        public void setUp() {
            List<String> terms = ChatCorpus.terms(TERMS, TERM_SEED);
            messages = ChatCorpus.messages(MESSAGES, CHAT_SEED).toArray(String[]::new);
            screen = new WordScreen(terms);
            TreeMap<String, String> map = new TreeMap<>();
            for (String t : terms) {
                map.put(t, t);
            }
            hankcs = new AhoCorasickDoubleArrayTrie<>();
            hankcs.build(map);
        }
    }

    @State(Scope.Benchmark)
    public static class LargeList {
        List<String> terms;

        @Setup
        public void setUp() {
            terms = ChatCorpus.terms(REBUILD_TERMS, TERM_SEED);
        }
    }

    static long corpusChars() {
        long chars = 0;
        for (String m : ChatCorpus.messages(MESSAGES, CHAT_SEED)) {
            chars += m.length();
        }
        return chars;
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public long moddeskNormalized(Corpus c) {
        long hits = 0;
        WordScreen screen = c.screen;
        for (String m : c.messages) {
            hits += screen.count(m);
        }
        return hits;
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public long hankcsRaw(Corpus c) {
        HitCounter hits = new HitCounter();
        AhoCorasickDoubleArrayTrie<String> trie = c.hankcs;
        for (String m : c.messages) {
            trie.parseText(m, hits);
        }
        return hits.count;
    }

    /** hankcs's callback: counts every hit, as {@link WordScreen#count} does. */
    static final class HitCounter implements AhoCorasickDoubleArrayTrie.IHit<String> {
        long count;

        @Override
        public void hit(int begin, int end, String value) {
            count++;
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public WordScreen rebuild50k(LargeList list) {
        return new WordScreen(list.terms);
    }
}
