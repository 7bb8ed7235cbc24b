package dev.moddesk.server.bench;

import dev.moddesk.server.core.Database;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Seeds a benchmark database before the server starts on it: migrates it as the server would (Flyway, through
 * {@link Database#open}), then inserts creators with batched SQL (names from syllables, pinyin and Chinese,
 * lower-cased into {@code search_name} as the server does), the first {@code bulk} of them in a tier {@code BENCH}
 * with 3 fan groups each. Fixed seed; writes every name to {@code <work>/names.txt} for the typing load.
 */
final class CreatorSeed {

    private static final String[] SYLLABLES = {"an", "bo", "chen", "da", "fei", "gao", "hui", "jia", "ke", "li",
        "ming", "na", "pei", "qing", "rui", "shan", "tian", "wen", "xiao", "yu", "zhi", "晴", "小", "阿", "星"};
    private static final int BATCH = 5_000;

    private CreatorSeed() {
    }

    static void run(String url, String user, Path work, int creators, int bulk) throws IOException {
        long started = System.nanoTime();
        SplittableRandom random = new SplittableRandom(42);
        List<String> names = new ArrayList<>(creators);
        Timestamp now = Timestamp.from(Instant.parse("2026-12-01T00:00:00Z"));
        try (Database db = Database.open(new Database.Settings(url, user, null))) {
            db.jdbi().useHandle(h -> {
                h.execute("INSERT INTO creator_tier (code, name, fan_group_quota, display_slots, member_capacity,"
                        + " features, updated_at) VALUES ('BENCH', 'Bench', 5, 5, 500, 'GROUP_CHAT', ?)", now);
                for (int from = 0; from < creators; from += BATCH) {
                    PreparedBatch batch = h.prepareBatch("INSERT INTO creator (external_id, user_id, display_name,"
                            + " search_name, followers, tier, verified, version, profile_at, updated_at)"
                            + " VALUES (:ext, :user, :name, :search, :followers, :tier, :verified, 1, :at, :at)");
                    for (int i = from; i < Math.min(creators, from + BATCH); i++) {
                        String name = syllable(random) + syllable(random) + " " + syllable(random) + i;
                        names.add(name);
                        batch.bind("ext", "bench-" + i).bind("user", "u-bench-" + i).bind("name", name)
                                .bind("search", name.toLowerCase(Locale.ROOT))
                                .bind("followers", random.nextInt(1_000_000))
                                .bind("tier", i < bulk ? "BENCH" : "STANDARD").bind("verified", random.nextBoolean())
                                .bind("at", now).add();
                    }
                    batch.execute();
                }
                groups(h, bulk, now);
                h.execute("ANALYZE creator");
                h.execute("ANALYZE creator_fan_group");
            });
        }
        Files.write(work.resolve("names.txt"), names, StandardCharsets.UTF_8);
        System.out.printf(Locale.ROOT, "seeded %d creators (%d in tier BENCH with 3 groups each) in %.1f s%n",
                creators, bulk, (System.nanoTime() - started) / 1e9);
    }

    /** Each bulk-tier creator owns 3 groups, so lowering the display slots hides one. */
    private static void groups(Handle h, int bulk, Timestamp now) {
        String sql = "INSERT INTO creator_fan_group (external_id, creator_id, name, members, capacity, created_at,"
                + " display_order) SELECT :ext, id, :name, 10, 500, :at, :order FROM creator WHERE external_id = :creator";
        for (int from = 0; from < bulk; from += 2_000) {
            PreparedBatch groups = h.prepareBatch(sql);
            for (int i = from; i < Math.min(bulk, from + 2_000); i++) {
                for (int g = 1; g <= 3; g++) {
                    groups.bind("ext", "bench-" + i + "-g" + g).bind("name", "群 " + g).bind("at", now)
                            .bind("order", g).bind("creator", "bench-" + i).add();
                }
            }
            groups.execute();
        }
    }

    private static String syllable(SplittableRandom random) {
        return SYLLABLES[random.nextInt(SYLLABLES.length)];
    }
}
