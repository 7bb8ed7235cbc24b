package dev.moddesk.server.bench;

import dev.moddesk.contract.review.JoinMode;
import dev.moddesk.contract.review.QueueFilter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the review benchmark runs over: the circles (several cities and topics), the eight moderators with their
 * city scopes and claim-next filters, and how applications are spread over the circles. The same plan drives the
 * HTTP load generator and the raw-SQL baseline, so both claim over the same filters.
 *
 * <p>Every application's platform id and submission time follow from one sequence number ({@link #externalId},
 * {@link #submittedAt}: one millisecond apart), so the load generator can tell which platform application it decided
 * from what the console sees (the submission time) and compare ids with the action feed, not counts.
 */
final class BenchPlan {

    /** A circle the platform reports: external id, name, city, topic, join mode and its questions. */
    record CircleSpec(String externalId, String name, String city, String topic, String code, JoinMode mode,
                      List<String> questions) {
    }

    /**
     * A moderator: username, city scope (empty = all cities) and the claim-next filter it works from. {@code circle}
     * is a circle's external id (resolved to its server id at run time).
     */
    record ModeratorSpec(String username, List<String> scopes, String city, String circle, JoinMode mode,
                         Integer olderThanMinutes, String sort) {

        QueueFilter filter(Map<String, Long> circleIds) {
            return new QueueFilter(city, circle == null ? null : circleIds.get(circle), mode, null, olderThanMinutes,
                    null, sort);
        }

        boolean byRisk() {
            return "risk".equals(sort);
        }

        /** The same filter as the server's claim-next WHERE clause, for the raw-SQL baseline (see ReviewStore). */
        String sqlWhere(Map<String, Long> circleIds) {
            StringBuilder sql = new StringBuilder("a.status = 'PENDING'");
            if (city != null) {
                sql.append(" AND a.city = '").append(city).append('\'');
            }
            if (!scopes.isEmpty()) {
                sql.append(" AND a.city IN (").append(scopes.stream().map(s -> "'" + s + "'")
                        .collect(Collectors.joining(", "))).append(')');
            }
            if (circle != null) {
                sql.append(" AND a.circle_id = ").append(circleIds.get(circle));
            }
            if (mode != null && mode != JoinMode.EITHER) {
                sql.append(" AND a.mode = '").append(mode.name()).append('\'');
            }
            if (olderThanMinutes != null) {
                sql.append(" AND a.submitted_at <= now() - interval '").append(olderThanMinutes).append(" minutes'");
            }
            sql.append(" AND (a.claimed_by IS NULL OR a.claim_expires_at < now())");
            return sql.toString();
        }

        String sqlOrder() {
            return byRisk() ? "a.risk_score DESC, a.submitted_at, a.id" : "a.submitted_at, a.id";
        }
    }

    static final int MODERATORS = 8;

    /** Applications per user on average is about (claim + bulk applications) / this: users apply more than once. */
    static final int USERS = 60_000;

    private static final String[][] CITIES = {{"北京", "bj"}, {"上海", "sh"}, {"成都", "cd"}, {"杭州", "hz"}};
    private static final String[][] BULK_CITIES = {{"深圳", "sz"}, {"广州", "gz"}};

    record Topic(String name, String code, JoinMode mode, List<String> questions) {
    }

    static final Topic HIKING = new Topic("徒步", "hiking", JoinMode.EITHER,
            List.of("你最近一次徒步去了哪里？", "你能接受多长距离的路线？", "有没有户外装备和经验？"));
    static final Topic PHOTO = new Topic("摄影", "photo", JoinMode.VIDEO,
            List.of("你用什么器材拍照？", "最喜欢拍什么题材？"));
    static final Topic BOARDGAME = new Topic("桌游", "boardgame", JoinMode.QUESTIONS,
            List.of("你玩过哪些桌游？", "一般什么时间有空？"));
    private static final List<Topic> TOPICS = List.of(HIKING, PHOTO, BOARDGAME);

    /** The circles moderators claim from: four cities, three topics each. */
    static final List<CircleSpec> CLAIM_CIRCLES = circles(CITIES, TOPICS);
    /** The circles the bulk phase decides: two other cities, so no claim-next filter reaches them. */
    static final List<CircleSpec> BULK_CIRCLES = circles(BULK_CITIES, List.of(HIKING, BOARDGAME));

    /**
     * Each moderator's scope and filter: single circles, whole cities, a join mode, a scoped moderator sorting by
     * risk, an age filter and one taking the oldest of everything. The bulk phase uses the unscoped ones.
     */
    static final List<ModeratorSpec> MODERATOR_SPECS = List.of(
            new ModeratorSpec("bench-mod0", List.of(), null, "bench-bj-hiking", null, null, "age"),
            new ModeratorSpec("bench-mod1", List.of(), "北京", null, null, null, "age"),
            new ModeratorSpec("bench-mod2", List.of(), "上海", null, JoinMode.VIDEO, null, "age"),
            new ModeratorSpec("bench-mod3", List.of(), "上海", null, JoinMode.QUESTIONS, null, "age"),
            new ModeratorSpec("bench-mod4", List.of("成都"), null, null, null, null, "risk"),
            new ModeratorSpec("bench-mod5", List.of(), null, "bench-cd-boardgame", null, null, "age"),
            new ModeratorSpec("bench-mod6", List.of(), "杭州", null, null, 30, "age"),
            new ModeratorSpec("bench-mod7", List.of(), null, null, null, null, "age"));

    /**
     * The order circles receive claim applications in, one per sequence number: the two circles a single-circle
     * filter works from get twice the share, so the eight filters' pools are about even. Interleaved, so the
     * moderator taking the oldest of everything draws from every circle alike.
     */
    private static final List<String> CLAIM_CYCLE = claimCycle();

    private BenchPlan() {
    }

    static String externalId(long seq) {
        return "bench-app-" + seq;
    }

    /** Submission time of application {@code seq}: unique to the millisecond, so it names the application. */
    static Instant submittedAt(Instant base, long seq) {
        return base.plusMillis(seq);
    }

    static long sequenceOf(Instant base, Instant submittedAt) {
        return submittedAt.toEpochMilli() - base.toEpochMilli();
    }

    static String userOf(long seq) {
        return "bench-user-" + Math.floorMod(seq * 2_654_435_761L, USERS);
    }

    /** The circle of claim application {@code seq}. */
    static CircleSpec claimCircle(long seq) {
        String id = CLAIM_CYCLE.get((int) (seq % CLAIM_CYCLE.size()));
        return CLAIM_CIRCLES.stream().filter(c -> c.externalId().equals(id)).findFirst().orElseThrow();
    }

    static CircleSpec bulkCircle(long seq) {
        return BULK_CIRCLES.get((int) (seq % BULK_CIRCLES.size()));
    }

    private static List<CircleSpec> circles(String[][] cities, List<Topic> topics) {
        List<CircleSpec> out = new ArrayList<>();
        for (String[] city : cities) {
            for (Topic t : topics) {
                out.add(new CircleSpec("bench-" + city[1] + "-" + t.code(), city[0] + t.name() + "圈", city[0],
                        t.name(), t.code(), t.mode(), t.questions()));
            }
        }
        return List.copyOf(out);
    }

    private static List<String> claimCycle() {
        List<String> cycle = new ArrayList<>();
        for (CircleSpec c : CLAIM_CIRCLES) {
            cycle.add(c.externalId());
        }
        for (ModeratorSpec m : MODERATOR_SPECS) {
            if (m.circle() != null) {
                cycle.add(m.circle());
            }
        }
        return List.copyOf(cycle);
    }
}
