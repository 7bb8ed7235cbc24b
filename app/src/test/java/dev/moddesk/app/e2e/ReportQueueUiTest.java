package dev.moddesk.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moddesk.app.rooms.ChatLine;
import dev.moddesk.app.rooms.ChatRow;
import dev.moddesk.app.testing.ConsoleWindow;
import dev.moddesk.contract.Role;
import dev.moddesk.contract.platform.FeedAction;
import dev.moddesk.contract.platform.IngestEvent;
import dev.moddesk.contract.rooms.ReportGroup;
import dev.moddesk.contract.rooms.ReportTarget;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * monitor; a report about a user is dismissed with D and goes out as DISMISSED. A reported message's deep link
 * scrolls the monitor to the message and highlights it, or says it is gone.
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

    /**
     * Enter on a reported message's row opens the monitor scrolled to it and highlighted, although it is older than
     * the 200 lines the monitor loads (its older events are fetched from the server); a message the server could not
     * place says it is gone. Both groups are dismissed at the end (the other test counts the queue's rows).
     */
    @Test
    void theDeepLinkScrollsToTheReportedMessageFetchingOlderLinesAndSaysWhenItIsGone(FxRobot robot) throws Exception {
        String room = "report-deep-room";
        List<IngestEvent> chat = new ArrayList<>();
        chat.add(platform.roomOpened(room, "FRIENDS", "深夜", "h2", "主播小雨", "杭州"));
        chat.add(platform.roomMessage(room, "deep-1", "u-deep", "阿飞", "被举报的那句 <i>vx</i>"));
        for (int i = 0; i < 250; i++) { // pushes the reported line out of the monitor's first load (200 lines)
            chat.add(platform.roomMessage(room, "later-" + i, "u-" + (i % 5), "路人" + (i % 5), "第" + i + "句"));
        }
        chat.add(platform.report("rep-deep", room, "deep-1", "被举报的那句", "u-deep", "阿飞", "r-9", "SPAM", null));
        chat.add(platform.report("rep-gone", room, "never-seen", "早就没了", "u-gone", "阿丢", "r-9", "SPAM", null));
        platform.ingest(chat);

        var ops = server.account(Role.OPS);
        console.signIn(robot, ops.username(), ops.password());
        robot.clickOn("#nav-rooms");
        await("the rooms view", () -> robot.lookup("#reports-tab").tryQuery().isPresent());
        robot.clickOn("#reports-tab");
        ListView<ReportGroup> list = robot.lookup("#reportList").queryListView();
        await("the two groups of the room",
                () -> groupIndex(list, "deep-1") >= 0 && groupIndex(list, "never-seen") >= 0);
        ReportGroup reported = list.getItems().get(groupIndex(list, "deep-1"));
        assertThat(reported.messageSeq()).as("placed by the server").isNotNull();
        assertThat(list.getItems().get(groupIndex(list, "never-seen")).messageSeq()).isNull();

        open(robot, list, "deep-1");
        await("the monitor open", () -> robot.lookup("#room-tab-" + room).tryQuery().isPresent()
                && robot.lookup("#chat-" + room).tryQuery().isPresent());
        ListView<ChatRow> chatList = robot.lookup("#chat-" + room).queryListView();
        await("the reported line selected", () -> chatList.getSelectionModel().getSelectedItem() instanceof ChatLine l
                && l.seq() == reported.messageSeq());
        ChatLine line = (ChatLine) chatList.getSelectionModel().getSelectedItem();
        assertThat(line.text()).isEqualTo("被举报的那句 <i>vx</i>");
        await("its cell highlighted", () -> robot.lookup(".room-chat-reported").tryQuery().isPresent());
        assertThat(label(robot, "#revealLabel")).isEqualTo("The reported message (#" + reported.messageSeq()
                + ") is highlighted; the chat is paused (P follows it again).");

        robot.clickOn("#reports-tab");
        open(robot, list, "never-seen");
        await("the gone note", () -> label(robot, "#revealLabel").startsWith("The reported message is no longer"));

        robot.clickOn("#reports-tab");
        for (String target : List.of("deep-1", "never-seen")) {
            robot.interact(() -> {
                list.getSelectionModel().select(groupIndex(list, target));
                list.requestFocus();
            });
            robot.type(KeyCode.D);
            await("the group dismissed", () -> groupIndex(list, target) < 0);
        }
    }

    private static int groupIndex(ListView<ReportGroup> list, String targetId) {
        List<ReportGroup> items = List.copyOf(list.getItems());
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).targetId().equals(targetId)) {
                return i;
            }
        }
        return -1;
    }

    private static void open(FxRobot robot, ListView<ReportGroup> list, String targetId) {
        await("the group listed", () -> groupIndex(list, targetId) >= 0);
        robot.interact(() -> {
            list.getSelectionModel().select(groupIndex(list, targetId));
            list.requestFocus();
        });
        robot.type(KeyCode.ENTER);
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
        assertThat(feed).filteredOn(a -> a.type().equals("report.resolved")
                && "RESOLVED".equals(a.payload().get("outcome"))).singleElement().satisfies(a -> {
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
                        && "DISMISSED".equals(a.payload().get("outcome"))
                        && "u-calm".equals(a.payload().get("targetId"))).singleElement()
                .satisfies(a -> assertThat(a.payload()).containsEntry("reason", "NO_VIOLATION")
                        .containsEntry("targetId", "u-calm"));
    }
}
