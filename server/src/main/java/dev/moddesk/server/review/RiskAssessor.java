package dev.moddesk.server.review;

import dev.moddesk.contract.review.RiskSignal;
import dev.moddesk.screening.ScreenHit;
import dev.moddesk.screening.TextNormalizer;
import dev.moddesk.screening.WordScreen;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns what is known about an application at submit time into risk signals. Weights add up to a score capped at
 * 100; they are tuned so one strong signal (screened words, a ring) puts an application near the top of a risk-sorted
 * queue while a single weak one (new account) does not.
 */
final class RiskAssessor {

    static final String SCREENED_WORDS = "SCREENED_WORDS";
    static final String NEW_ACCOUNT = "NEW_ACCOUNT";
    static final String DUPLICATE_TEXT = "DUPLICATE_TEXT";
    static final String LOCATION_MISMATCH = "LOCATION_MISMATCH";
    static final String RECENT_REJECTION = "RECENT_REJECTION";

    static final int RING_SIZE = 3;
    private static final Duration NEW_ACCOUNT_AGE = Duration.ofDays(7);
    /** Shorter answers ("好的", "喜欢") are too common to mean copy-paste. */
    private static final int MIN_FINGERPRINT_LENGTH = 8;

    private final WordScreen screen;

    RiskAssessor(WordScreen screen) {
        this.screen = screen;
    }

    WordScreen screen() {
        return screen;
    }

    /** Facts gathered by the service from the payload and the database. */
    record Facts(List<String> texts, Instant accountCreatedAt, String applicantCity, String circleCity,
                 int largestRing, List<ApplicationStore.Rejection> rejections, Instant now) {
    }

    List<RiskSignal> assess(Facts f) {
        List<RiskSignal> signals = new ArrayList<>();
        Set<String> terms = new LinkedHashSet<>();
        for (String text : f.texts()) {
            for (ScreenHit hit : screen.find(text)) {
                terms.add(hit.term());
            }
        }
        if (!terms.isEmpty()) {
            signals.add(new RiskSignal(SCREENED_WORDS, 45, String.join(", ", terms),
                    Map.of("terms", String.join(", ", terms))));
        }
        if (f.largestRing() >= RING_SIZE) {
            signals.add(ringSignal(f.largestRing()));
        }
        if (f.applicantCity() != null && !f.applicantCity().isBlank() && !sameCity(f.applicantCity(), f.circleCity())) {
            signals.add(new RiskSignal(LOCATION_MISMATCH, 20, f.applicantCity() + " ≠ " + f.circleCity(),
                    Map.of("applicantCity", f.applicantCity(), "circleCity", String.valueOf(f.circleCity()))));
        }
        if (f.accountCreatedAt() != null && f.accountCreatedAt().isAfter(f.now().minus(NEW_ACCOUNT_AGE))) {
            long days = Duration.between(f.accountCreatedAt(), f.now()).toDays();
            signals.add(new RiskSignal(NEW_ACCOUNT, 15, "account " + days + " days old",
                    Map.of("days", Long.toString(days))));
        }
        for (ApplicationStore.Rejection r : f.rejections()) {
            Instant until = r.decidedAt().plus(Duration.ofDays(r.cooldownDays()));
            if (until.isAfter(f.now())) {
                signals.add(new RiskSignal(RECENT_REJECTION, 25, "rejected " + r.reasonCode() + ", cooldown until " + until,
                        Map.of("reasonCode", String.valueOf(r.reasonCode()), "until", until.toString())));
                break;
            }
        }
        return signals;
    }

    static RiskSignal ringSignal(int applicants) {
        return new RiskSignal(DUPLICATE_TEXT, 30, "same answer from " + applicants + " applicants",
                Map.of("applicants", Integer.toString(applicants)));
    }

    static int score(List<RiskSignal> signals) {
        return Math.min(100, signals.stream().mapToInt(RiskSignal::weight).sum());
    }

    private static boolean sameCity(String a, String b) {
        return strip(a).equals(strip(b));
    }

    /** "北京市" and "北京" are the same city. */
    private static String strip(String city) {
        String c = city == null ? "" : city.strip();
        return c.endsWith("市") ? c.substring(0, c.length() - 1) : c;
    }

    /** Fingerprints of answers long enough to be distinctive, after evasion-resistant normalization. */
    static Set<String> fingerprints(List<String> texts) {
        Set<String> out = new LinkedHashSet<>();
        for (String t : texts) {
            String n = TextNormalizer.normalize(t);
            if (n.length() >= MIN_FINGERPRINT_LENGTH) {
                out.add(sha256(n));
            }
        }
        return out;
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
