package dev.moddesk.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moddesk.app.testing.ConsoleWindow;
import dev.moddesk.contract.Role;
import dev.moddesk.contract.platform.FeedAction;
import dev.moddesk.contract.platform.IngestEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Acting in live rooms from the whole console (sign-in form, shell, rooms view, monitor) against the real server jar
 * in its own process, started with {@code --no-sim}: the test plays the platform (its own rooms, chat and seats
 * through the ingest API; it reads the action feed and answers like a platform would). Each action must reach the
 * server (the feed has it) and show in the monitor only when the room's event comes back on the stream.
 */
@ExtendWith(ApplicationExtension.class)
class RoomActionsAgainstRealServerTest {
    @TempDir
    static Path dataDir;
    static RealServer server;
    static TestPlatform platform;

    @TempDir
    Path config;
    private ConsoleWindow console;

    @BeforeAll
    static void startServer() throws Exception {
        server = RealServer.start(dataDir, List.of("--no-sim"));
        platform = TestPlatform.connect(server);
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Start
    void start(Stage stage) {
        console = ConsoleWindow.open(stage, server.url(), config);
    }

    @AfterEach
    void close(FxRobot robot) {
        console.close(robot);
    }

    private static void await(Callable<Boolean> condition) {
        ConsoleWindow.await(60, "the condition was met", condition);
    }

    private static List<FeedAction> feed(String type, String room) {
        try {
            List<FeedAction> out = new ArrayList<>();
            for (FeedAction a : platform.actions()) {
                if (a.type().equals(type) && room.equals(a.payload().get("room"))) {
                    out.add(a);
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A room of the test's own: opened, (VOICE) seat 2 taken by u2, five chat lines by u1..u5. */
    private static String room(String kind) throws IOException {
        String room = "act-" + UUID.randomUUID();
        List<IngestEvent> events = new ArrayList<>();
        events.add(platform.roomOpened(room, kind, "动作测试房", "host-1", "房主", "北京"));
        if (kind.equals("VOICE")) {
            events.add(platform.roomSeat(room, 2, "u2", "麦上用户", false, false));
        }
        for (int i = 1; i <= 5; i++) {
            events.add(platform.roomMessage(room, room + "-m" + i, "u" + i, "用户" + i, "第" + i + "条"));
        }
        platform.ingest(events);
        return room;
    }

    private void openMonitor(FxRobot robot, String room) {
        var ops = server.account(Role.OPS);
        console.signIn(robot, ops.username(), ops.password());
        robot.clickOn("#nav-rooms");
        await(() -> robot.lookup("#room-card-" + room).tryQuery().isPresent());
        robot.clickOn("#room-card-" + room);
        await(() -> robot.lookup("#chat-" + room).tryQuery().map(Node::isVisible).orElse(false)
                && chat(robot, room).getItems().size() >= 5);
    }

    private ListView<?> chat(FxRobot robot, String room) {
        return robot.lookup("#chat-" + room).queryListView();
    }

    private String status(FxRobot robot) {
        return robot.lookup("#actionStatusLabel").queryLabeled().getText();
    }

    private boolean chatShows(FxRobot robot, String room, String text) {
        return robot.lookup("#chat-" + room + " .room-chat-segment").queryAll().stream()
                .anyMatch(n -> n instanceof javafx.scene.text.Text t && t.getText().contains(text));
    }

    @Test
    void muteAUserFromTheUserCardUsingOnlyTheKeyboard(FxRobot robot) throws Exception {
        // A voice room: the seat board and the card need more than the side pane's height.
        String room = room("VOICE");
        openMonitor(robot, room);
        ListView<?> list = chat(robot, room);
        robot.interact(list::requestFocus);
        robot.type(KeyCode.HOME);
        await(() -> list.getSelectionModel().getSelectedIndex() == 0);
        robot.type(KeyCode.ENTER);
        await(() -> robot.lookup("#userCardBox").query().isVisible());
        assertThat(robot.lookup("#userNameLabel").queryLabeled().getText()).isEqualTo("用户1");

        robot.type(KeyCode.TAB);
        Button mute10 = robot.lookup("#mute10Button").queryButton();
        await(mute10::isFocused);
        javafx.scene.control.ScrollPane side = robot.lookup(".room-monitor-side-scroll").query();
        await(() -> {
            javafx.geometry.Bounds b = mute10.localToScene(mute10.getLayoutBounds());
            return side.localToScene(side.getLayoutBounds()).contains(b.getCenterX(), b.getCenterY());
        });
        robot.type(KeyCode.ENTER);

        await(() -> feed("room.user.mute", room).size() == 1);
        FeedAction mute = feed("room.user.mute", room).getFirst();
        assertThat(mute.targetId()).isEqualTo("u1");
        assertThat(mute.payload().toString()).contains("minutes=10");
        await(() -> status(robot).startsWith("Done: Mute: 用户1 (u1)")); // the nickname, then the id
        assertThat(chatShows(robot, room, "muted u1 for 10 min")).as("the room's event, shown in the chat").isTrue();
    }

    @Test
    void takeSomeoneOffMicAndTheSeatBoardShowsTheSeatEmptyOnceThePlatformObeys(FxRobot robot) throws Exception {
        String room = room("VOICE");
        openMonitor(robot, room);
        await(() -> robot.lookup("#seat-2").queryLabeled().getText().equals("2: 麦上用户"));

        robot.clickOn("#seat-2");
        robot.clickOn("#seat-2-mic-off");
        await(() -> feed("room.seat.mic-off", room).size() == 1);
        assertThat(feed("room.seat.mic-off", room).getFirst().targetId()).isEqualTo("2");
        await(() -> status(robot).startsWith("Done: Take off mic: 2"));
        assertThat(robot.lookup("#seat-2").queryLabeled().getText()).as("the platform has not obeyed yet")
                .isEqualTo("2: 麦上用户");

        platform.ingest(List.of(platform.roomSeat(room, 2, null, null, false, false)));
        await(() -> robot.lookup("#seat-2").queryLabeled().getText().equals("2: free"));
    }

    @Test
    void closingTheRoomAsksFirstAndCancelSendsNothing(FxRobot robot) throws Exception {
        String room = room("FRIENDS");
        openMonitor(robot, room);
        robot.clickOn("#closeRoomButton");
        await(() -> status(robot).equals("Close room needs a reason: pick or type one first."));
        assertThat(robot.lookup("#roomActionConfirm").tryQuery()).isEmpty();

        robot.clickOn("#reasonBox").write("涉黄直播 <script>");
        robot.clickOn("#closeRoomButton");
        await(() -> robot.lookup("#roomActionConfirm").tryQuery().isPresent());
        assertThat(robot.lookup("#roomActionConfirm .content").queryLabeled().getText())
                .isEqualTo("Close the room “动作测试房” for everyone in it? Reason: 涉黄直播 <script>");
        robot.clickOn("#confirmNo");
        await(() -> robot.lookup("#roomActionConfirm").tryQuery().isEmpty());
        assertThat(feed("room.room.close", room)).as("cancelled: nothing sent").isEmpty();
        assertThat(status(robot)).doesNotContain("Sending");

        robot.clickOn("#closeRoomButton");
        await(() -> robot.lookup("#roomActionConfirm").tryQuery().isPresent());
        robot.clickOn("#confirmYes");
        await(() -> feed("room.room.close", room).size() == 1);
        await(() -> robot.lookup("#roomStatusLabel").queryLabeled().getText().equals("Closed by staff"));
        assertThat(((Label) robot.lookup("#actionStatusLabel").query()).getText()).startsWith("Done: Close room");
        assertThat(robot.lookup("#closeRoomButton").queryButton().isDisabled()).isTrue();
        assertThat(robot.lookup("#reasonBox").queryAs(javafx.scene.control.ComboBox.class).getEditor().getText())
                .as("the reason stays as typed").isEqualTo("涉黄直播 <script>");
        assertThat(((Labeled) robot.lookup("#undoButton").query()).isDisabled()).isFalse();
    }
}
