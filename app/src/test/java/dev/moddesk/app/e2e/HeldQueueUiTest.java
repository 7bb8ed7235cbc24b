package dev.moddesk.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moddesk.app.api.HeldMessagesApi;
import dev.moddesk.app.api.WordListApi;
import dev.moddesk.app.testing.ConsoleWindow;
import dev.moddesk.contract.Role;
import dev.moddesk.contract.platform.FeedAction;
import dev.moddesk.contract.rooms.HeldMessage;
import dev.moddesk.contract.rooms.WordTerm;
import dev.moddesk.contract.rooms.WordTermRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
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
 * the held-for-review queue in the rooms area, sees the withheld line with its matched words, releases it with the
 * keyboard, and the platform finds {@code message.released} on its feed; in the word list a duplicate is refused
 * under the term field with the typed text kept, and a new HOLD term is added.
 */
@ExtendWith(ApplicationExtension.class)
class HeldQueueUiTest {
    private static final String ROOM = "held-ui-room";
    private static final String HELD_TEXT = "想赚钱的 刷.礼.物返现 <b>私聊</b>";

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
        new WordListApi(server.signedIn(Role.OPS)).add(new WordTermRequest("刷礼物返现", "fraud", "HOLD", null))
                .get(30, TimeUnit.SECONDS);
        platform.ingest(List.of(platform.roomOpened(ROOM, "FRIENDS", "夜聊", "h1", "主播阿杰", "成都"),
                platform.messageHeld(ROOM, "held-m1", "u-held-1", "<script>小明</script>", HELD_TEXT)));
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

    private void signInAsOps(FxRobot robot) {
        var ops = server.account(Role.OPS);
        console.signIn(robot, ops.username(), ops.password());
        robot.clickOn("#nav-rooms");
        await("the rooms view", () -> robot.lookup("#held-tab").tryQuery().isPresent());
    }

    private static String label(FxRobot robot, String id) {
        return robot.lookup(id).tryQuery().map(n -> ((Label) n).getText()).orElse("");
    }

    @Test
    void anOpsPersonReleasesAHeldMessageWithTheKeyboardAndThePlatformIsTold(FxRobot robot) throws Exception {
        signInAsOps(robot);
        robot.clickOn("#held-tab");
        ListView<HeldMessage> list = robot.lookup("#heldList").queryListView();
        await("the held message listed", () -> list.getItems().size() == 1);
        HeldMessage held = list.getItems().getFirst();
        assertThat(held.text()).isEqualTo(HELD_TEXT);

        TextFlow text = robot.lookup(".held-text").queryAs(TextFlow.class);
        List<String> matched = text.getChildren().stream().filter(n -> n.getStyleClass().contains("held-matched"))
                .map(n -> ((Text) n).getText()).toList();
        assertThat(matched).containsExactly("刷.礼.物返现");
        assertThat(robot.lookup(".held-user").queryLabeled().getText()).contains("<script>小明</script>");
        assertThat(robot.lookup(".held-left").queryLabeled().getText()).endsWith(" left");

        // Cells are rebuilt every second (the time left counts down): select and focus the list, then the keyboard.
        robot.interact(() -> {
            list.getSelectionModel().select(0);
            list.requestFocus();
        });
        robot.type(KeyCode.R);
        await("the message gone from the queue", () -> list.getItems().isEmpty());
        assertThat(label(robot, "#heldStatusLabel")).contains("Released").contains("<script>小明</script>");

        List<FeedAction> feed = platform.actions();
        assertThat(feed).filteredOn(a -> a.type().equals("message.released")).singleElement()
                .satisfies(a -> assertThat(a.targetId()).isEqualTo("held-m1"));
        assertThat(new HeldMessagesApi(server.signedIn(Role.OPS)).held().get(30, TimeUnit.SECONDS)).isEmpty();
    }

    @Test
    void theWordListKeepsTheInputAndShowsTheServersReasonUnderTheField(FxRobot robot) throws Exception {
        signInAsOps(robot);
        robot.clickOn("#words-tab");
        TableView<WordTerm> table = robot.lookup("#wordTable").queryTableView();
        await("the list loaded", () -> table.getItems().stream().anyMatch(t -> t.term().equals("刷礼物返现")));

        robot.clickOn("#termField").write("刷 禮 物 返 现");
        robot.type(KeyCode.ENTER);
        await("the refusal under the term", () -> !label(robot, "#termError").isEmpty());
        assertThat(label(robot, "#termError")).contains("already on the list");
        assertThat(robot.lookup("#termField").queryAs(TextField.class).getText()).isEqualTo("刷 禮 物 返 现");

        robot.interact(() -> robot.lookup("#termField").queryAs(TextField.class).setText("代练上分"));
        robot.clickOn("#actionBox").type(KeyCode.DOWN).type(KeyCode.ENTER);
        assertThat(robot.lookup("#actionBox").queryComboBox().getValue()).isEqualTo("HOLD");
        robot.clickOn("#saveButton");
        await("the new term listed", () -> table.getItems().stream().anyMatch(t -> t.term().equals("代练上分")));
        assertThat(label(robot, "#termError")).isEmpty();
        assertThat(new WordListApi(server.signedIn(Role.OPS)).list().get(30, TimeUnit.SECONDS).terms())
                .filteredOn(t -> t.term().equals("代练上分")).singleElement()
                .satisfies(t -> assertThat(t.action()).isEqualTo("HOLD"));
        assertThat(platform.actions()).anySatisfy(a -> assertThat(a.type()).isEqualTo("words.list"));
    }
}
