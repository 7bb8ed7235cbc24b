package dev.moddesk.server.bench;

import dev.moddesk.contract.creators.BulkResult;
import dev.moddesk.contract.creators.CreatorValues;
import dev.moddesk.contract.creators.FeatureFlag;
import dev.moddesk.contract.creators.TierChange;
import dev.moddesk.server.core.Json;
import dev.moddesk.server.testing.LeanHttpClient;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Benchmark main (not a test) of creator search as you type and a tier change against the real server jar, run by
 * {@code scripts/bench-creators.sh} in a process of its own; apart from {@code seed} it talks to the server over HTTP
 * only, with a real session ({@code POST /api/v1/session}). Commands:
 * <pre>
 * seed &lt;jdbc-url&gt; &lt;db user&gt; &lt;work&gt; &lt;creators&gt; &lt;bulk&gt;   migrate, then batched SQL; names to &lt;work&gt;/names.txt
 * type &lt;url&gt; &lt;admin password&gt; &lt;work&gt; &lt;names typed&gt;     one GET /api/v1/creators?query= per keystroke
 * tier &lt;url&gt; &lt;admin password&gt; &lt;creators in the tier&gt;    preview and apply new BENCH defaults
 * </pre>
 * Each prints one line of figures (and {@code type} and {@code tier} write them as properties to {@code <work>}).
 */
public final class CreatorBench {

    private CreatorBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
        }
        switch (args[0]) {
            case "seed" -> {
                need(args, 6);
                CreatorSeed.run(args[1], args[2], Path.of(args[3]), Integer.parseInt(args[4]),
                        Integer.parseInt(args[5]));
            }
            case "type" -> {
                need(args, 5);
                type(args[1], args[2], Path.of(args[3]), Integer.parseInt(args[4]));
            }
            case "tier" -> {
                need(args, 5);
                tier(args[1], args[2], Path.of(args[3]), Integer.parseInt(args[4]));
            }
            default -> usage();
        }
    }

    /**
     * Types the first 3–6 letters of random seeded names, one request per keystroke, as the console's search box does
     * (it debounces, so this is the worst case: every keystroke asks). One keep-alive connection, 50 warm-up requests.
     */
    private static void type(String url, String password, Path work, int typedNames) throws IOException {
        List<String> names = Files.readAllLines(work.resolve("names.txt"), StandardCharsets.UTF_8);
        String token = StaffSessions.signIn(url, "admin", password);
        SplittableRandom random = new SplittableRandom(7);
        Latencies latencies = new Latencies();
        int hits = 0;
        try (LeanHttpClient client = new LeanHttpClient(url, token)) {
            for (int warm = 0; warm < 50; warm++) {
                client.get("/api/v1/creators?limit=10&query=" + encode(names.get(warm).substring(0, 2)));
            }
            for (int q = 0; q < typedNames; q++) {
                String name = names.get(random.nextInt(names.size()));
                int typed = Math.min(name.length(), 3 + random.nextInt(4));
                for (int k = 1; k <= typed; k++) {
                    long start = System.nanoTime();
                    LeanHttpClient.Response r = client.get("/api/v1/creators?limit=10&query="
                            + encode(name.substring(0, k)));
                    latencies.add(System.nanoTime() - start);
                    if (r.status() != 200) {
                        throw new IllegalStateException("search answered " + r.status() + ": " + r.text());
                    }
                    if (k == typed && r.text().contains("\"displayName\"")) {
                        hits++;
                    }
                }
            }
        }
        Latencies all = Latencies.merge(List.of(latencies));
        String line = String.format(Locale.ROOT, "keystrokes=%d%np50=%.1f%np95=%.1f%np99=%.1f%nmax=%.1f%nnonEmpty=%d%n",
                all.count(), all.percentileMs(50), all.percentileMs(95), all.percentileMs(99), all.percentileMs(100),
                hits);
        Files.writeString(work.resolve("type.results"), line);
        System.out.printf(Locale.ROOT, "search as you type: %d keystrokes (%d names), p50 %.1f ms, p95 %.1f ms,"
                        + " p99 %.1f ms, max %.1f ms; last keystroke found creators for %d of %d names%n",
                all.count(), typedNames, all.percentileMs(50), all.percentileMs(95), all.percentileMs(99),
                all.percentileMs(100), hits, typedNames);
    }

    /** New BENCH defaults (quota 3, display slots 2, KTV on): every creator of the tier changes, one group hidden. */
    private static void tier(String url, String password, Path work, int expected) throws Exception {
        String token = StaffSessions.signIn(url, "admin", password);
        TierChange change = new TierChange(CreatorValues.of(3, 2, 800,
                EnumSet.of(FeatureFlag.GROUP_CHAT, FeatureFlag.KTV)), "benchmark: tighter profile, karaoke on");
        byte[] body = Json.mapper().writeValueAsBytes(change);
        HttpClient http = HttpClient.newHttpClient();
        long started = System.nanoTime();
        HttpResponse<String> preview = http.send(request(url, token, "/api/v1/creator-tiers/BENCH/preview")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        double previewSeconds = (System.nanoTime() - started) / 1e9;
        started = System.nanoTime();
        HttpResponse<String> applied = http.send(request(url, token, "/api/v1/creator-tiers/BENCH")
                .header("If-Match", "\"1\"").PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        double applySeconds = (System.nanoTime() - started) / 1e9;
        if (preview.statusCode() != 200 || applied.statusCode() != 200) {
            throw new IllegalStateException("tier change answered " + preview.statusCode() + " / "
                    + applied.statusCode() + ": " + applied.body());
        }
        BulkResult previewed = Json.mapper().readValue(preview.body(), BulkResult.class);
        BulkResult result = Json.mapper().readValue(applied.body(), BulkResult.class);
        if (previewed.changed() != expected || result.changed() != expected) {
            throw new IllegalStateException("expected " + expected + " changed creators, preview said "
                    + previewed.changed() + ", apply " + result.changed());
        }
        Files.writeString(work.resolve("tier.results"), String.format(Locale.ROOT,
                "creators=%d%npreview=%.2f%napply=%.2f%nanswerKb=%d%n", result.changed(), previewSeconds,
                applySeconds, applied.body().length() / 1024));
        System.out.printf(Locale.ROOT, "tier change over %d creators: preview %.2f s, apply %.2f s (%d changed: as"
                        + " many feed actions and audit entries; answer %d KB)%n", expected, previewSeconds,
                applySeconds, result.changed(), applied.body().length() / 1024);
    }

    private static HttpRequest.Builder request(String url, String token, String path) {
        return HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofMinutes(10))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json");
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static void need(String[] args, int n) {
        if (args.length < n) {
            usage();
        }
    }

    private static void usage() {
        System.err.println("usage: CreatorBench seed <jdbc-url> <db user> <work> <creators> <bulk>"
                + " | type <url> <admin password> <work> <names typed> | tier <url> <admin password> <work> <bulk>");
        System.exit(2);
    }
}
