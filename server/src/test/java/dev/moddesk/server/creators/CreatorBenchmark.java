package dev.moddesk.server.creators;

import dev.moddesk.contract.Role;
import dev.moddesk.contract.creators.BulkResult;
import dev.moddesk.contract.creators.CreatorValues;
import dev.moddesk.contract.creators.FeatureFlag;
import dev.moddesk.contract.creators.TierChange;
import dev.moddesk.server.testing.Backend;
import dev.moddesk.server.testing.LeanHttpClient;
import dev.moddesk.server.testing.TestClient;
import dev.moddesk.server.testing.TestServer;
import dev.moddesk.server.testing.TestServers;
import dev.moddesk.server.core.Json;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Benchmark main (not a test): creator search as you type over N creators through the real HTTP API (p50/p95/p99 per
 * keystroke), then a tier-defaults change over M creators (preview and apply, timed). Seeds with batched SQL, not the
 * ingest API, so seeding does not dominate the run. Prints its figures; docs/benchmarks.md has the command.
 *
 * <p>Arguments: postgres|h2, creators (default 100000), creators in the bulk tier (default 10000), typed queries
 * (default 300).
 */
public final class CreatorBenchmark {

    private static final String[] SYLLABLES = {"an", "bo", "chen", "da", "fei", "gao", "hui", "jia", "ke", "li",
        "ming", "na", "pei", "qing", "rui", "shan", "tian", "wen", "xiao", "yu", "zhi", "晴", "小", "阿", "星"};

    private CreatorBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Backend backend = args.length > 0 && args[0].equalsIgnoreCase("h2") ? Backend.H2 : Backend.POSTGRES;
        int creators = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int bulk = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
        int queries = args.length > 3 ? Integer.parseInt(args[3]) : 300;
        try (TestServer server = TestServers.start(backend)) {
            List<String> names = seed(server, creators, bulk);
            TestClient admin = server.as(Role.ADMIN);
            typeAhead(server, admin.token(), names, queries);
            tierChange(server, admin.token(), bulk);
        }
    }

    private static List<String> seed(TestServer server, int creators, int bulk) {
        long started = System.nanoTime();
        SplittableRandom random = new SplittableRandom(42);
        List<String> names = new ArrayList<>(creators);
        Timestamp now = Timestamp.from(Instant.parse("2026-12-01T00:00:00Z"));
        server.server().services().database().jdbi().useHandle(h -> {
            h.execute("INSERT INTO creator_tier (code, name, fan_group_quota, display_slots, member_capacity, features,"
                    + " updated_at) VALUES ('BENCH', 'Bench', 5, 5, 500, 'GROUP_CHAT', ?)", now);
            for (int from = 0; from < creators; from += 5_000) {
                PreparedBatch batch = h.prepareBatch("INSERT INTO creator (external_id, user_id, display_name,"
                        + " search_name, followers, tier, verified, version, profile_at, updated_at)"
                        + " VALUES (:ext, :user, :name, :search, :followers, :tier, :verified, 1, :at, :at)");
                for (int i = from; i < Math.min(creators, from + 5_000); i++) {
                    String name = SYLLABLES[random.nextInt(SYLLABLES.length)] + SYLLABLES[random.nextInt(SYLLABLES.length)]
                            + " " + SYLLABLES[random.nextInt(SYLLABLES.length)] + i;
                    names.add(name);
                    batch.bind("ext", "bench-" + i).bind("user", "u-bench-" + i).bind("name", name)
                            .bind("search", name.toLowerCase(Locale.ROOT)).bind("followers", random.nextInt(1_000_000))
                            .bind("tier", i < bulk ? "BENCH" : "STANDARD").bind("verified", random.nextBoolean())
                            .bind("at", now).add();
                }
                batch.execute();
            }
            // Each bulk-tier creator owns 3 groups, so lowering the display slots hides some.
            PreparedBatch groups = h.prepareBatch("INSERT INTO creator_fan_group (external_id, creator_id, name,"
                    + " members, capacity, created_at, display_order) SELECT :ext, id, :name, 10, 500, :at, :order"
                    + " FROM creator WHERE external_id = :creator");
            for (int i = 0; i < bulk; i++) {
                for (int g = 1; g <= 3; g++) {
                    groups.bind("ext", "bench-" + i + "-g" + g).bind("name", "群 " + g).bind("at", now)
                            .bind("order", g).bind("creator", "bench-" + i).add();
                }
                if (i % 2_000 == 1_999) {
                    groups.execute();
                    groups = h.prepareBatch("INSERT INTO creator_fan_group (external_id, creator_id, name,"
                            + " members, capacity, created_at, display_order) SELECT :ext, id, :name, 10, 500, :at,"
                            + " :order FROM creator WHERE external_id = :creator");
                }
            }
            if (groups.size() > 0) {
                groups.execute();
            }
            if (server.backend() == Backend.POSTGRES) {
                h.execute("ANALYZE creator");
                h.execute("ANALYZE creator_fan_group");
            }
        });
        System.out.printf("seeded %d creators (%d in tier BENCH with 3 groups each) in %.1f s%n", creators, bulk,
                (System.nanoTime() - started) / 1e9);
        return names;
    }

    /** Types the first letters of random names, one request per keystroke, as the console's search box does. */
    private static void typeAhead(TestServer server, String token, List<String> names, int queries) throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        List<Long> nanos = new ArrayList<>();
        try (LeanHttpClient client = new LeanHttpClient(server.baseUrl(), token)) {
            for (int warm = 0; warm < 50; warm++) {
                client.get("/api/v1/creators?limit=10&query=" + encode(names.get(warm).substring(0, 2)));
            }
            for (int q = 0; q < queries; q++) {
                String name = names.get(random.nextInt(names.size()));
                int typed = Math.min(name.length(), 3 + random.nextInt(4));
                for (int k = 1; k <= typed; k++) {
                    long start = System.nanoTime();
                    LeanHttpClient.Response r = client.get("/api/v1/creators?limit=10&query="
                            + encode(name.substring(0, k)));
                    nanos.add(System.nanoTime() - start);
                    if (r.status() != 200) {
                        throw new IllegalStateException("search answered " + r.status() + ": " + r.text());
                    }
                }
            }
        }
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("search as you type: %d keystrokes, p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                sorted.length, pct(sorted, 50), pct(sorted, 95), pct(sorted, 99), sorted[sorted.length - 1] / 1e6);
    }

    private static void tierChange(TestServer server, String token, int bulk) throws Exception {
        TierChange change = new TierChange(CreatorValues.of(3, 2, 800,
                EnumSet.of(FeatureFlag.GROUP_CHAT, FeatureFlag.KTV)), "benchmark: tighter profile, karaoke on");
        byte[] body = TestClient.json(change);
        // Not TestClient: its 30 s timeout is for tests; a bulk change on a busy machine may take longer.
        HttpClient http = HttpClient.newHttpClient();
        long started = System.nanoTime();
        HttpResponse<String> preview = http.send(request(server, token, "/api/v1/creator-tiers/BENCH/preview")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        double previewSeconds = (System.nanoTime() - started) / 1e9;
        started = System.nanoTime();
        HttpResponse<String> applied = http.send(request(server, token, "/api/v1/creator-tiers/BENCH")
                .header("If-Match", "\"1\"").PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        double applySeconds = (System.nanoTime() - started) / 1e9;
        if (preview.statusCode() != 200 || applied.statusCode() != 200) {
            throw new IllegalStateException("tier change answered " + preview.statusCode() + " / "
                    + applied.statusCode() + ": " + applied.body());
        }
        BulkResult result = Json.mapper().readValue(applied.body(), BulkResult.class);
        System.out.printf("tier change over %d creators: preview %.2f s, apply %.2f s (%d changed: as many feed"
                + " actions and audit entries; answer %d KB)%n", bulk, previewSeconds, applySeconds, result.changed(),
                applied.body().length() / 1024);
    }

    private static HttpRequest.Builder request(TestServer server, String token, String path) {
        return HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).timeout(Duration.ofMinutes(10))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json");
    }

    private static double pct(long[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1e6;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
