package dev.moddesk.server.bench;

import dev.moddesk.contract.review.DecisionKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * After the undo windows have closed, every decision must be on the platform's action feed exactly once, with the
 * right type and applicant: compares platform application ids (recovered from the submission times the console
 * saw, see {@link BenchPlan}) with the feed's target ids, not counts.
 */
final class FeedCheck {

    /** What the comparison found; {@code ok()} when nothing is missing, doubled, unexpected or of the wrong type. */
    record Outcome(int decided, int published, int missing, int doubled, int unexpected, int wrongType,
                   int wrongUser, double waitedSeconds, List<String> examples) {
        boolean ok() {
            return missing == 0 && doubled == 0 && unexpected == 0 && wrongType == 0 && wrongUser == 0
                    && published == decided;
        }
    }

    private FeedCheck() {
    }

    /**
     * Pulls the feed until every decided application is on it or {@code patience} has passed. The wait is the
     * product's behaviour being observed (the undo window, then the publisher), not a synchronization.
     */
    static Outcome verify(PlatformSide platform, Instant base, List<ClaimDecideLoad.Decided> decided,
                          Duration patience) throws Exception {
        Map<String, ClaimDecideLoad.Decided> expected = new HashMap<>();
        for (ClaimDecideLoad.Decided d : decided) {
            expected.put(BenchPlan.externalId(BenchPlan.sequenceOf(base, d.submittedAt())), d);
        }
        long t0 = System.nanoTime();
        long until = t0 + patience.toNanos();
        List<PlatformSide.Action> actions = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        long cursor = 0;
        while (true) {
            PlatformSide.Pulled pulled = platform.actionsAfter(cursor);
            cursor = pulled.cursor();
            for (PlatformSide.Action a : pulled.actions()) {
                if (a.type().startsWith("application.")) {
                    actions.add(a);
                    seen.add(a.applicationId());
                }
            }
            if (seen.containsAll(expected.keySet()) || System.nanoTime() > until) {
                break;
            }
            Thread.sleep(1000);
        }
        double waited = (System.nanoTime() - t0) / 1e9;
        Map<String, Integer> times = new HashMap<>();
        int unexpected = 0;
        int wrongType = 0;
        int wrongUser = 0;
        List<String> examples = new ArrayList<>();
        for (PlatformSide.Action a : actions) {
            times.merge(a.applicationId(), 1, Integer::sum);
            ClaimDecideLoad.Decided d = expected.get(a.applicationId());
            if (d == null) {
                unexpected++;
                note(examples, "unexpected " + a);
                continue;
            }
            if (!a.type().equals(typeOf(d.kind()))) {
                wrongType++;
                note(examples, "type " + a + " for " + d);
            }
            if (!d.userId().equals(a.userId())) {
                wrongUser++;
                note(examples, "user " + a + " for " + d);
            }
        }
        int missing = 0;
        for (String id : expected.keySet()) {
            if (!times.containsKey(id)) {
                missing++;
                note(examples, "missing " + id + " " + expected.get(id));
            }
        }
        int doubled = (int) times.values().stream().filter(n -> n > 1).count();
        return new Outcome(expected.size(), actions.size(), missing, doubled, unexpected, wrongType, wrongUser, waited,
                List.copyOf(examples));
    }

    static String typeOf(DecisionKind kind) {
        return switch (kind) {
            case APPROVE -> "application.approved";
            case REJECT -> "application.rejected";
            case NEEDS_INFO -> "application.needs_info";
        };
    }

    private static void note(List<String> examples, String line) {
        if (examples.size() < 5) {
            examples.add(line);
        }
    }
}
