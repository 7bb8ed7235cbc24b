package dev.moddesk.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moddesk.app.testing.ConsoleWindow;
import dev.moddesk.contract.Role;
import dev.moddesk.contract.platform.FeedAction;
import dev.moddesk.contract.rooms.ReportGroup;
import dev.moddesk.contract.rooms.ReportTarget;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
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
 * The whole console against the real server jar ({@code --no-sim}; the test plays the platform): an ops person opens
 * the report queue, sees three reports of one message as one row, deletes the message from the keyboard (A twice)
 * and the platform finds the deletion and {@code report.resolved} (ACTION_TAKEN) on its feed; Enter opens the room's
 * monitor; a report about a user is dismissed with D and goes out as DISMISSED.
 */
@ExtendWith(ApplicationExtension.class)
class ReportQueueUiTest {
    private static final String ROOM = "report-ui-room";
    private static final String SPAM = "加我 <b>vx</b> 领福利";

    @TempDir
    static Path serverDir;
    @TempDir
    Path config;

    static RealServer server;
    static TestPlatform platform;
    private ConsoleWindow console;

    @BeforeAll
    static void startServer() throws Exception {
        server = RealServer.start(serverDir, List.of("--no-sim"));
        platform = TestPlatform.connect(server);
        platform.ingest(List.of(platform.roomOpened(ROOM, "FRIENDS", "夜聊", "h1", "主播阿杰", "成都"),
                platform.report("rep-1", ROOM, "m-1", SPAM, "u-spam", "<script>小坏</script>", "r-1", "SPAM", "广告"),
                platform.report("rep-2", ROOM, "m-1", SPAM, "u-spam", "<script>小坏</script>", "r-2", "SPAM", null),
                platform.report("rep-3", ROOM, "m-1", SPAM, "u-spam", "<script>小坏</script>", "r-3", "FRAUD", null),
                platform.report("rep-4", ROOM, null, null, "u-calm", "小明", "r-4", "HARASSMENT", "他骂人")));
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
    void anOpsPersonDeletesAReportedMessageAndDismissesAUserReportFromTheKeyboard(FxRobot robot) throws Exception {
        var ops = server.account(Role.OPS);
        console.signIn(robot, ops.username(), ops.password());
        robot.clickOn("#nav-rooms");
        await("the rooms view", () -> robot.lookup("#reports-tab").tryQuery().isPresent());
        robot.clickOn("#reports-tab");
        ListView<ReportGroup> list = robot.lookup("#reportList").queryListView();
        await("two report groups", () -> list.getItems().size() == 2);
        ReportGroup first = list.getItems().getFirst();
        assertThat(first.count()).isEqualTo(3);
        assertThat(first.targetKind()).isEqualTo(ReportTarget.MESSAGE);
        assertThat(robot.lookup(".report-count").queryLabeled().getText()).isEqualTo("3×");
        assertThat(robot.lookup(".report-subject").queryLabeled().getText())
                .isEqualTo("<script>小坏</script>: " + SPAM);
        assertThat(robot.lookup(".report-reasons").queryLabeled().getText()).startsWith("Spam 2 · Fraud 1 · last ");

        robot.interact(() -> {
            list.getSelectionModel().select(0);
            list.requestFocus();
        });
        robot.type(KeyCode.A);
        assertThat(label(robot, "#reportHintLabel")).startsWith("Press A again to delete this message");
        assertThat(list.getItems()).hasSize(2);
        robot.type(KeyCode.A);
        await("the message's row gone", () -> list.getItems().size() == 1);
        List<FeedAction> feed = platform.actions();
        assertThat(feed).filteredOn(a -> a.type().equals("room.message.delete")).singleElement()
                .satisfies(a -> assertThat(a.targetId()).isEqualTo("m-1"));
        assertThat(feed).filteredOn(a -> a.type().equals("report.resolved")).singleElement().satisfies(a -> {
            assertThat(a.payload()).containsEntry("outcome", "RESOLVED").containsEntry("reporterOutcome",
                    "ACTION_TAKEN");
            assertThat((List<?>) a.payload().get("reports")).hasSize(3);
        });

        robot.interact(() -> {
            list.getSelectionModel().select(0);
            list.requestFocus();
        });
        robot.type(KeyCode.ENTER);
        await("the room's monitor open", () -> robot.lookup("#room-tab-" + ROOM).tryQuery().isPresent());
        robot.clickOn("#reports-tab");
        await("the user report still listed", () -> list.getItems().size() == 1);
        robot.interact(() -> {
            list.getSelectionModel().select(0);
            list.requestFocus();
        });
        robot.type(KeyCode.D);
        await("the user's row gone", () -> list.getItems().isEmpty());
        assertThat(platform.actions()).filteredOn(a -> a.type().equals("report.resolved")
                        && "DISMISSED".equals(a.payload().get("outcome"))).singleElement()
                .satisfies(a -> assertThat(a.payload()).containsEntry("reason", "NO_VIOLATION")
                        .containsEntry("targetId", "u-calm"));
    }
}
