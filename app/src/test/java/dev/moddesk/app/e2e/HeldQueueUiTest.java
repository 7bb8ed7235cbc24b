package dev.moddesk.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moddesk.app.api.HeldMessagesApi;
import dev.moddesk.app.api.WordListApi;
import dev.moddesk.app.testing.ConsoleWindow;
import dev.moddesk.contract.Role;
import dev.moddesk.contract.platform.FeedAction;
import dev.moddesk.contract.rooms.HeldMessage;
import dev.moddesk.contract.rooms.HeldStatus;
import dev.moddesk.contract.rooms.WordTerm;
import dev.moddesk.contract.rooms.WordTermRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.collections.ListChangeListener;
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
 * keyboard, and the platform finds {@code message.released} on its feed; a message the platform holds while the queue
 * is shown appears at once (one insertion, no reload) and leaves at once when another staff member releases it over
 * HTTP, naming them; in the word list a duplicate is refused
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
        assertThat(feed).filteredOn(a -> a.type().equals("message.released")).extracting(FeedAction::targetId)
                .containsOnlyOnce("held-m1");
        assertThat(new HeldMessagesApi(server.signedIn(Role.OPS)).held().get(30, TimeUnit.SECONDS)).isEmpty();
    }

    @Test
    void aHeldMessageArrivesWithoutAReloadAndLeavesWhenAnotherStaffMemberReleasesIt(FxRobot robot) throws Exception {
        signInAsOps(robot);
        await("the stream connected", () -> robot.lookup(".rooms-stream-open").tryQuery().isPresent());
        robot.clickOn("#held-tab");
        ListView<HeldMessage> list = robot.lookup("#heldList").queryListView();
        platform.ingest(List.of(platform.messageHeld(ROOM, "live-1", "u-live-1", "阿强", "刷礼物返现 先到")));
        await("the first live message listed", () -> ids(list).contains("live-1"));

        // From here on every change of the list is recorded: a reload would replace the whole list in one change.
        List<String> changes = new CopyOnWriteArrayList<>();
        ListChangeListener<HeldMessage> recorder = c -> {
            while (c.next()) {
                changes.add((c.wasRemoved() ? "-" + c.getRemovedSize() : "") + (c.wasAdded() ? "+" + c.getAddedSize()
                        : ""));
            }
        };
        robot.interact(() -> list.getItems().addListener(recorder));
        platform.ingest(List.of(platform.messageHeld(ROOM, "live-2", "u-live-2", "小红", "刷礼物返现 后到")));
        await("the second live message listed", () -> ids(list).contains("live-2"));
        assertThat(changes).as("one insertion, no reload").containsExactly("+1");
        HeldMessage second = list.getItems().stream().filter(h -> h.messageId().equals("live-2")).findFirst()
                .orElseThrow();

        var admin = server.account(Role.ADMIN); // another staff member, in another console
        assertThat(new HeldMessagesApi(server.signedIn(Role.ADMIN)).release(second.id()).get(30, TimeUnit.SECONDS)
                .status()).isEqualTo(HeldStatus.RELEASED);
        await("the released message gone", () -> !ids(list).contains("live-2"));
        assertThat(changes).as("one removal, no reload").containsExactly("+1", "-1");
        assertThat(ids(list)).contains("live-1");
        assertThat(label(robot, "#heldStatusLabel")).isEqualTo(admin.username() + " released the message from 小红.");

        HeldMessage first = list.getItems().stream().filter(h -> h.messageId().equals("live-1")).findFirst()
                .orElseThrow();
        new HeldMessagesApi(server.signedIn(Role.ADMIN)).deny(first.id()).get(30, TimeUnit.SECONDS);
        await("the denied message gone", () -> !ids(list).contains("live-1"));
        assertThat(label(robot, "#heldStatusLabel")).isEqualTo(admin.username() + " denied the message from 阿强.");
        robot.interact(() -> list.getItems().removeListener(recorder));
    }

    private static List<String> ids(ListView<HeldMessage> list) {
        return List.copyOf(list.getItems()).stream().map(HeldMessage::messageId).toList();
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
