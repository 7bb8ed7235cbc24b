package dev.moddesk.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moddesk.app.api.AppealsApi;
import dev.moddesk.app.api.RoomsApi;
import dev.moddesk.app.testing.ConsoleWindow;
import dev.moddesk.contract.Role;
import dev.moddesk.contract.platform.FeedAction;
import dev.moddesk.contract.rooms.Appeal;
import dev.moddesk.contract.rooms.RoomActionRequest;
import dev.moddesk.contract.rooms.RoomActionResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
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

/**
 * The whole console against the real server jar ({@code --no-sim}; the test plays the platform): a user muted in a
 * room appeals; an ops person opens the appeal queue, sees the appeal next to the mute and the user's line kept as
 * evidence, writes a note and lifts it from the keyboard (L twice); the platform finds the unmute and
 * {@code appeal.decided} (LIFTED) on its feed.
 */
@ExtendWith(ApplicationExtension.class)
class AppealQueueUiTest {
    private static final String ROOM = "appeal-ui-room";
    private static final String LINE = "周末一起 <b>爬山</b> 吗";
    private static final String APPEAL = "我只是约人爬山，不是广告";

    @TempDir
    static Path serverDir;
    @TempDir
    Path config;

    static RealServer server;
    static TestPlatform platform;
    static RoomActionResult mute;
    private ConsoleWindow console;

    @BeforeAll
    static void startServer() throws Exception {
        server = RealServer.start(serverDir, List.of("--no-sim"));
        platform = TestPlatform.connect(server);
        platform.ingest(List.of(platform.roomOpened(ROOM, "FRIENDS", "夜聊", "h1", "主播阿杰", "成都"),
                platform.roomMessage(ROOM, "m-1", "u-hiker", "<script>山友</script>", LINE)));
        mute = new RoomsApi(server.signedIn(Role.OPS)).act(ROOM, "mute-hiker",
                new RoomActionRequest("user.mute", "u-hiker", "疑似广告", Map.of("minutes", "60"), null))
                .get(30, TimeUnit.SECONDS);
        platform.ingest(List.of(platform.appeal("ap-ui-1", "u-hiker", mute.action().actionId(), APPEAL)));
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

    private static void await(String what, Callable<Boolean> condition) {
        ConsoleWindow.await(90, what, condition);
    }

    private static String label(FxRobot robot, String id) {
        return robot.lookup(id).tryQuery().map(n -> ((Label) n).getText()).orElse("");
    }

    @Test
    void anOpsPersonLiftsAMuteOnAppealFromTheKeyboardAndThePlatformIsTold(FxRobot robot) throws Exception {
        var ops = server.account(Role.OPS);
        console.signIn(robot, ops.username(), ops.password());
        robot.clickOn("#nav-rooms");
        await("the rooms view", () -> robot.lookup("#appeals-tab").tryQuery().isPresent());
        robot.clickOn("#appeals-tab");
        ListView<Appeal> list = robot.lookup("#appealList").queryListView();
        await("the appeal listed", () -> list.getItems().size() == 1);
        assertThat(robot.lookup(".appeal-sanction").queryLabeled().getText())
                .startsWith("Muted 60 min in 夜聊 · reason: 疑似广告 · by ");
        assertThat(robot.lookup(".appeal-words").queryLabeled().getText()).isEqualTo("“" + APPEAL + "”");
        assertThat(robot.lookup(".appeal-evidence-line").queryLabeled().getText())
                .isEqualTo("<script>山友</script>: " + LINE);

        robot.clickOn("#appealNoteField").write("看过记录，误判");
        robot.interact(() -> {
            list.getSelectionModel().select(0);
            list.requestFocus();
        });
        robot.type(KeyCode.L);
        assertThat(label(robot, "#appealHintLabel")).startsWith("Press L again to lift the sanction on u-hiker");
        robot.type(KeyCode.L);
        await("the appeal decided", () -> list.getItems().isEmpty());

        List<FeedAction> feed = platform.actions();
        assertThat(feed).filteredOn(a -> a.type().equals("room.user.unmute")).singleElement()
                .satisfies(a -> assertThat(a.targetId()).isEqualTo("u-hiker"));
        assertThat(feed).filteredOn(a -> a.type().equals("appeal.decided")).singleElement()
                .satisfies(a -> assertThat(a.payload()).containsEntry("outcome", "LIFTED")
                        .containsEntry("actionId", mute.action().actionId()));
        assertThat(new AppealsApi(server.signedIn(Role.OPS)).open().get(30, TimeUnit.SECONDS)).isEmpty();
    }
}
