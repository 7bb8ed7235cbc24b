package dev.moddesk.screening.bench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A deterministic, realistic-looking Chinese live-room chat corpus and word list (fixed seeds, no files). Messages are
 * short (live chat: a few words), drawn from chat vocabulary with a Zipf distribution, with punctuation, emoji, digits
 * and Latin slang; about one in thirty is spam that uses the usual evasions (spaces, symbols, full width, traditional
 * characters, repeats, styled and enclosed letters). The word list mixes real spam terms with generated two-to-four
 * character terms over common and rarer characters, the way a large platform list looks.
 */
final class ChatCorpus {

    static final String[] WORDS = ("主播 好听 哈哈哈 哈哈 来了 晚上好 早上好 关注 礼物 谢谢 老铁 点赞 唱歌 一首 什么 怎么 可以 没有"
            + " 真的 喜欢 今天 明天 我们 你们 大家 这个 那个 还是 就是 不是 知道 觉得 厉害 好看 漂亮 声音 小姐姐 小哥哥 上麦 下麦"
            + " 连麦 加油 爱了 绝了 嘿嘿 呜呜 吃饭 睡觉 上班 下班 北京 上海 广州 深圳 成都 杭州 重庆 武汉 西安 南京 天气 下雨"
            + " 好冷 好热 周末 放假 回家 游戏 开黑 上分 输了 赢了 队友 主播好 欢迎 新人 粉丝 榜一 大哥 刷个 火箭 嘉年华 一起 听歌"
            + " 点歌 下一首 这首歌 好好听 太好听了 单曲循环 唱得 不错 真好 感动 哭了 笑死 离谱 牛 可爱 帅 美 酷 稳 冲 顶 顶起"
            + " 支持 辛苦了 晚安 拜拜 再见 明天见 几点 下播 开播 直播间 房管 禁言 踢了 别刷屏 安静 说话 听不到 卡了 网不好"
            + " 麦克风 音乐 伴奏 太大声 小声点 看电影 一起看 这部 剧情 好看吗 结局 演员 导演 第一次 来看 路过 打卡 签到 报道"
            + " 有人吗 在吗 在的 好的 收到 明白 懂了 不懂 为什么 因为 所以 但是 然后 而且 如果 虽然 已经 马上 一会儿 刚才 现在"
            + " 以后 以前 妈妈 爸爸 朋友 同学 老师 老板 工作 学校 考试 作业 放学 吃了吗 饿了 外卖 奶茶 火锅 烧烤 好吃 减肥"
            + " 生日 快乐 生日快乐 恭喜 发财 新年 快乐 元旦 中秋 国庆 假期 旅游 拍照 自拍 头像 好友 私信 评论 转发 收藏 分享"
            + " 抽奖 中奖 福袋 红包 手速 抢到 没抢到 运气 羡慕 嫉妒 酸了 柠檬 吃瓜 围观 前排 沙发 板凳 地板 楼上 楼下 同意"
            + " 不同意 反对 赞成 说得对 有道理 哪里 这里 那里 东北 南方 北方 老家 口音 方言 普通话 英语 日语 韩语 学习 练习")
            .split(" ");
    static final String[] LATIN = {"666", "233", "2333", "888", "hhh", "hhhh", "yyds", "awsl", "xswl", "nb", "ok", "OK",
        "emmm", "pk", "PK", "bgm", "BGM", "up", "ID", "dj", "k歌", "1", "2", "3", "99", "520"};
    static final String[] EMOJI = {"😂", "👍", "🔥", "❤", "🌹", "💯", "😭", "🤣", "🙏", "✨", "😍", "🎉", "👏", "😄"};
    static final String PUNCT = "，。！？～…、!?~ ";
    /** Common characters, most frequent first (for generated terms). */
    static final String COMMON = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过"
            + "子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性"
            + "好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变"
            + "条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流"
            + "路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领"
            + "七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至"
            + "达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音"
            + "众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维"
            + "划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞";
    static final String[] SPAM_TERMS = {"加微信", "加我微信", "加v", "加vx", "vx", "weixin", "wx号", "薇信", "威信", "加qq",
        "qq号", "私聊", "私信我", "私聊有福利", "兼职", "兼职刷单", "刷单", "日结", "日赚", "躺赚", "网赚", "返利", "招代理",
        "扫码", "二维码", "免费领取", "红包群", "代购", "贷款", "网贷", "套现", "博彩", "赌博", "六合彩", "裸聊", "约炮", "援交",
        "色情", "成人视频", "看片", "福利视频", "点击链接", "下载app", "微商", "引流", "互粉", "涨粉", "代练", "买粉", "刷礼物"};
    /** How spam dresses up a term (applied to a term's text). */
    private static final String[] SPAM_TEMPLATES = {"%s", "来来来%s", "%s！！", "想要的%s", "%s 看主页"};

    private ChatCorpus() {
    }

    /** {@code count} messages, the same ones for the same seed. */
    static List<String> messages(int count, long seed) {
        Random random = new Random(seed);
        Zipf words = new Zipf(WORDS.length, 1.0);
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            StringBuilder m = new StringBuilder();
            int tokens = 1 + random.nextInt(random.nextInt(10) < 8 ? 5 : 14);
            for (int t = 0; t < tokens; t++) {
                int r = random.nextInt(100);
                if (r < 78) {
                    m.append(WORDS[words.sample(random)]);
                } else if (r < 86) {
                    m.append(PUNCT.charAt(random.nextInt(PUNCT.length())));
                } else if (r < 93) {
                    m.append(EMOJI[random.nextInt(EMOJI.length)]);
                } else {
                    m.append(LATIN[random.nextInt(LATIN.length)]);
                }
            }
            if (random.nextInt(30) == 0) {
                String term = SPAM_TERMS[random.nextInt(SPAM_TERMS.length)];
                m.append(SPAM_TEMPLATES[random.nextInt(SPAM_TEMPLATES.length)].formatted(evade(term, random)));
            }
            out.add(m.toString());
        }
        return out;
    }

    /** The usual evasions, one per spam message. */
    static String evade(String term, Random random) {
        StringBuilder b = new StringBuilder();
        int kind = random.nextInt(8);
        term.codePoints().forEach(cp -> {
            switch (kind) {
                case 0 -> b.appendCodePoint(cp).append(' ');
                case 1 -> b.appendCodePoint(cp).append('.');
                case 2 -> b.appendCodePoint(cp >= 'a' && cp <= 'z' ? cp - 'a' + 'Ａ' : cp);
                case 3 -> b.appendCodePoint(cp).appendCodePoint(cp);
                case 4 -> b.appendCodePoint(cp >= 'a' && cp <= 'z' ? 0x1D41A + cp - 'a' : cp);
                case 5 -> b.appendCodePoint(cp >= 'a' && cp <= 'z' ? 0x24D0 + cp - 'a' : cp);
                case 6 -> b.appendCodePoint(cp).append('\u200B');
                default -> b.appendCodePoint(cp);
            }
        });
        return kind == 7 ? traditional(b.toString()) : b.toString();
    }

    private static String traditional(String s) {
        return s.replace('职', '職').replace('单', '單').replace('钱', '錢').replace('费', '費').replace('领', '領')
                .replace('视', '視').replace('频', '頻').replace('贷', '貸').replace('网', '網').replace('赚', '賺');
    }

    /** A word list of {@code count} distinct terms: the real spam terms first, then generated ones. */
    static List<String> terms(int count, long seed) {
        Random random = new Random(seed);
        Zipf common = new Zipf(COMMON.length(), 0.9);
        Set<String> terms = new LinkedHashSet<>(List.of(SPAM_TERMS));
        while (terms.size() < count) {
            int kind = random.nextInt(100);
            StringBuilder b = new StringBuilder();
            if (kind < 5) {
                b.append(LATIN_TERM_PREFIX[random.nextInt(LATIN_TERM_PREFIX.length)]).append(random.nextInt(1000));
            } else if (kind < 20) {
                b.append(WORDS[random.nextInt(WORDS.length)]).append(WORDS[random.nextInt(WORDS.length)]);
            } else {
                int length = 2 + random.nextInt(3);
                for (int k = 0; k < length; k++) {
                    b.append(random.nextInt(10) < 7 ? COMMON.charAt(common.sample(random))
                            : (char) (0x4E00 + random.nextInt(0x9FA5 - 0x4E00)));
                }
            }
            terms.add(b.toString());
        }
        return new ArrayList<>(terms);
    }

    private static final String[] LATIN_TERM_PREFIX = {"vx", "wx", "qq", "tg", "群", "q群", "加v", "微"};

    /** Samples ranks 0..n-1 with probability proportional to 1/(rank+1)^s. */
    private static final class Zipf {
        private final double[] cumulative;

        Zipf(int n, double s) {
            cumulative = new double[n];
            double sum = 0;
            for (int k = 0; k < n; k++) {
                sum += 1 / Math.pow(k + 1, s);
                cumulative[k] = sum;
            }
            for (int k = 0; k < n; k++) {
                cumulative[k] /= sum;
            }
        }

        int sample(Random random) {
            int i = java.util.Arrays.binarySearch(cumulative, random.nextDouble());
            return Math.min(cumulative.length - 1, i >= 0 ? i : -i - 1);
        }
    }
}
