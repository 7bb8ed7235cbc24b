package dev.moddesk.server.sandbox.rooms;

import dev.moddesk.contract.rooms.RoomKind;
import java.util.random.RandomGenerator;

/**
 * Ordinary chat in the simulated rooms: lines put together from phrase parts (an opener, what the line is about — for
 * every room kind its own topics besides small talk — and an ending, sometimes an emoji, a mention or a bit of
 * English), so thousands of lines read differently the way a real room's do. One reusable builder: a line costs its
 * own String and nothing else. Not thread-safe: used on the room simulation's one thread.
 */
final class ChatLines {

    private static final String[] OPENERS = {"", "", "", "", "哈哈", "诶", "话说", "讲真", "其实", "我觉得", "笑死，",
            "啊这，", "救命，", "家人们，", "好家伙，", "不是吧，", "说真的", "emmm", "啊啊啊", "害，", "欸对了，", "刚才"};
    private static final String[] SMALL_TALK = {"今天加班到九点才下班", "有人吗", "晚上好呀", "刚吃完火锅", "又失眠了",
            "周末有什么好玩的", "我家猫又把杯子推下去了", "明天还要早起", "外面下雨了", "新人报到", "第一次来这个房间",
            "这个点还有这么多人", "外卖还没到", "今天好冷", "终于放假了", "在地铁上偷偷看", "刚打完球", "奶茶喝多了睡不着",
            "老板又画饼了", "这房间氛围真好", "有一起开黑的吗", "明天周一了不想上班", "大家都是哪里人", "晚饭吃啥好",
            "同意楼上", "太真实了", "真的假的", "我也是", "笑不活了", "绝了"};
    private static final String[][] TOPICS = {
            // FRIENDS
            {"有没有一起周末爬山的", "求推荐附近好吃的店", "谁还记得小时候的辣条", "刚搬来这边没什么朋友",
                    "找个饭搭子", "最近在追什么剧", "健身第三天已经想放弃了", "分享一下今天的晚霞", "有没有养狗的朋友",
                    "想学做饭从哪开始", "考研的朋友们加油", "今天面试好紧张", "有人去看演唱会吗"},
            // VOICE
            {"麦上的小哥哥声音好好听", "能上麦吗", "主持人辛苦了", "排麦排麦", "二号麦声音有点小", "一号麦开一下麦",
                    "麦序怎么排的", "刚才谁在说话", "耳机里有回音", "连麦的那位好有意思", "我也想上麦聊聊",
                    "三号麦的笑声太魔性了", "声音好治愈", "主持人好会带节奏"},
            // KTV
            {"这首歌好好听", "求唱《晴天》", "点了一首《后来》", "高音稳了", "跑调了哈哈", "再来一首", "我排第三首",
                    "这首我会唱", "副歌部分太好哭了", "下一首是谁的", "伴奏声音大了点", "可以合唱吗", "《孤勇者》安排上",
                    "麦霸上线了", "这个转音绝了", "听哭了"},
            // WATCH_TOGETHER
            {"这集好看", "前方高能", "男主好帅", "剧透警告", "这片子我看过三遍", "进度条拉一下", "刚进来现在演到哪了",
                    "弹幕护体", "这段配乐好绝", "反派太坏了", "结局猜到了", "能换个片吗", "暂停一下去拿零食", "画质好清楚",
                    "这个演员叫什么", "名场面来了"}};
    private static final String[] ENDINGS = {"", "", "", "", "吧", "啊", "呢", "！", "～", "。", "哈哈哈", "hhh", "233",
            "😂", "🤣", "👍", "❤️", "🔥", "[捂脸]", "[doge]", "！！", "？", "嘿嘿", "😭", "🙏", "呀"};
    private static final String[] ENGLISH = {"lol", "OMG", "nice", "good night", "yyds", "awsl", "emo了", "破防了",
            "666", "so good", "haha", "what", "cool", "thx", "gg"};
    private static final String[] REPLIES = {"你说得对", "哈哈同感", "真的吗", "我也想去", "加一", "确实",
            "太有道理了", "哪里哪里", "欢迎欢迎", "你好呀", "好久不见", "晚安"};

    private final RandomGenerator random;
    private final StringBuilder line = new StringBuilder(64);

    ChatLines(RandomGenerator random) {
        this.random = random;
    }

    /** One ordinary line for a room of {@code kind}; {@code other} is someone present to mention, or null. */
    String next(RoomKind kind, String other, String city) {
        line.setLength(0);
        int shape = random.nextInt(100);
        if (shape < 8 && other != null) {
            line.append('@').append(other).append(' ').append(pick(REPLIES));
        } else if (shape < 12 && city != null) {
            line.append(random.nextBoolean() ? city + "的来报到" : "有没有" + city + "的老乡");
        } else if (shape < 17) {
            line.append(pick(ENGLISH));
            if (random.nextBoolean()) {
                line.append(' ').append(pick(SMALL_TALK));
            }
        } else if (shape < 20) {
            line.append(pick(OPENERS)).append("今天第").append(1 + random.nextInt(9)).append("次来了");
        } else {
            line.append(pick(OPENERS));
            line.append(random.nextInt(5) < 3 ? pick(TOPICS[kind.ordinal()]) : pick(SMALL_TALK));
        }
        line.append(pick(ENDINGS));
        if (random.nextInt(12) == 0) {
            line.append(pick(ENDINGS));
        }
        return line.toString();
    }

    /** What someone says on arriving, sometimes. */
    String greeting(String nickname) {
        return switch (random.nextInt(4)) {
            case 0 -> "欢迎" + nickname + "！";
            case 1 -> nickname + "来啦～";
            case 2 -> "大家好，我是" + nickname;
            default -> "hi " + nickname;
        };
    }

    private String pick(String[] options) {
        return options[random.nextInt(options.length)];
    }
}
