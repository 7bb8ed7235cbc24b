package dev.moddesk.server.bench;

import dev.moddesk.contract.review.DecisionKind;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Benchmark main (not a test) of circle review against the real server jar, run by {@code scripts/bench-review.sh}
 * in a process of its own; it talks to the server over HTTP only. Commands, each with the work folder that holds
 * {@code bench.properties} and {@code decided.tsv} (every decision made, for the feed check):
 * <pre>
 * setup &lt;url&gt; &lt;admin password&gt; &lt;work&gt; &lt;claim applications&gt;   staff, service key, circles, applications
 * load &lt;work&gt; &lt;server pid&gt; console|pair &lt;warm-up s&gt; &lt;seconds&gt;        8 moderators claim + decide
 * seed-bulk &lt;work&gt; &lt;applications&gt;                                ingest the bulk circles' applications
 * bulk &lt;work&gt; &lt;warm-up items per moderator&gt;                      bulk decisions, 500 a request
 * feed-check &lt;work&gt; &lt;patience s&gt;                                 every decision on the action feed, by id
 * </pre>
 * Each command writes its figures to {@code <work>/<command>[-mix].results} (properties) and prints them.
 */
public final class ReviewBench {

    private ReviewBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
        }
        String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
        int code = switch (args[0]) {
            case "setup" -> {
                need(rest, 4);
                BenchSetup.run(rest);
                yield 0;
            }
            case "load" -> load(rest);
            case "seed-bulk" -> seedBulk(rest);
            case "bulk" -> bulk(rest);
            case "feed-check" -> feedCheck(rest);
            default -> {
                usage();
                yield 2;
            }
        };
        System.exit(code);
    }

    private static int load(String[] args) throws Exception {
        need(args, 5);
        Path work = Path.of(args[0]);
        Properties p = properties(work);
        ClaimDecideLoad.Mix mix = ClaimDecideLoad.Mix.valueOf(args[2].toUpperCase(Locale.ROOT));
        int warmUp = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        String url = p.getProperty("url");
        Map<String, Long> circles = circles(p);
        List<ClaimDecideLoad.Moderator> moderators = new ArrayList<>();
        for (BenchPlan.ModeratorSpec m : BenchPlan.MODERATOR_SPECS) {
            String token = StaffSessions.signIn(url, m.username(), p.getProperty("moderator." + m.username() + ".password"));
            moderators.add(new ClaimDecideLoad.Moderator(m, token, m.filter(circles)));
        }
        CpuMeter cpu = new CpuMeter(Long.parseLong(args[1]), System.getenv("MODDESK_BENCH_DB_URL"));
        AtomicReference<CpuMeter.Snapshot> atStart = new AtomicReference<>();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        timer.schedule(() -> atStart.set(cpu.snapshot()), warmUp, TimeUnit.SECONDS);
        double transactionsBefore = cpu.dbTransactions();
        ClaimDecideLoad.Result r = new ClaimDecideLoad(url, mix).run(moderators, warmUp, seconds);
        CpuMeter.Snapshot atEnd = cpu.snapshot();
        timer.shutdown();
        double transactions = Double.NaN;
        if (!Double.isNaN(transactionsBefore)) {
            Thread.sleep(11_000); // idle backends publish their counts (and the last undo windows close)
            transactions = cpu.dbTransactions() - transactionsBefore;
        }
        appendDecided(work, r.decided());

        Properties out = new Properties();
        double rate = r.pairs() / r.seconds();
        out.setProperty("pairs", Long.toString(r.pairs()));
        out.setProperty("seconds", fmt(r.seconds()));
        out.setProperty("pairsPerSecond", fmt(rate));
        System.out.printf(Locale.ROOT, "%s mix, %d moderators, %d s warm-up: %d pairs in %.1f s = %.0f pairs/s%n",
                mix, moderators.size(), warmUp, r.pairs(), r.seconds(), rate);
        for (ClaimDecideLoad.Kind k : ClaimDecideLoad.Kind.values()) {
            Latencies l = r.latencies().get(k);
            if (l.count() == 0) {
                continue;
            }
            String name = k.name().toLowerCase(Locale.ROOT).replace('_', '-');
            out.setProperty(name + ".p50", fmt(l.percentileMs(50)));
            out.setProperty(name + ".p99", fmt(l.percentileMs(99)));
            System.out.printf(Locale.ROOT, "  %-12s p50 %6.2f ms  p99 %6.2f ms%n", name, l.percentileMs(50),
                    l.percentileMs(99));
        }
        System.out.printf(Locale.ROOT, "  responses %d, gzip-encoded %d; filters widened after running dry: %d;"
                + " errors %s%n", r.responses(), r.gzipped(), r.widened(), r.errors());
        out.setProperty("gzipped", r.gzipped() + " of " + r.responses());
        out.setProperty("widened", Long.toString(r.widened()));
        out.setProperty("errors", r.errors().toString());
        cpuReport(atStart.get(), atEnd, r.pairs(), out);
        perPair(atStart.get(), atEnd, r.pairs(), transactions, r.decided().size(), out);
        store(work, "load-" + mix.name().toLowerCase(Locale.ROOT), out);
        return r.errors().isEmpty() ? 0 : 1;
    }

    private static void cpuReport(CpuMeter.Snapshot from, CpuMeter.Snapshot to, long pairs, Properties out) {
        if (from == null || pairs == 0) {
            return;
        }
        double wall = (to.machineTotal() - from.machineTotal()) / Runtime.getRuntime().availableProcessors();
        double server = to.server() - from.server();
        double pg = to.postgres() - from.postgres();
        double gen = to.loadGenerator() - from.loadGenerator();
        double busy = to.machineBusy() - from.machineBusy();
        double other = busy - server - pg - gen;
        String line = String.format(Locale.ROOT, "CPU ms per pair: server %.2f, PostgreSQL %.2f, load generator %.2f;"
                        + " machine busy %.0f %% of %d cores, of which other processes %.2f cores",
                server * 1000 / pairs, pg * 1000 / pairs, gen * 1000 / pairs, 100 * busy / (wall * Runtime.getRuntime()
                        .availableProcessors()), Runtime.getRuntime().availableProcessors(), other / wall);
        System.out.println("  " + line);
        out.setProperty("cpu", line);
    }

    /**
     * What a pair costs the server rather than how fast the machine is: its CPU time per timed pair (which still
     * grows when other work crowds the cores: caches, JIT still compiling), and the database transactions per
     * decision of the whole run (warm-up included, counted from before the first request to 11 s after the last, so
     * the final publication of the decisions is in; a count, the same on any machine).
     */
    private static void perPair(CpuMeter.Snapshot from, CpuMeter.Snapshot to, long pairs, double transactions,
                                long decisions, Properties out) {
        if (from == null || pairs == 0 || decisions == 0) {
            return;
        }
        String line = String.format(Locale.ROOT, "per pair: server CPU %.2f ms, DB transactions %s",
                (to.server() - from.server()) * 1000 / pairs, Double.isNaN(transactions)
                        ? "not counted (no MODDESK_BENCH_DB_URL)"
                        : String.format(Locale.ROOT, "%.2f (commits + rollbacks in the server's database, %d decisions)",
                                transactions / decisions, decisions));
        System.out.println("  " + line);
        out.setProperty("perPair", line);
    }

    private static int seedBulk(String[] args) throws Exception {
        need(args, 2);
        Path work = Path.of(args[0]);
        Properties p = properties(work);
        int count = Integer.parseInt(args[1]);
        long from = Long.parseLong(p.getProperty("claimApplications"));
        Instant base = Instant.ofEpochMilli(Long.parseLong(p.getProperty("base")));
        long t0 = System.nanoTime();
        new PlatformSide(p.getProperty("url"), p.getProperty("key")).ingestRange(from, from + count, 2,
                seq -> BenchApplications.application(seq, BenchPlan.bulkCircle(seq), base));
        System.out.printf(Locale.ROOT, "seeded %d bulk applications in %.1f s%n", count, (System.nanoTime() - t0) / 1e9);
        return 0;
    }

    private static int bulk(String[] args) throws Exception {
        need(args, 2);
        Path work = Path.of(args[0]);
        Properties p = properties(work);
        int warmUpItems = Integer.parseInt(args[1]);
        String url = p.getProperty("url");
        Map<String, Long> circles = circles(p);
        List<String> tokens = new ArrayList<>();
        List<Long> circleIds = new ArrayList<>();
        List<BenchPlan.ModeratorSpec> unscoped = BenchPlan.MODERATOR_SPECS.stream()
                .filter(m -> m.scopes().isEmpty()).toList();
        for (int i = 0; i < BenchPlan.BULK_CIRCLES.size(); i++) {
            BenchPlan.ModeratorSpec m = unscoped.get(i);
            tokens.add(StaffSessions.signIn(url, m.username(), p.getProperty("moderator." + m.username() + ".password")));
            circleIds.add(circles.get(BenchPlan.BULK_CIRCLES.get(i).externalId()));
        }
        BulkLoad.Result r = new BulkLoad(url).run(tokens, circleIds, warmUpItems);
        appendDecided(work, r.decided());
        double rate = r.decisions() / r.seconds();
        System.out.printf(Locale.ROOT, "bulk: %d moderators x %d items a request, %d warm-up items each: %d decisions in"
                        + " %.1f s = %.0f decisions/s, request p50 %.0f ms p99 %.0f ms; refused %s%n",
                tokens.size(), BulkLoad.BATCH, warmUpItems, r.decisions(), r.seconds(), rate,
                r.requests().percentileMs(50), r.requests().percentileMs(99), r.refused());
        Properties out = new Properties();
        out.setProperty("decisions", Long.toString(r.decisions()));
        out.setProperty("seconds", fmt(r.seconds()));
        out.setProperty("decisionsPerSecond", fmt(rate));
        out.setProperty("request.p50", fmt(r.requests().percentileMs(50)));
        out.setProperty("request.p99", fmt(r.requests().percentileMs(99)));
        out.setProperty("refused", r.refused().toString());
        store(work, "bulk", out);
        return r.refused().isEmpty() ? 0 : 1;
    }

    private static int feedCheck(String[] args) throws Exception {
        need(args, 2);
        Path work = Path.of(args[0]);
        Properties p = properties(work);
        Instant base = Instant.ofEpochMilli(Long.parseLong(p.getProperty("base")));
        List<ClaimDecideLoad.Decided> decided = new ArrayList<>();
        for (String line : Files.readAllLines(work.resolve("decided.tsv"), StandardCharsets.UTF_8)) {
            String[] f = line.split("\t");
            decided.add(new ClaimDecideLoad.Decided(Long.parseLong(f[0]), Instant.parse(f[1]), f[2],
                    DecisionKind.valueOf(f[3])));
        }
        FeedCheck.Outcome o = FeedCheck.verify(new PlatformSide(p.getProperty("url"), p.getProperty("key")), base,
                decided, Duration.ofSeconds(Long.parseLong(args[1])));
        String line = String.format(Locale.ROOT, "action feed: %d of %d decided applications published (after"
                        + " %.0f s); missing %d, published twice %d, not decided %d, wrong type %d, wrong user %d",
                o.published(), o.decided(), o.waitedSeconds(), o.missing(), o.doubled(), o.unexpected(),
                o.wrongType(), o.wrongUser());
        System.out.println(line);
        o.examples().forEach(e -> System.out.println("  " + e));
        Properties out = new Properties();
        out.setProperty("summary", line);
        out.setProperty("ok", Boolean.toString(o.ok()));
        store(work, "feed-check", out);
        return o.ok() ? 0 : 1;
    }

    private static Map<String, Long> circles(Properties p) {
        Map<String, Long> out = new HashMap<>();
        p.stringPropertyNames().stream().filter(k -> k.startsWith("circle."))
                .forEach(k -> out.put(k.substring("circle.".length()), Long.parseLong(p.getProperty(k))));
        return out;
    }

    private static void appendDecided(Path work, List<ClaimDecideLoad.Decided> decided) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (ClaimDecideLoad.Decided d : decided) {
            sb.append(d.applicationId()).append('\t').append(d.submittedAt()).append('\t').append(d.userId())
                    .append('\t').append(d.kind()).append('\n');
        }
        Files.writeString(work.resolve("decided.tsv"), sb, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    private static Properties properties(Path work) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(work.resolve("bench.properties"), StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }

    private static void store(Path work, String name, Properties out) throws IOException {
        try (Writer w = Files.newBufferedWriter(work.resolve(name + ".results"), StandardCharsets.UTF_8)) {
            out.store(w, name);
        }
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static void need(String[] args, int n) {
        if (args.length != n) {
            usage();
        }
    }

    private static void usage() {
        System.err.println("""
                usage: ReviewBench setup <url> <admin password> <work> <claim applications>
                       ReviewBench load <work> <server pid> console|pair <warm-up s> <seconds>
                       ReviewBench seed-bulk <work> <applications>
                       ReviewBench bulk <work> <warm-up items per moderator>
                       ReviewBench feed-check <work> <patience s>""");
        System.exit(2);
    }
}
