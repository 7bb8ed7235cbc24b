package dev.moddesk.server.sandbox;

import dev.moddesk.contract.platform.FeedAction;
import dev.moddesk.contract.platform.IngestEvent;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * Plays the platform's creators: 300 of them over the three tiers with fan groups of varied sizes (many STANDARD
 * creators own more groups than their quota of 5; sent one per tick after the seed), the story's creator "晴天Sunny" with 50 groups opened in three
 * days while her profile shows 5, and a steady trickle of quota requests and newly opened groups. The seed uses
 * fixed event ids, so a restarted sandbox replays it as duplicates.
 */
public final class CreatorsActivity implements SimulatedActivity {

    static final String STORY_CREATOR = "kol-sunny";
    private static final long SEED = 12;
    private static final int CREATORS = 300;
    private static final String[] NAMES = {"小鹿", "阿杰", "糖糖", "大橙子", "Lily", "老王", "Mia", "小北", "阿May",
        "胖虎", "Kiki", "森林", "七七", "Leo", "豆豆", "星星"};
    private static final String[] WHAT = {"吃播", "旅行", "美妆", "健身", "唱歌", "游戏", "读书", "萌宠"};
    private static final String[] WHY = {"粉丝太多，群都满了，想多开几个群", "下个月有线下活动，需要临时加群",
        "新开了一个系列，想给老粉单独建群", "Fans keep asking for a city group; we need more groups"};

    private final RandomGenerator random;
    private final List<String> creatorIds = new ArrayList<>();
    private final Map<String, Integer> groupsOpened = new LinkedHashMap<>();
    // The other creators' groups go out one per tick, not in the seed: a seed of ~1,700 events held up every other
    // activity's first events for a long while on a busy machine.
    private final Deque<IngestEvent> unsentGroups = new ArrayDeque<>();
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    public CreatorsActivity(SimulationContext context) {
        this.random = context.random();
    }

    @Override
    public String name() {
        return "creators";
    }

    @Override
    public List<IngestEvent> seed(Instant now) {
        RandomGenerator fixed = new SplittableRandom(SEED);
        List<IngestEvent> events = new ArrayList<>();
        events.add(creator(STORY_CREATOR, "晴天Sunny", "STANDARD", true, 2_480_000, now));
        for (int g = 1; g <= 50; g++) {
            // 50 groups in three days
            events.add(group(STORY_CREATOR, g, "晴天粉丝团 " + g + " 群", 200 + fixed.nextInt(300),
                    now.minus(Duration.ofHours(72)).plus(Duration.ofMinutes(86L * g)), now));
        }
        for (int i = 1; i <= CREATORS; i++) {
            String id = String.format("kol-%04d", i);
            int roll = fixed.nextInt(10);
            String tier = roll < 6 ? "STANDARD" : roll < 9 ? "RISING" : "STAR";
            String name = NAMES[fixed.nextInt(NAMES.length)] + WHAT[fixed.nextInt(WHAT.length)] + i;
            events.add(creator(id, name, tier, fixed.nextInt(2) == 0, 1_000L + fixed.nextInt(900_000), now));
            int groups = fixed.nextInt(4) == 0 ? 6 + fixed.nextInt(10) : fixed.nextInt(6);
            for (int g = 1; g <= groups; g++) {
                unsentGroups.add(group(id, g, name + " 粉丝" + g + "群", fixed.nextInt(500),
                        now.minus(Duration.ofDays(1 + fixed.nextInt(300))), now));
            }
            creatorIds.add(id);
            groupsOpened.put(id, groups);
        }
        groupsOpened.put(STORY_CREATOR, 50);
        creatorIds.add(STORY_CREATOR);
        return events;
    }

    @Override
    public List<IngestEvent> tick(Instant now) {
        if (creatorIds.isEmpty()) {
            return List.of();
        }
        if (!unsentGroups.isEmpty()) {
            return List.of(unsentGroups.poll());
        }
        int roll = random.nextInt(100);
        String creator = creatorIds.get(random.nextInt(creatorIds.size()));
        if (roll < 3) {
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("requestId", "sim-req-" + run + "-" + UUID.randomUUID().toString().substring(0, 8));
            request.put("creatorId", creator);
            request.put("requested", 10 + 5 * random.nextInt(10));
            request.put("justification", WHY[random.nextInt(WHY.length)]);
            return List.of(new IngestEvent("sim-" + UUID.randomUUID(), "creator.quota_requested", now, request));
        }
        if (roll < 6) {
            int next = groupsOpened.merge(creator, 1, Integer::sum);
            return List.of(group(creator, next, "新群 " + run + "-" + next, random.nextInt(50), now, null));
        }
        return List.of();
    }

    @Override
    public List<IngestEvent> onAction(FeedAction action, Instant now) {
        return List.of(); // a real platform would apply the creator's new values; the simulator needs nothing back
    }

    private static IngestEvent creator(String id, String name, String tier, boolean verified, long followers,
                                       Instant now) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("creatorId", id);
        payload.put("userId", "u-" + id);
        payload.put("displayName", name);
        payload.put("tier", tier);
        payload.put("verified", verified);
        payload.put("followers", followers);
        return new IngestEvent("sim-seed-creator-" + id, "creator.upserted", now, payload);
    }

    /** A group event; seeded ones ({@code seedAt} set) have fixed ids. */
    private IngestEvent group(String creator, int n, String name, int members, Instant createdAt, Instant seedAt) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("groupId", creator + "-g" + n + (seedAt == null ? "-" + run : ""));
        payload.put("creatorId", creator);
        payload.put("name", name);
        payload.put("members", members);
        payload.put("createdAt", createdAt.toString());
        String eventId = seedAt == null ? "sim-" + UUID.randomUUID() : "sim-seed-group-" + creator + "-" + n;
        return new IngestEvent(eventId, "fan_group.upserted", seedAt != null ? seedAt : createdAt, payload);
    }
}
