package dev.moddesk.server.sandbox;

import dev.moddesk.contract.platform.FeedAction;
import dev.moddesk.contract.platform.IngestEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * One small FRIENDS room, 新人报到, whose chat goes through {@link HeldWordsPlatform}: a line every few seconds, now
 * and then one with a HOLD term of the starter list (加微信, 兼职刷单…), so the held-for-review queue fills, and a
 * released line then appears in the room.
 */
public final class HeldWordsActivity implements SimulatedActivity {
    static final String ROOM = "sandbox-held-demo";
    private static final Duration EVERY = Duration.ofSeconds(4);
    private static final String[] LINES = {"大家好呀", "今天天气不错", "主播唱得真好听", "有人一起打游戏吗", "刚下班，来听听歌",
        "哈哈哈哈", "晚上好", "这首歌叫什么名字"};
    private static final String[] HELD = {"想认识的加微信 abc123", "兼职刷单日结，私我", "加 v x 领福利：kk888",
        "私聊有福利哦"};

    private final RandomGenerator random;
    private final SimulatedPopulation population;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final HeldWordsPlatform platform = new HeldWordsPlatform(InstantSource.system(), "held-" + run);
    private Instant next = Instant.MIN;
    private long messages;

    public HeldWordsActivity(SimulationContext context) {
        this.random = context.random();
        this.population = context.population();
    }

    @Override
    public String name() {
        return "held-words";
    }

    @Override
    public List<IngestEvent> seed(Instant now) {
        Map<String, Object> opened = new LinkedHashMap<>();
        opened.put("roomId", ROOM);
        opened.put("kind", "FRIENDS");
        opened.put("title", "新人报到");
        opened.put("hostId", "host-held-demo");
        opened.put("hostName", "小管家");
        opened.put("city", "上海");
        return List.of(new IngestEvent("held-demo-open-" + run, "room.opened", now, opened));
    }

    @Override
    public List<IngestEvent> tick(Instant now) {
        if (now.isBefore(next)) {
            return List.of();
        }
        next = now.plus(EVERY);
        var user = population.pick(random);
        String userId = user.map(SimulatedPopulation.User::userId).orElse("u-guest");
        String nickname = user.map(SimulatedPopulation.User::nickname).orElse("游客");
        String text = random.nextInt(4) == 0 ? HELD[random.nextInt(HELD.length)] : LINES[random.nextInt(LINES.length)];
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("roomId", ROOM);
        line.put("messageId", "held-demo-" + run + "-" + (++messages));
        line.put("userId", userId);
        line.put("nickname", nickname);
        line.put("text", text);
        return List.of(platform.show(line, now));
    }

    @Override
    public List<IngestEvent> onAction(FeedAction action, Instant now) {
        return platform.onAction(action, now);
    }
}
