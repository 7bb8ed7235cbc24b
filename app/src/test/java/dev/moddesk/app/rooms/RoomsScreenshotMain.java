package dev.moddesk.app.rooms;

import dev.moddesk.app.Wiring;
import dev.moddesk.app.api.stream.StreamGap;
import dev.moddesk.app.api.stream.StreamStatus;
import dev.moddesk.app.core.AppContext;
import dev.moddesk.app.core.Events;
import dev.moddesk.app.core.FeatureModule;
import dev.moddesk.app.core.LaunchOptions;
import dev.moddesk.app.core.MainWindow;
import dev.moddesk.app.core.Session;
import dev.moddesk.app.testing.FakeModDeskServer;
import dev.moddesk.contract.rooms.RoomEvent;
import dev.moddesk.contract.rooms.RoomKind;
import dev.moddesk.contract.rooms.RoomMessage;
import dev.moddesk.contract.rooms.RoomSummary;
import dev.moddesk.contract.rooms.ScreenHit;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Application;
import javafx.stage.Stage;
import javafx.util.Duration;

/**
 * For screenshots and looking by hand (not a test): the console signed in as ops to the fake admin API, on the live
 * rooms view, with a wall of rooms and chat fed by this class (fixed seed). Args: {@code --theme light|dark},
 * {@code --lang en|zh-CN}, {@code --view wall|monitor|actions} (actions: a user card open and a mute pending).
 */
public final class RoomsScreenshotMain {

    private RoomsScreenshotMain() {
    }

    public static void main(String[] args) {
        // A main class that is not the Application: JavaFX on the class path needs that (as the console's Launcher).
        Application.launch(Shot.class, args);
    }

    /** The application the main starts. */
    public static final class Shot extends Application {
        private static final String[] LINES = {"主播晚上好！", "这首歌太好听了", "刚进来，大家好", "哈哈哈哈哈",
            "有人一起连麦吗", "支持支持", "今天北京好冷", "再来一首《后来》", "主播加油！", "这个房间人好多啊", "666",
            "新人报到，求关注", "谁知道这首歌叫什么？", "笑死我了", "晚安各位"};

        private FakeModDeskServer fake;
        private AppContext context;

        @Override
        public void start(Stage stage) throws Exception {
            List<String> raw = getParameters().getRaw();
            String theme = option(raw, "--theme", "light");
            String lang = option(raw, "--lang", "en");
            String view = option(raw, "--view", "wall");
            fake = new FakeModDeskServer();
            FakeRoomFeed feed = new FakeRoomFeed();
            FakeRoomsBackend backend = new FakeRoomsBackend();
            List<RoomSummary> rooms = rooms();
            for (RoomSummary s : rooms) {
                backend.rooms.add(s);
                backend.details.put(s.roomId(), RoomFixtures.detail(s));
            }
            RoomsModule module = new RoomsModule((session, listener) -> feed, session -> backend, Clock.systemUTC(),
                    RoomsHub.MONITOR_CAPACITY);
            List<FeatureModule> features = Wiring.features().stream()
                    .map(m -> m instanceof RoomsModule ? module : m).toList();
            context = new AppContext(LaunchOptions.parse(List.of("--server", fake.url(), "--lang", lang, "--theme", theme)),
                    Files.createTempDirectory("moddesk-shot")).install(features);
            Session session = context.sessions().signIn(fake.url(), "ops", FakeModDeskServer.PASSWORD)
                    .get(20, TimeUnit.SECONDS);
            context.sessions().begin(session);
            MainWindow window = new MainWindow(stage, context);
            window.open();
            stage.setX(0);
            stage.setY(0);
            stage.setWidth(1440);
            stage.setHeight(900);
            // The fake feed has no socket to report on: the stream is "open" from the start.
            module.hub().statusChanged(new StreamStatus(StreamStatus.State.OPEN, 0, java.time.Duration.ZERO));
            context.bus().publish(new Events.NavigateEvent(RoomsModule.VIEW));

            Random random = new Random(7);
            long[] seq = new long[rooms.size()];
            List<String> watched = List.of("v-hot");
            Timeline summaries = new Timeline(new KeyFrame(Duration.seconds(1), e -> {
                List<RoomSummary> now = new ArrayList<>();
                for (RoomSummary s : rooms) {
                    double rate = Math.max(0, s.messagesPerSecond() * (0.6 + random.nextDouble() * 0.8));
                    now.add(new RoomSummary(s.roomId(), s.kind(), s.title(), s.hostId(), s.hostName(), s.city(), s.status(),
                            s.startedAt(), s.audience() + random.nextInt(20), rate, s.flagged(), s.reports(), s.seatsTaken(),
                            s.seatCount(), 0));
                }
                feed.push(RoomFixtures.summaries(Instant.now(), now.toArray(RoomSummary[]::new)));
            }));
            summaries.setCycleCount(Timeline.INDEFINITE);
            summaries.play();
            for (int i = 0; i < 50; i++) {
                feed.push(RoomFixtures.summaries(Instant.now(), rooms.stream().map(s -> new RoomSummary(s.roomId(),
                        s.kind(), s.title(), s.hostId(), s.hostName(), s.city(), s.status(), s.startedAt(), s.audience(),
                        s.messagesPerSecond() * (0.5 + random.nextDouble()), s.flagged(), s.reports(), s.seatsTaken(),
                        s.seatCount(), 0)).toArray(RoomSummary[]::new)));
            }
            if ("monitor".equals(view) || "actions".equals(view)) {
                RoomsHub hub = module.hub();
                hub.setWatchTerms("连麦, 后来");
                backend.kept.put("v-hot", List.of(event("v-hot", 121, "u31", "加我VX领福利", true)));
                hub.open("k-0");
                hub.open("v-hot");
                Timeline chat = new Timeline(new KeyFrame(Duration.millis(100), e -> {
                    for (int n = 0; n < 8; n++) {
                        int r = 0;
                        long s = ++seq[r];
                        if (s == 120) {
                            feed.push(new StreamGap("v-hot", 120, 125, StreamGap.Cause.REPORTED));
                            seq[r] = 125;
                            continue;
                        }
                        boolean spam = random.nextInt(12) == 0;
                        String user = "u" + random.nextInt(40);
                        RoomMessage m = spam
                                ? new RoomMessage("m" + s, user, "用户" + user, "加𝓥𝓧领红包 私聊我", true,
                                        List.of(new ScreenHit(1, 5, "contact")))
                                : new RoomMessage("m" + s, user, "用户" + user, LINES[random.nextInt(LINES.length)], false,
                                        List.of());
                        feed.push(new dev.moddesk.app.api.stream.StreamFrame("message", watched.getFirst(), s, m,
                                System.currentTimeMillis() - 180));
                    }
                }));
                chat.setCycleCount(Timeline.INDEFINITE);
                chat.play();
                if ("actions".equals(view)) {
                    // The user card of a chat line, opened from the keyboard, and a mute waiting for its room event.
                    Timeline act = new Timeline(new KeyFrame(Duration.seconds(4), e -> {
                        var list = (javafx.scene.control.ListView<?>) stage.getScene().lookup("#chat-v-hot");
                        for (int i = list.getItems().size() - 1; i >= 0; i--) {
                            if (list.getItems().get(i) instanceof ChatLine) {
                                list.getSelectionModel().select(i);
                                break;
                            }
                        }
                        javafx.event.Event.fireEvent(list, new javafx.scene.input.KeyEvent(
                                javafx.scene.input.KeyEvent.KEY_PRESSED, "", "", javafx.scene.input.KeyCode.ENTER,
                                false, false, false, false));
                        hub.open("v-hot").actions().act(RoomAction.MUTE_USER, "u3", "刷屏广告", 60);
                    }), new KeyFrame(Duration.seconds(5), e -> stage.getScene().lookup("#mute10Button").requestFocus()));
                    act.play();
                }
            }
        }

        private static RoomEvent event(String room, long seq, String user, String text, boolean flagged) {
            return new RoomEvent(room, seq, Instant.now(), new RoomMessage("m" + seq, user, "用户" + user, text, flagged,
                    List.of(new ScreenHit(2, 4, "contact"))));
        }

        private static List<RoomSummary> rooms() {
            List<RoomSummary> out = new ArrayList<>();
            out.add(new RoomSummary("v-hot", RoomKind.VOICE, "深夜电台·连麦聊天", "h1", "小夜", "北京",
                    dev.moddesk.contract.rooms.RoomStatus.LIVE, Instant.now(), 2380, 420, 37, 2, 7, 8, 0));
            String[] cities = {"北京", "上海", "成都", "杭州", "广州", "深圳"};
            String[][] titles = {{"周末K歌大会", "KTV"}, {"一起看《流浪地球》", "WATCH_TOGETHER"}, {"同城交友", "FRIENDS"},
                {"情感电台", "VOICE"}, {"老歌回忆杀", "KTV"}, {"追剧小分队", "WATCH_TOGETHER"}, {"游戏开黑", "VOICE"},
                {"大学生闲聊", "FRIENDS"}, {"粤语歌专场", "KTV"}, {"宠物分享", "FRIENDS"}, {"读书会", "VOICE"},
                {"篮球夜话", "FRIENDS"}};
            for (int i = 0; i < titles.length; i++) {
                RoomKind kind = RoomKind.valueOf(titles[i][1]);
                int seats = kind == RoomKind.VOICE ? 8 : 0;
                out.add(new RoomSummary((kind == RoomKind.KTV ? "k-" : "r-") + i, kind, titles[i][0], "h" + i, "主播" + i,
                        cities[i % cities.length], dev.moddesk.contract.rooms.RoomStatus.LIVE, Instant.now(),
                        80 + i * 37, 3 + (i * 7) % 40, i % 4 == 0 ? i : 0, i == 5 ? 1 : 0, seats == 0 ? 0 : 2 + i % 6,
                        seats, 0));
            }
            return out;
        }

        private static String option(List<String> raw, String name, String fallback) {
            int at = raw.indexOf(name);
            return at >= 0 && at + 1 < raw.size() ? raw.get(at + 1) : fallback;
        }

        @Override
        public void stop() {
            if (context != null) {
                context.close();
            }
            if (fake != null) {
                fake.close();
            }
        }
    }
}
