package dev.moddesk.server.sandbox;

import dev.moddesk.contract.platform.FeedAction;
import dev.moddesk.contract.platform.IngestEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * Platform users: a fixed first crowd at start (the same every start, so a restarted sandbox replays them as
 * duplicates), then new sign-ups and profile changes as time goes on, all sent as {@code user.upserted}.
 */
public final class UsersActivity implements SimulatedActivity {

    static final String TYPE = "user.upserted";
    static final int SEED_USERS = 40;
    // The first crowd is the same on every start; a fixed seed makes it so.
    private static final long SEED = 20260214L;

    public static final List<String> CITIES = List.of("北京", "上海", "成都", "杭州", "广州", "深圳", "重庆", "武汉", "西安", "南京");
    private static final Map<String, List<String>> CITY_FLAVOUR = Map.of(
            "北京", List.of("胡同串子", "北漂", "爱吃烤鸭的", "海淀"),
            "上海", List.of("魔都", "外滩看夜景的", "弄堂里的", "浦东"),
            "成都", List.of("成都吃货", "熊猫", "春熙路", "爱打麻将的"),
            "杭州", List.of("西湖边的", "杭漂", "爱喝龙井的", "滨江"),
            "广州", List.of("早茶", "羊城", "爱饮茶的", "天河"),
            "深圳", List.of("深漂", "南山", "科技园", "福田"),
            "重庆", List.of("火锅控", "山城", "洪崖洞", "雾都"),
            "武汉", List.of("热干面", "江城", "东湖边的", "光谷"),
            "西安", List.of("肉夹馍", "古城", "大雁塔下的", "长安"),
            "南京", List.of("盐水鸭", "金陵", "秦淮河边的", "玄武湖"));
    private static final List<String> MOODS = List.of("晴天", "快乐", "佛系", "追风", "夜猫子", "不吃香菜的", "早起的",
            "爱旅行的", "慢慢来的", "元气满满的", "安静的", "爱笑的");
    private static final List<String> NAMES = List.of("小猪", "阿杰", "喵喵", "少年", "大叔", "姑娘", "小王", "学长", "胖虎",
            "兔子", "小李", "阿花", "老张", "丸子", "橙子", "小鹿", "阿强", "小雨", "糖糖", "大熊");

    private final RandomGenerator random;
    private final SimulatedPopulation population;

    public UsersActivity(SimulationContext context) {
        this.random = context.random();
        this.population = context.population();
    }

    @Override
    public String name() {
        return "users";
    }

    @Override
    public List<IngestEvent> seed(Instant now) {
        RandomGenerator fixed = new SplittableRandom(SEED);
        // A fixed reference time too, so the first crowd's events are byte-for-byte the same on every start.
        Instant reference = now.truncatedTo(ChronoUnit.DAYS);
        List<IngestEvent> events = new ArrayList<>();
        for (int i = 1; i <= SEED_USERS; i++) {
            SimulatedPopulation.User user = newUser(fixed, "sim-u-%04d".formatted(i), reference);
            population.add(user);
            events.add(event("sim-seed-user-%04d".formatted(i), user, reference));
        }
        return events;
    }

    @Override
    public List<IngestEvent> tick(Instant now) {
        if (population.size() > 0 && random.nextInt(10) < 3) {
            return List.of(changeProfile(now));
        }
        SimulatedPopulation.User user = newUser(random, "sim-u-" + shortId(), now);
        population.add(user);
        return List.of(event("sim-" + UUID.randomUUID(), user, now));
    }

    @Override
    public List<IngestEvent> onAction(FeedAction action, Instant now) {
        return List.of(); // no user-level actions yet (bans would go here)
    }

    private IngestEvent changeProfile(Instant now) {
        SimulatedPopulation.User before = population.pick(random).orElseThrow();
        SimulatedPopulation.User after = random.nextBoolean()
                ? new SimulatedPopulation.User(before.userId(), nickname(random, before.city()), before.city(),
                        before.accountCreatedAt())
                : new SimulatedPopulation.User(before.userId(), before.nickname(), pickCity(random),
                        before.accountCreatedAt());
        population.add(after);
        return event("sim-" + UUID.randomUUID(), after, now);
    }

    private static SimulatedPopulation.User newUser(RandomGenerator random, String userId, Instant now) {
        String city = pickCity(random);
        return new SimulatedPopulation.User(userId, nickname(random, city), city, now.minus(accountAge(random)));
    }

    /** From a few days (fresh accounts look risky to moderators) to several years. */
    private static Duration accountAge(RandomGenerator random) {
        int bucket = random.nextInt(10);
        if (bucket < 2) {
            return Duration.ofHours(random.nextLong(6, 7 * 24));
        }
        if (bucket < 5) {
            return Duration.ofDays(random.nextLong(7, 120));
        }
        return Duration.ofDays(random.nextLong(120, 6 * 365));
    }

    public static String nickname(RandomGenerator random, String city) {
        String name = NAMES.get(random.nextInt(NAMES.size()));
        return switch (random.nextInt(4)) {
            case 0 -> MOODS.get(random.nextInt(MOODS.size())) + name;
            case 1 -> city + flavour(random, city) + name;
            case 2 -> flavour(random, city) + name;
            default -> MOODS.get(random.nextInt(MOODS.size())) + name + random.nextInt(1, 100);
        };
    }

    private static String flavour(RandomGenerator random, String city) {
        List<String> options = CITY_FLAVOUR.get(city);
        String pick = options.get(random.nextInt(options.size()));
        // "成都成都吃货" reads badly: drop the city when the flavour already names it.
        return pick.startsWith(city) ? pick.substring(city.length()) : pick;
    }

    private static String pickCity(RandomGenerator random) {
        return CITIES.get(random.nextInt(CITIES.size()));
    }

    private String shortId() {
        return Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
    }

    private static IngestEvent event(String eventId, SimulatedPopulation.User user, Instant occurredAt) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("userId", user.userId());
        payload.put("nickname", user.nickname());
        payload.put("city", user.city());
        payload.put("accountCreatedAt", user.accountCreatedAt().toString());
        return new IngestEvent(eventId, TYPE, occurredAt, payload);
    }
}
