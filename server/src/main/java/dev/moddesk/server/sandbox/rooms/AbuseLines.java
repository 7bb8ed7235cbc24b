package dev.moddesk.server.sandbox.rooms;

import java.util.random.RandomGenerator;

/**
 * What spammers and trolls post in the simulated rooms: contact selling (加微信 and its evasions: spaces and
 * symbols between the characters, full-width and styled letters, zero-width characters and repeated characters),
 * ads, and insults. The contact-selling lines are written so that the shared
 * {@code screening/} matcher catches them with the sandbox's starter word list (加微信 and 加vx are HOLD terms there,
 * 加qq a FLAG term) as with the circle review's bundled list ({@code RoomChatTextTest} checks every shape).
 */
final class AbuseLines {

    /** Kinds of abuse, for tests and for the spammers' own habits. */
    enum Kind { CONTACT, AD, INSULT }

    private static final String[] CONTACT = {
            "加微信%s", "加 微 信 %s", "加.微.信：%s", "加\u200b微\u200b信%s", "加ＶＸ：%s", "加 v x %s", "加加微微信信%s",
            "私聊有福利，加V X：%s", "看我主页，加𝐯𝐱：%s", "加𝓥𝓧 %s 有惊喜", "加❤微❤信 %s", "加ＱＱ %s", "私聊有福利～%s",
            "加-微-信 %s 带你日赚五百", "小姐姐在线，加ｖｘ %s"};
    private static final String[] HANDLES = {"mm%d", "kk_%d", "aa%d", "vip%d", "love%d", "tt%d"};
    private static final String[] ADS = {"兼职刷单日结三百，私我", "代充会员，便宜", "菠菜平台，稳赚不赔", "低价出游戏账号，有意私聊", "扫码领红包，先到先得",
            "点击链接下载app领福利", "招代理，在家躺赚", "贷款秒批，不看征信", "免费领取会员，私信我", "代购正品，价格美丽",
            "互粉互粉，回关必回", "福利视频看主页"};
    private static final String[] INSULTS = {"你是傻逼吧", "滚出去", "脑残", "垃圾主播", "唱得跟杀猪一样", "什么玩意儿",
            "smjb", "你妈的", "丑八怪别说话", "废物一个", "有病吧你"};

    private final RandomGenerator random;

    AbuseLines(RandomGenerator random) {
        this.random = random;
    }

    Kind kind() {
        int k = random.nextInt(10);
        return k < 5 ? Kind.CONTACT : k < 8 ? Kind.AD : Kind.INSULT;
    }

    String next(Kind kind) {
        return switch (kind) {
            case CONTACT -> String.format(CONTACT[random.nextInt(CONTACT.length)],
                    String.format(HANDLES[random.nextInt(HANDLES.length)], 100 + random.nextInt(9900)));
            case AD -> ADS[random.nextInt(ADS.length)];
            case INSULT -> INSULTS[random.nextInt(INSULTS.length)];
        };
    }

    /** Every contact-selling shape once, with a fixed handle: what tests run through the matcher. */
    static String[] contactShapes() {
        String[] shapes = new String[CONTACT.length];
        for (int i = 0; i < CONTACT.length; i++) {
            shapes[i] = String.format(CONTACT[i], "mm1234");
        }
        return shapes;
    }
}
