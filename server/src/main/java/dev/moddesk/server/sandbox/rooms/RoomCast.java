package dev.moddesk.server.sandbox.rooms;

import dev.moddesk.contract.rooms.RoomKind;
import dev.moddesk.server.sandbox.SimulatedPopulation;
import dev.moddesk.server.sandbox.UsersActivity;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Who and what the simulated rooms are made of: people (the simulated platform's users where it has some, else
 * viewers of the room's own), room titles per kind, songs and videos. About one person in twenty is an abuser.
 */
final class RoomCast {

    static final List<String> CITIES = UsersActivity.CITIES;
    private static final String[][] TITLES = {
            {"下班后的树洞", "今晚一起聊聊天", "深夜食堂，来唠嗑", "同城交友，欢迎新朋友", "失眠的人来这里", "周末去哪儿玩",
                    "00后聊天室", "打工人互助会", "考研人的自习室", "宠物爱好者集合", "吃货交流群", "新手妈妈聊天室",
                    "健身打卡互相监督", "旅行搭子招募", "摸鱼聊天室", "老乡会｜在外打拼的朋友"},
            {"情感电台｜陪你到天亮", "连麦相亲，八个麦位等你", "语音开黑，缺一个", "声优练习室", "方言挑战赛",
                    "午夜故事会", "脱口秀开放麦", "唠嗑连麦房", "英语角｜一起练口语", "哄睡电台", "树洞连麦，说出你的故事",
                    "王者五排上麦"},
            {"KTV点歌房｜随便唱", "华语金曲之夜", "粤语歌专场", "周杰伦歌迷K歌房", "新人练歌房，不跑调不睡",
                    "民谣小酒馆", "麦霸集合", "八零后怀旧金曲", "抖音热歌接龙", "情歌对唱房"},
            {"一起看《甄嬛传》", "周末电影夜", "追剧搭子", "纪录片放映厅", "动漫一起看", "老电影重温", "综艺下饭局",
                    "深夜恐怖片，胆小勿进", "宫崎骏合集", "一起看球｜中超"}};
    private static final String[] HOT_TITLES = {"今晚不睡！百人连麦大乱斗🔥", "跨年倒计时｜全城一起嗨"};
    private static final String[] SONGS = {"晴天", "后来", "孤勇者", "稻香", "小幸运", "光年之外", "起风了", "平凡之路",
            "告白气球", "海阔天空", "红豆", "十年", "富士山下", "演员", "成都", "夜曲", "体面", "七里香", "消愁", "漠河舞厅"};
    private static final String[] VIDEOS = {"甄嬛传 第23集", "流浪地球2", "舌尖上的中国 第一季", "灌篮高手 剧场版",
            "你好，李焕英", "奔跑吧 第12期", "大话西游之大圣娶亲", "让子弹飞", "海贼王 第1071集", "长安三万里"};

    private final RandomGenerator random;
    private final SimulatedPopulation population;
    private final String run;
    private long viewers;
    private long songs;

    RoomCast(RandomGenerator random, SimulatedPopulation population, String run) {
        this.random = random;
        this.population = population;
        this.run = run;
    }

    /** Someone new to a room: a known platform user half the time (when there are any), else a viewer. */
    SimRoom.Person person(String city) {
        if (random.nextBoolean()) {
            var user = population.pick(random);
            if (user.isPresent()) {
                String id = user.get().userId();
                return new SimRoom.Person(id, user.get().nickname(), Math.floorMod(id.hashCode(), 20) == 0);
            }
        }
        String id = "sim-viewer-" + run + "-" + (++viewers);
        return new SimRoom.Person(id, UsersActivity.nickname(random, city), random.nextInt(20) == 0);
    }

    String title(RoomKind kind, boolean hot) {
        if (hot) {
            return HOT_TITLES[random.nextInt(HOT_TITLES.length)];
        }
        String[] titles = TITLES[kind.ordinal()];
        return titles[random.nextInt(titles.length)];
    }

    String city() {
        return CITIES.get(random.nextInt(CITIES.size()));
    }

    SimRoom.SongEntry song(SimRoom.Person singer) {
        return new SimRoom.SongEntry(run + "-s" + (++songs), SONGS[random.nextInt(SONGS.length)], singer);
    }

    SimRoom.Source video(SimRoom.Person sharedBy) {
        String title = VIDEOS[random.nextInt(VIDEOS.length)];
        return new SimRoom.Source(title, "https://video.example.com/v/" + Long.toString(random.nextLong() & 0xffffffffL, 36),
                sharedBy);
    }
}
