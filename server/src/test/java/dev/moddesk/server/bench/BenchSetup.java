package dev.moddesk.server.bench;

import dev.moddesk.server.testing.LeanHttpClient;
import com.fasterxml.jackson.databind.JsonNode;
import dev.moddesk.contract.platform.IngestEvent;
import dev.moddesk.server.core.Json;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Step {@code setup} of {@link ReviewBench}: prepares a freshly started real server
 * for the review benchmark over its public API only. As the sandbox admin it creates a platform service key and the
 * eight moderators (staff accounts with their city scopes), ingests the circles and the claim applications as
 * platform events (500 per call), and writes {@code bench.properties} (key, passwords, circle and staff ids) and
 * the pgbench baseline scripts into the work folder.
 *
 * <p>Arguments: {@code <server url> <admin password> <work folder> <claim applications>}.
 */
final class BenchSetup {

    private BenchSetup() {
    }

    static void run(String[] args) throws Exception {
        String url = args[0];
        Path work = Path.of(args[2]);
        int applications = Integer.parseInt(args[3]);
        Files.createDirectories(work);

        String admin = StaffSessions.signIn(url, "admin", args[1]);
        String key;
        try (LeanHttpClient http = new LeanHttpClient(url, admin)) {
            LeanHttpClient.Response r = http.post("/api/v1/platform/keys", "{\"name\":\"review benchmark\"}"
                    .getBytes(StandardCharsets.UTF_8));
            if (r.status() != 201) {
                throw new IOException("creating a service key answered " + r.status() + ": " + r.text());
            }
            key = Json.mapper().readTree(r.body()).path("key").asText();
        }

        Properties p = new Properties();
        p.setProperty("url", url);
        p.setProperty("key", key);
        List<Long> staffIds = new ArrayList<>();
        for (BenchPlan.ModeratorSpec m : BenchPlan.MODERATOR_SPECS) {
            String password = password();
            long id = StaffSessions.createModerator(url, admin, m.username(), password, m.scopes());
            staffIds.add(id);
            p.setProperty("moderator." + m.username() + ".password", password);
            p.setProperty("moderator." + m.username() + ".id", Long.toString(id));
        }

        PlatformSide platform = new PlatformSide(url, key);
        Instant now = Instant.now();
        List<IngestEvent> circles = new ArrayList<>();
        BenchPlan.CLAIM_CIRCLES.forEach(c -> circles.add(BenchApplications.circle(c, now)));
        BenchPlan.BULK_CIRCLES.forEach(c -> circles.add(BenchApplications.circle(c, now)));
        platform.ingest(circles);

        // Submitted three hours ago, one millisecond apart: old enough for the 30-minute filter, far from expiry.
        Instant base = now.minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.SECONDS);
        p.setProperty("base", Long.toString(base.toEpochMilli()));
        p.setProperty("claimApplications", Integer.toString(applications));
        long t0 = System.nanoTime();
        platform.ingestRange(0, applications, 2,
                seq -> BenchApplications.application(seq, BenchPlan.claimCircle(seq), base));
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "seeded %d applications over the ingest API in %.1f s (%.0f events/s)%n",
                applications, seconds, applications / seconds);

        Map<String, Long> circleIds = new HashMap<>();
        try (LeanHttpClient http = new LeanHttpClient(url, admin)) {
            LeanHttpClient.Response r = http.get("/api/v1/review/circles");
            for (JsonNode c : Json.mapper().readTree(r.body())) {
                circleIds.put(c.path("externalId").asText(), c.path("id").asLong());
            }
        }
        circleIds.forEach((ext, id) -> p.setProperty("circle." + ext, Long.toString(id)));
        try (Writer w = Files.newBufferedWriter(work.resolve("bench.properties"), StandardCharsets.UTF_8)) {
            p.store(w, "review benchmark: service key and moderator passwords of a throw-away schema");
        }
        for (PgbenchScripts.Style style : PgbenchScripts.Style.values()) {
            Files.writeString(work.resolve("pgbench-" + style.name().toLowerCase(Locale.ROOT) + ".sql"),
                    PgbenchScripts.script(style, circleIds, staffIds), StandardCharsets.UTF_8);
        }
    }

    private static String password() {
        String alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
