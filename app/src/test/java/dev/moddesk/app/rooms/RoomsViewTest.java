package dev.moddesk.app.rooms;

import static dev.moddesk.app.rooms.RoomFixtures.T0;
import static dev.moddesk.app.rooms.RoomFixtures.chat;
import static dev.moddesk.app.rooms.RoomFixtures.event;
import static dev.moddesk.app.rooms.RoomFixtures.frame;
import static dev.moddesk.app.rooms.RoomFixtures.message;
import static dev.moddesk.app.rooms.RoomFixtures.summaries;
import static dev.moddesk.app.rooms.RoomFixtures.summary;
import static org.assertj.core.api.Assertions.assertThat;

import dev.moddesk.app.Wiring;
import dev.moddesk.app.api.stream.StreamGap;
import dev.moddesk.app.core.AppContext;
import dev.moddesk.app.core.FeatureModule;
import dev.moddesk.app.core.LaunchOptions;
import dev.moddesk.app.testing.ConsoleWindow;
import dev.moddesk.app.testing.FakeModDeskServer;
import dev.moddesk.app.testing.MutableClock;
import dev.moddesk.contract.rooms.RoomKind;
import dev.moddesk.contract.rooms.RoomSummary;
import dev.moddesk.contract.rooms.ScreenHit;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.FlowPane;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The live-rooms view as an ops person uses it, signed in to the fake admin API, with the room stream and the rooms
 * REST side fed by the test (never the simulator): the wall, two monitors, freezing, filters, gaps, highlights and the
 * user card from the keyboard.
 */
@ExtendWith(ApplicationExtension.class)
class RoomsViewTest {
    @TempDir
    Path config;
    private final FakeRoomFeed feed = new FakeRoomFeed();
    private final FakeRoomsBackend backend = new FakeRoomsBackend();
    private final MutableClock clock = new MutableClock(T0);
    private FakeModDeskServer fake;
    private ConsoleWindow console;
    private volatile dev.moddesk.app.api.stream.StreamStatus.Listener streamStatus;

    private final RoomSummary voice = summary("v1", RoomKind.VOICE, "语音房·夜聊", "北京", 20, 0, 0);
    private final RoomSummary ktv = summary("k1", RoomKind.KTV, "K歌之王", "上海", 8, 0, 0);
    private final RoomSummary friends = summary("f1", RoomKind.FRIENDS, "好友闲聊", "北京", 3, 0, 0);

    @Start
    void start(Stage stage) {
        fake = new FakeModDeskServer();
        for (RoomSummary s : List.of(voice, ktv, friends)) {
            backend.rooms.add(s);
            backend.details.put(s.roomId(), RoomFixtures.detail(s));
        }
        List<FeatureModule> features = Wiring.features().stream()
                .map(m -> m instanceof RoomsModule ? new RoomsModule((session, listener) -> {
                    streamStatus = listener;
                    return feed;
                }, session -> backend,
                        clock, 1000) : m)
                .toList();
        console = ConsoleWindow.open(stage, new AppContext(LaunchOptions.parse(List.of("--server", fake.url(),
                "--lang", "en", "--theme", "light")), config).install(features));
    }

    @AfterEach
    void close(FxRobot robot) {
        console.close(robot);
        fake.close();
    }

    private static void await(Callable<Boolean> condition) {
        ConsoleWindow.await(condition);
    }

    private <T extends Node> T find(FxRobot robot, String query) {
        return robot.lookup(query).query();
    }

    private void openRooms(FxRobot robot) {
        console.signIn(robot, "ops", FakeModDeskServer.PASSWORD);
        robot.clickOn("#nav-rooms");
        await(() -> robot.lookup("#room-card-v1").tryQuery().isPresent());
    }

    private ListView<ChatRow> chatList(FxRobot robot, String room) {
        return find(robot, "#chat-" + room);
    }

    private void openMonitor(FxRobot robot, String room) {
        robot.clickOn("#room-card-" + room);
        await(() -> robot.lookup("#chat-" + room).tryQuery().map(Node::isVisible).orElse(false)
                && feed.followed.containsKey(room));
    }

    @Test
    void theWallPutsWhatNeedsAttentionFirstAndOpensTwoMonitors(FxRobot robot) {
        openRooms(robot);
        assertThat(feed.started).isTrue();
        FlowPane grid = find(robot, "#wallGrid");
        feed.push(summaries(T0, voice, ktv, summary("f1", RoomKind.FRIENDS, "好友闲聊", "北京", 3, 0, 2)));
        await(() -> grid.getChildren().getFirst().getId().equals("room-card-f1"));
        assertThat(robot.lookup("#room-card-f1 .room-wall-card-reports").queryLabeled().getText())
                .isEqualTo("2 reports");

        openMonitor(robot, "v1");
        assertThat(feed.followed).containsEntry("v1", 0L);
        assertThat(robot.lookup("#seat-1").queryLabeled().getText()).isEqualTo("1: 麦上1");
        assertThat(find(robot, "#seat-8").getStyleClass()).contains("room-seat-locked");

        TabPane tabs = find(robot, "#roomTabs");
        robot.interact(() -> tabs.getSelectionModel().select(0));
        robot.clickOn("#room-card-k1");
        await(() -> feed.followed.containsKey("k1"));
        // The wall, the report and appeal queues, the held-for-review queue, the word list, then the two monitors.
        assertThat(tabs.getTabs()).hasSize(7);
        assertThat(tabs.getSelectionModel().getSelectedItem().getText()).isEqualTo("K歌之王");
        await(() -> robot.lookup("#songList").queryAllAs(ListView.class).stream()
                .anyMatch(songs -> songs.getItems().size() == 2));

        feed.push(chat("v1", 1, 40));
        feed.push(chat("k1", 1, 7));
        await(() -> chatList(robot, "k1").getItems().size() == 7);
        assertThat(robot.lookup("#chat-v1").tryQuery()).as("a monitor behind another tab is out of the scene").isEmpty();
        assertThat(robot.lookup("#wallGrid").tryQuery()).as("so is the wall").isEmpty();
        robot.interact(() -> tabs.getSelectionModel().select(5));
        await(() -> robot.lookup("#chat-v1").tryQuery().isPresent() && chatList(robot, "v1").getItems().size() == 40);
        assertThat(find(robot, "#chat-v1").isVisible()).as("it kept buffering while hidden").isTrue();
        assertThat(robot.lookup("#chat-k1").tryQuery()).isEmpty();
        robot.interact(() -> tabs.getSelectionModel().select(6));
        await(() -> robot.lookup("#chat-k1").tryQuery().isPresent() && chatList(robot, "k1").getItems().size() == 7);
        robot.interact(() -> tabs.getSelectionModel().select(0));
        await(() -> robot.lookup("#room-card-f1").tryQuery().isPresent());
    }

    @Test
    void freezingHoldsTheListAndCountsNewMessagesUntilUnfrozen(FxRobot robot) {
        openRooms(robot);
        openMonitor(robot, "f1");
        ListView<ChatRow> list = chatList(robot, "f1");
        Button bar = find(robot, "#newMessagesBar");
        feed.push(chat("f1", 1, 50));
        await(() -> list.getItems().size() == 50);
        assertThat(bar.isVisible()).isFalse();

        robot.moveTo(list);
        await(() -> bar.isVisible());
        feed.push(chat("f1", 51, 30));
        await(() -> bar.getText().equals("30 new messages · resume"));
        assertThat(list.getItems()).as("frozen: the list stands still").hasSize(50);

        robot.moveTo("#searchField");
        await(() -> !bar.isVisible() && list.getItems().size() == 80);

        robot.clickOn(list).type(KeyCode.P);
        robot.moveTo("#searchField");
        feed.push(chat("f1", 81, 5));
        await(() -> bar.getText().equals("5 new messages · resume"));
        assertThat(bar.isVisible()).as("the hotkey holds the freeze after the pointer left").isTrue();
        assertThat(list.getItems()).hasSize(80);

        robot.clickOn(bar).moveTo("#searchField");
        await(() -> !bar.isVisible() && list.getItems().size() == 85);
    }

    /** The chat rows drawn in the list's viewport, top to bottom. */
    private static List<ChatCell> cellsOnScreen(FxRobot robot, String room) {
        ListView<?> list = robot.lookup("#chat-" + room).query();
        javafx.geometry.Bounds view = list.localToScene(list.getLayoutBounds());
        return robot.lookup("#chat-" + room + " .list-cell").queryAllAs(ChatCell.class).stream()
                .filter(c -> c.isVisible() && !c.isEmpty() && c.getItem() != null
                        && c.localToScene(c.getLayoutBounds()).intersects(view))
                .sorted(java.util.Comparator.comparingDouble(c -> c.localToScene(0, 0).getY())).toList();
    }

    private static List<Long> onScreen(FxRobot robot, String room) {
        return cellsOnScreen(robot, room).stream().map(c -> c.getItem().seq()).toList();
    }

    /** Where the row of {@code seq} is drawn: its top edge in the scene, or NaN when it is not on screen. */
    private static double drawnAt(FxRobot robot, String room, long seq) {
        return cellsOnScreen(robot, room).stream().filter(c -> c.getItem().seq() == seq)
                .mapToDouble(c -> c.localToScene(0, 0).getY()).findFirst().orElse(Double.NaN);
    }

    @Test
    void aFollowedListHoldsTheNewestLinesAndFreezingBringsBackEveryBufferedLineWithoutMovingTheView(FxRobot robot) {
        openRooms(robot);
        openMonitor(robot, "f1");
        ListView<ChatRow> list = chatList(robot, "f1");
        Button bar = find(robot, "#newMessagesBar");
        feed.push(chat("f1", 1, 800));
        await(() -> !list.getItems().isEmpty() && list.getItems().getLast().seq() == 800
                && onScreen(robot, "f1").contains(800L));
        assertThat(list.getItems().size()).as("following: the list holds the newest lines (the buffer keeps 1,000)")
                .isLessThan(800);
        double newest = drawnAt(robot, "f1", 800);
        List<Long> following = onScreen(robot, "f1");
        javafx.geometry.Bounds shown = list.localToScene(list.getLayoutBounds());
        assertThat(newest + list.getFixedCellSize()).as("the newest line is drawn whole, at the bottom")
                .isBetween(shown.getMaxY() - list.getFixedCellSize() / 2, shown.getMaxY());

        robot.moveTo(list);
        await(() -> bar.isVisible());
        assertThat(list.getItems()).as("frozen: every buffered line can be scrolled back to").hasSize(800);
        assertThat(list.getItems().getFirst().seq()).isEqualTo(1);
        assertThat(drawnAt(robot, "f1", 800)).as("freezing does not move the view: " + following + " → "
                + onScreen(robot, "f1")).isCloseTo(newest, org.assertj.core.data.Offset.offset(1.0));

        robot.clickOn(list).type(KeyCode.HOME);
        await(() -> onScreen(robot, "f1").contains(1L));

        robot.clickOn(bar).moveTo("#searchField");
        await(() -> !bar.isVisible() && onScreen(robot, "f1").contains(800L));
        assertThat(list.getItems().size()).isLessThan(800);
        for (long from = 801; from < 1400; from += 100) {
            long last = from + 99;
            feed.push(chat("f1", from, 100));
            await(() -> onScreen(robot, "f1").contains(last));
            assertThat(drawnAt(robot, "f1", last)).as("still following, the newest line whole at the bottom")
                    .isCloseTo(newest, org.assertj.core.data.Offset.offset(1.0));
            assertThat(onScreen(robot, "f1")).as("no empty rows").hasSameSizeAs(following);
        }
    }

    @Test
    void filtersGapsHighlightsAndTheUserCardFromTheKeyboard(FxRobot robot) {
        openRooms(robot);
        openMonitor(robot, "f1");
        ListView<ChatRow> list = chatList(robot, "f1");
        backend.kept.put("f1", List.of(event("f1", 13, message("u7", "补回来的", true))));
        feed.push(chat("f1", 1, 9));
        // 𝓥𝓧 are surrogate pairs: the server's hit [1, 5) covers both, and nothing else.
        feed.push(frame("f1", 10, message("u9", "加𝓥𝓧好友", true, new ScreenHit(1, 5, "contact"))));
        feed.push(new StreamGap("f1", 11, 15, StreamGap.Cause.REPORTED));
        feed.push(chat("f1", 16, 2));
        await(() -> list.getItems().size() == 9 + 1 + 3 + 2);
        assertThat(list.getItems().subList(10, 13)).containsExactly(new GapRow(11, 12, GapRow.State.LOST),
                list.getItems().get(11), new GapRow(14, 15, GapRow.State.LOST));
        assertThat(((ChatLine) list.getItems().get(11)).text()).isEqualTo("补回来的");

        robot.clickOn("#searchField").write("好友");
        await(() -> list.getItems().size() == 3);
        Text screened = robot.lookup("#chat-f1 .room-chat-screened").query();
        assertThat(screened.getText()).isEqualTo("𝓥𝓧");
        assertThat(robot.lookup("#chat-f1 .room-chat-gap-lost").tryQuery()).as("gap markers stay visible").isPresent();

        robot.doubleClickOn("#searchField").eraseText(2);
        robot.clickOn("#flaggedOnlyBox");
        await(() -> list.getItems().size() == 4);
        assertThat(list.getItems()).filteredOn(r -> r instanceof ChatLine).extracting(ChatRow::seq)
                .containsExactly(10L, 13L);
        robot.clickOn("#flaggedOnlyBox");
        await(() -> list.getItems().size() == 15);

        robot.clickOn("#userFilterField").write("昵称u9");
        await(() -> list.getItems().size() == 3);
        robot.clickOn(list).type(KeyCode.HOME);
        await(() -> list.getSelectionModel().getSelectedItem() instanceof ChatLine);
        robot.type(KeyCode.ENTER);
        await(() -> find(robot, "#userCardBox").isVisible());
        assertThat(robot.lookup("#userNameLabel").queryLabeled().getText()).isEqualTo("昵称u9");
        assertThat(robot.lookup("#userIdLabel").queryLabeled().getText()).isEqualTo("User id u9");
        assertThat(robot.lookup("#userFactsLabel").queryLabeled().getText())
                .isEqualTo("1 messages held here, 1 flagged");
        assertThat(robot.lookup("#userLinesList").queryListView().getItems()).hasSize(1);
        robot.type(KeyCode.ESCAPE);
        await(() -> !find(robot, "#userCardBox").isVisible());
        assertThat(list.isFocused()).isTrue();
    }

    @Test
    void theShellStatusBarShowsHowFarBehindTheRoomsStreamIsOrThatItLagsOrReconnects(FxRobot robot) {
        openRooms(robot);
        streamStatus.statusChanged(new dev.moddesk.app.api.stream.StreamStatus(
                dev.moddesk.app.api.stream.StreamStatus.State.OPEN, 0, java.time.Duration.ZERO));
        feed.push(summaries(T0.minusMillis(2_300), voice, ktv, friends));
        await(() -> robot.lookup("#status-rooms-stream").tryQuery().isPresent()
                && robot.lookup("#status-rooms-stream").queryLabeled().getText().equals("Rooms stream 2.3 s behind"));

        openMonitor(robot, "f1");
        feed.push(new dev.moddesk.app.api.stream.StreamFrame(dev.moddesk.contract.rooms.RoomStream.LAGGING, "f1", 0,
                new dev.moddesk.contract.rooms.RoomStream.Lagging(10, 1000)));
        await(() -> robot.lookup("#status-rooms-stream").queryLabeled().getText()
                .equals("Rooms stream lagging: 1 rooms paused"));
        assertThat(find(robot, "#status-rooms-stream").getStyleClass()).contains("shell-status-item-warning");

        streamStatus.statusChanged(new dev.moddesk.app.api.stream.StreamStatus(
                dev.moddesk.app.api.stream.StreamStatus.State.WAITING, 1, java.time.Duration.ofSeconds(1)));
        await(() -> robot.lookup("#status-rooms-stream").queryLabeled().getText()
                .equals("Rooms stream reconnecting…"));
    }
}
