package dev.moddesk.server.sandbox;

import dev.moddesk.contract.platform.FeedAction;
import dev.moddesk.contract.platform.IngestEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * Plays the people who apply to join city circles: dozens of circles across cities and topics, and a steady stream
 * of applications — mostly genuine, some ads, off-topic answers, copy-paste rings, applicants from another city, and
 * short video applications using the clips bundled under {@code sandbox/media/}. Applicants are the simulated
 * platform's users where it has some (so history and account age line up). Approved applicants join their circle,
 * which the platform reports as an updated circle. The simulator paces ticks; each tick sends one application.
 */
public final class CircleApplicantsActivity implements SimulatedActivity {

    private static final String[] CITIES = {"北京", "上海", "成都", "杭州", "广州", "深圳", "重庆", "武汉"};
    private static final String[] CITY_CODES = {"bj", "sh", "cd", "hz", "gz", "sz", "cq", "wh"};

    /** A circle topic; {@code answers.get(q)} holds genuine answers to {@code questions.get(q)}. */
    private record Topic(String name, String code, String mode, String clip, int clipSeconds, List<String> questions,
                         List<List<String>> answers, List<String> captions) {
    }

    private static final List<Topic> TOPICS = List.of(
            new Topic("徒步", "hiking", "EITHER", "hiking.mp4", 5,
                    List.of("你最近一次徒步去了哪里？", "你能接受多长距离的路线？", "有没有户外装备和经验？"),
                    List.of(List.of("上个月刚走完一段二十公里的山路，很喜欢", "上周末去了郊野公园的环线"),
                            List.of("十公里到二十公里都可以，周末有空", "三十公里以内没问题，爬升也可以"),
                            List.of("有登山杖和冲锋衣，走过好几次郊野公园的线路", "装备基本齐全，去年走过两次重装线")),
                    List.of("周末爬山的片段", "山顶的风景", "我的徒步装备")),
            new Topic("摄影", "photo", "VIDEO", "photography.mp4", 4,
                    List.of("你用什么器材拍照？", "最喜欢拍什么题材？"),
                    List.of(List.of("用微单和一支定焦，主要拍街头", "手机也拍，偶尔用胶片"),
                            List.of("喜欢拍城市夜景和人像", "主要拍街头和老建筑")),
                    List.of("随手拍的城市夜景", "我的作品合集", "胶片扫描")),
            new Topic("桌游", "boardgame", "QUESTIONS", "boardgames.mp4", 4,
                    List.of("你玩过哪些桌游？", "一般什么时间有空？"),
                    List.of(List.of("玩过卡坦岛、璀璨宝石和阿瓦隆", "狼人杀玩了三年，也喜欢德式策略"),
                            List.of("工作日晚上和周末下午都行", "周末全天都有空")),
                    List.of("上周的桌游局")),
            new Topic("羽毛球", "badminton", "EITHER", "badminton.mp4", 3,
                    List.of("你打羽毛球多久了？", "大概什么水平？", "能接受AA场地费吗？"),
                    List.of(List.of("打了五年，每周两次", "大学开始打的，断断续续七八年"),
                            List.of("业余中等水平，双打为主", "单打一般，双打还可以"),
                            List.of("可以AA，离球馆很近", "没问题，场地费一起分摊")),
                    List.of("双打练习", "杀球集锦")),
            new Topic("咖啡探店", "coffee", "EITHER", "coffee.mp4", 5,
                    List.of("你最喜欢的咖啡是什么？", "最近去过哪家店？"),
                    List.of(List.of("喜欢手冲，偏爱埃塞的豆子", "燕麦拿铁，每天一杯"),
                            List.of("上周去了巷子里一家新开的烘焙店", "每周至少探一家新店，最近去的是河边那家")),
                    List.of("今天的拉花", "探店记录")),
            new Topic("宠物", "pets", "VIDEO", "pets.mp4", 4,
                    List.of("你养了什么宠物？", "愿意参加线下遛狗活动吗？"),
                    List.of(List.of("养了一只三岁的柯基", "家里有两只猫，很乖"),
                            List.of("愿意，周末常去公园", "可以，狗狗很喜欢和别的狗玩")),
                    List.of("我家狗狗", "猫咪日常")),
            new Topic("读书会", "books", "QUESTIONS", "coffee.mp4", 5,
                    List.of("最近在读什么书？", "你希望读书会多久一次？"),
                    List.of(List.of("在读《百年孤独》，第二遍了", "最近在读历史和科普类的书"),
                            List.of("两周一次比较合适", "每月一次就好，周末下午")),
                    List.of("我的书架")),
            new Topic("骑行", "cycling", "EITHER", "hiking.mp4", 5,
                    List.of("你骑什么车？", "一次能骑多少公里？"),
                    List.of(List.of("公路车，骑了两年", "一辆山地车，环湖骑过好几次"),
                            List.of("五十公里没问题，周末早上出发", "三四十公里比较舒服")),
                    List.of("环湖骑行", "早起骑车")),
            new Topic("剧本杀", "murder", "QUESTIONS", "boardgames.mp4", 4,
                    List.of("你玩过几个本？", "喜欢什么类型的本？", "能接受多晚结束？"),
                    List.of(List.of("玩过三十多个本", "刚入坑，玩过五六个"),
                            List.of("喜欢推理本和机制本", "情感本和欢乐本都可以"),
                            List.of("晚上十一点前结束都可以", "周末通宵也行")),
                    List.of("上次的剧本杀")));

    /** The media keys applicants send: every topic's clip and its poster (the clip's name with .jpg). */
    static List<String> mediaKeys() {
        return TOPICS.stream().map(Topic::clip).distinct()
                .flatMap(clip -> java.util.stream.Stream.of(clip, clip.replace(".mp4", ".jpg"))).toList();
    }

    private static final String[] ADS = {"加微信 xx%d 有福利", "兼职刷单日结，私聊", "私聊有福利，加V：k%d",
            "加 微 信 领优惠券", "招代理，日赚三百，ＶＸ：a%d", "兼職刷單，日結"};
    private static final String[] OFF_TOPIC = {"哈哈哈", "随便", "不知道", "你猜", "今天天气不错", "。。。"};
    private static final String[] RINGS = {"我非常热爱这个圈子希望可以加入大家一起交流学习共同进步",
            "本人性格开朗爱交朋友请管理员通过我的申请谢谢"};
    private static final String[] NICKNAMES = {"小鹿", "阿杰", "晴天", "木子", "大橙子", "小北", "阿May", "老王",
            "一只猫", "风吹麦浪", "Lily", "追光者", "南风", "小鱼儿", "糖糖", "Kevin"};

    private static final long SEED = 20_26_03L;

    private final RandomGenerator random;
    private final SimulatedPopulation population;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, Map<String, Object>> circles = new LinkedHashMap<>();
    private final Map<String, Topic> topicOf = new HashMap<>();
    private final Map<String, String> circleOfApplication = new HashMap<>();
    private final List<String> recentApplications = new ArrayList<>();
    private long sequence;

    public CircleApplicantsActivity(SimulationContext context) {
        this.random = context.random();
        this.population = context.population();
    }

    @Override
    public String name() {
        return "circle-applicants";
    }

    @Override
    public List<IngestEvent> seed(Instant now) {
        // Fixed circles with fixed event ids: a restarted sandbox replays them as duplicates, keeping member counts.
        RandomGenerator fixed = new SplittableRandom(SEED);
        List<IngestEvent> events = new ArrayList<>();
        for (int c = 0; c < CITIES.length; c++) {
            for (int t = 0; t < TOPICS.size(); t++) {
                // Not every city has every circle: about two thirds of the grid, always the same ones.
                if ((c + t * 2) % 3 == 2) {
                    continue;
                }
                Topic topic = TOPICS.get(t);
                String id = "circle-" + CITY_CODES[c] + "-" + topic.code();
                Map<String, Object> circle = new LinkedHashMap<>();
                circle.put("circleId", id);
                circle.put("name", CITIES[c] + topic.name() + "圈");
                circle.put("city", CITIES[c]);
                circle.put("topic", topic.name());
                circle.put("joinMode", topic.mode());
                circle.put("questions", topic.questions());
                circle.put("memberCount", 20 + fixed.nextInt(480));
                circle.put("owner", NICKNAMES[fixed.nextInt(NICKNAMES.length)]);
                circles.put(id, circle);
                topicOf.put(id, topic);
                events.add(new IngestEvent("sim-seed-" + id, "circle.upserted", now, Map.copyOf(circle)));
            }
        }
        return events;
    }

    @Override
    public List<IngestEvent> tick(Instant now) {
        if (circles.isEmpty()) {
            return List.of();
        }
        List<IngestEvent> events = new ArrayList<>(2);
        events.add(application(now));
        if (!recentApplications.isEmpty() && random.nextInt(100) == 0) {
            String withdrawn = recentApplications.remove(random.nextInt(recentApplications.size()));
            events.add(event("application.withdrawn", now, Map.of("applicationId", withdrawn)));
        }
        return events;
    }

    @Override
    public List<IngestEvent> onAction(FeedAction action, Instant now) {
        if (!"application.approved".equals(action.type())) {
            return List.of();
        }
        Object circleId = action.payload().get("circleId");
        if (circleId == null) {
            circleId = circleOfApplication.get(action.targetId());
        }
        Map<String, Object> circle = circleId == null ? null : circles.get(circleId.toString());
        if (circle == null) {
            return List.of();
        }
        circle.put("memberCount", ((Integer) circle.get("memberCount")) + 1);
        return List.of(event("circle.upserted", now, Map.copyOf(circle)));
    }

    private IngestEvent application(Instant now) {
        List<String> ids = new ArrayList<>(circles.keySet());
        String circleId = ids.get(random.nextInt(ids.size()));
        Map<String, Object> circle = circles.get(circleId);
        Topic topic = topicOf.get(circleId);
        String city = (String) circle.get("city");
        String applicationId = "sim-" + run + "-app-" + (++sequence);
        circleOfApplication.put(applicationId, circleId);
        recentApplications.add(applicationId);
        if (recentApplications.size() > 200) {
            recentApplications.removeFirst();
        }

        int kind = random.nextInt(100);
        String locationCity = city;
        if (kind >= 85 && kind < 93) {
            locationCity = otherCity(city);
        }
        Map<String, Object> applicant = new LinkedHashMap<>();
        var known = population.pickIn(locationCity, random);
        if (known.isPresent() && random.nextInt(4) != 0) {
            applicant.put("userId", known.get().userId());
            applicant.put("nickname", known.get().nickname());
            applicant.put("accountCreatedAt", known.get().accountCreatedAt().toString());
        } else {
            long ageDays = random.nextInt(10) == 0 ? random.nextInt(6) : 30 + random.nextInt(1500);
            applicant.put("userId", "sim-applicant-" + run + "-" + random.nextInt(5000));
            applicant.put("nickname", NICKNAMES[random.nextInt(NICKNAMES.length)] + random.nextInt(100));
            applicant.put("accountCreatedAt",
                    now.minus(Duration.ofDays(ageDays)).minusSeconds(random.nextInt(86_400)).toString());
        }
        applicant.put("locationCity", locationCity);

        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("applicationId", applicationId);
        payload.put("circleId", circleId);
        payload.put("applicant", applicant);
        payload.put("submittedAt", now.toString());

        boolean videoCircle = !"QUESTIONS".equals(topic.mode());
        boolean sendVideo = "VIDEO".equals(topic.mode()) || ("EITHER".equals(topic.mode()) && random.nextInt(3) == 0);
        if (videoCircle && sendVideo) {
            Map<String, Object> video = new LinkedHashMap<>();
            video.put("mediaKey", topic.clip());
            video.put("durationSeconds", topic.clipSeconds());
            video.put("caption", kind < 8 ? ad() : pick(topic.captions()));
            payload.put("video", video);
            payload.put("answers", List.of());
        } else {
            List<Map<String, Object>> answers = new ArrayList<>();
            for (int q = 0; q < topic.questions().size(); q++) {
                answers.add(Map.of("position", q + 1, "text", answerText(kind, topic, q)));
            }
            payload.put("answers", answers);
        }
        return event("application.submitted", now, payload);
    }

    /** 0–59 genuine, 60–71 ads, 72–79 off-topic, 80–84 copy-paste ring, 85–92 genuine from another city, rest genuine. */
    private String answerText(int kind, Topic topic, int question) {
        if (kind >= 60 && kind < 72 && question == 0) {
            return ad();
        }
        if (kind >= 72 && kind < 80) {
            return OFF_TOPIC[random.nextInt(OFF_TOPIC.length)];
        }
        if (kind >= 80 && kind < 85) {
            return RINGS[question % RINGS.length];
        }
        return pick(topic.answers().get(question)) + personalDetail();
    }

    private static final String[] DISTRICTS = {"城东", "城西", "老城区", "高新区", "大学城", "江边", "火车站附近",
            "地铁终点站那边"};
    private static final String[] EVENINGS = {"周一", "周二", "周三", "周四", "周五", "周六", "周日"};

    /**
     * A detail of the applicant's own, so genuine answers differ the way people's do: without it every applicant of a
     * topic would write one of a few identical sentences, and the duplicate-text signal (meant for copy-paste rings)
     * would flag them all.
     */
    private String personalDetail() {
        return switch (random.nextInt(3)) {
            case 0 -> "，来这边" + (1 + random.nextInt(15)) + "年了";
            case 1 -> "，住在" + DISTRICTS[random.nextInt(DISTRICTS.length)] + "，过来" + (10 + 5 * random.nextInt(10))
                    + "分钟";
            default -> "，" + EVENINGS[random.nextInt(EVENINGS.length)] + (7 + random.nextInt(4)) + "点以后一般有空";
        };
    }

    private String ad() {
        return String.format(ADS[random.nextInt(ADS.length)], 1000 + random.nextInt(9000));
    }

    private String otherCity(String city) {
        String other;
        do {
            other = CITIES[random.nextInt(CITIES.length)];
        } while (other.equals(city));
        return other;
    }

    private String pick(List<String> options) {
        return options.get(random.nextInt(options.size()));
    }

    private IngestEvent event(String type, Instant now, Map<String, Object> payload) {
        return new IngestEvent("sim-" + run + "-" + type + "-" + (++sequence), type, now, payload);
    }
}
