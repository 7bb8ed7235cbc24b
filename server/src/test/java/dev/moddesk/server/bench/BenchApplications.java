package dev.moddesk.server.bench;

import dev.moddesk.contract.platform.IngestEvent;
import dev.moddesk.contract.review.JoinMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The platform events the benchmark ingests: its circles, and applications shaped like the sandbox's
 * ({@code CircleApplicantsActivity}): mostly genuine answers with a personal detail, some ads, off-topic answers,
 * copy-paste rings and applicants from another city, and short videos in video circles. Each application is a pure
 * function of its sequence number, so a run can be repeated.
 */
final class BenchApplications {

    private static final Map<String, List<List<String>>> ANSWERS = Map.of(
            "hiking", List.of(List.of("上个月刚走完一段二十公里的山路，很喜欢", "上周末去了郊野公园的环线"),
                    List.of("十公里到二十公里都可以，周末有空", "三十公里以内没问题，爬升也可以"),
                    List.of("有登山杖和冲锋衣，走过好几次郊野公园的线路", "装备基本齐全，去年走过两次重装线")),
            "photo", List.of(List.of("用微单和一支定焦，主要拍街头", "手机也拍，偶尔用胶片"),
                    List.of("喜欢拍城市夜景和人像", "主要拍街头和老建筑")),
            "boardgame", List.of(List.of("玩过卡坦岛、璀璨宝石和阿瓦隆", "狼人杀玩了三年，也喜欢德式策略"),
                    List.of("工作日晚上和周末下午都行", "周末全天都有空")));
    private static final Map<String, String> CLIPS = Map.of("hiking", "hiking.mp4", "photo", "photography.mp4",
            "boardgame", "boardgames.mp4");
    private static final String[] CAPTIONS = {"周末爬山的片段", "随手拍的城市夜景", "我的作品合集", "上周的桌游局"};
    static final String[] ADS = {"加微信 xx%d 有福利", "兼职刷单日结，私聊", "私聊有福利，加V：k%d",
            "加 微 信 领优惠券", "招代理，日赚三百，ＶＸ：a%d", "兼職刷單，日結"};
    static final String[] OFF_TOPIC = {"哈哈哈", "随便", "不知道", "你猜", "今天天气不错", "。。。"};
    static final String[] RINGS = {"我非常热爱这个圈子希望可以加入大家一起交流学习共同进步",
            "本人性格开朗爱交朋友请管理员通过我的申请谢谢"};
    private static final String[] NICKNAMES = {"小鹿", "阿杰", "晴天", "木子", "大橙子", "小北", "阿May", "老王",
            "一只猫", "风吹麦浪", "Lily", "追光者", "南风", "小鱼儿", "糖糖", "Kevin"};
    private static final String[] DISTRICTS = {"城东", "城西", "老城区", "高新区", "大学城", "江边", "火车站附近"};
    private static final String[] OTHER_CITIES = {"北京", "上海", "成都", "杭州", "广州", "深圳", "重庆", "武汉"};

    private BenchApplications() {
    }

    static IngestEvent circle(BenchPlan.CircleSpec c, Instant now) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("circleId", c.externalId());
        payload.put("name", c.name());
        payload.put("city", c.city());
        payload.put("topic", c.topic());
        payload.put("joinMode", c.mode().name());
        payload.put("questions", c.questions());
        payload.put("memberCount", 20 + Math.floorMod(c.externalId().hashCode(), 480));
        payload.put("owner", NICKNAMES[Math.floorMod(c.name().hashCode(), NICKNAMES.length)]);
        return new IngestEvent("bench-circle-" + c.externalId(), "circle.upserted", now, payload);
    }

    /** Application {@code seq} to circle {@code c}, submitted at {@code base + seq} ms. */
    static IngestEvent application(long seq, BenchPlan.CircleSpec c, Instant base) {
        SplittableRandom random = new SplittableRandom(seq * 0x9E3779B97F4A7C15L + 20_26_12_03L);
        int kind = random.nextInt(100);
        Instant submitted = BenchPlan.submittedAt(base, seq);
        String city = kind >= 85 && kind < 93 ? otherCity(c.city(), random) : c.city();
        Map<String, Object> applicant = new LinkedHashMap<>();
        applicant.put("userId", BenchPlan.userOf(seq));
        applicant.put("nickname", NICKNAMES[random.nextInt(NICKNAMES.length)] + random.nextInt(100));
        long ageDays = random.nextInt(10) == 0 ? random.nextInt(6) : 30 + random.nextInt(1500);
        applicant.put("accountCreatedAt", submitted.minus(Duration.ofDays(ageDays)).toString());
        applicant.put("locationCity", city);

        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("applicationId", BenchPlan.externalId(seq));
        payload.put("circleId", c.externalId());
        payload.put("applicant", applicant);
        payload.put("submittedAt", submitted.toString());
        boolean video = c.mode() == JoinMode.VIDEO || c.mode() == JoinMode.EITHER && random.nextInt(3) == 0;
        if (video) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("mediaKey", CLIPS.get(c.code()));
            v.put("durationSeconds", 3 + random.nextInt(3));
            v.put("caption", kind < 8 ? ad(seq, random) : CAPTIONS[random.nextInt(CAPTIONS.length)]);
            payload.put("video", v);
            payload.put("answers", List.of());
        } else {
            List<Map<String, Object>> answers = new ArrayList<>();
            for (int q = 0; q < c.questions().size(); q++) {
                answers.add(Map.of("position", q + 1, "text", answerText(seq, kind, c.code(), q, random)));
            }
            payload.put("answers", answers);
        }
        return new IngestEvent("bench-evt-" + seq, "application.submitted", submitted, payload);
    }

    /**
     * 0–59 genuine, 60–71 an ad, 72–79 off-topic, 80–84 a copy-paste ring, 85–92 another city, rest genuine.
     *
     * <p>Texts of eight characters or more are fingerprinted, and every new member of a group sharing one re-flags
     * all pending members (ReviewService.flagRing): ingest cost grows with the group. So genuine answers and ads
     * carry a detail of their own (as people's do), and copy-paste rings are small (one ring text per 200
     * applications, about ten members each). With the sandbox's few fixed texts, seeding 3,000 applications ran at
     * 19 events/s on the loaded machine.
     */
    private static String answerText(long seq, int kind, String topic, int question, SplittableRandom random) {
        if (kind >= 60 && kind < 72 && question == 0) {
            return ad(seq, random);
        }
        if (kind >= 72 && kind < 80) {
            return OFF_TOPIC[random.nextInt(OFF_TOPIC.length)];
        }
        if (kind >= 80 && kind < 85) {
            return RINGS[question % RINGS.length] + "，群" + seq / 200;
        }
        List<String> options = ANSWERS.get(topic).get(question);
        return options.get(random.nextInt(options.size())) + "，住在" + DISTRICTS[random.nextInt(DISTRICTS.length)]
                + (seq % 1000 + 1) + "号楼" + (seq / 1000 + 1) + "单元，过来" + (10 + 5 * random.nextInt(10)) + "分钟";
    }

    private static String ad(long seq, SplittableRandom random) {
        return String.format(ADS[random.nextInt(ADS.length)], seq) + " " + seq;
    }

    private static String otherCity(String city, SplittableRandom random) {
        String other;
        do {
            other = OTHER_CITIES[random.nextInt(OTHER_CITIES.length)];
        } while (other.equals(city));
        return other;
    }
}
