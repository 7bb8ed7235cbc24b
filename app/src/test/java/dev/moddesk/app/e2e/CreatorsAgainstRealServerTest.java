package dev.moddesk.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moddesk.app.api.ApiClient;
import dev.moddesk.app.api.CreatorsApi;
import dev.moddesk.app.api.SessionApi;
import dev.moddesk.app.api.StaffApi;
import dev.moddesk.app.testing.ConsoleWindow;
import dev.moddesk.contract.CreateStaffRequest;
import dev.moddesk.contract.Role;
import dev.moddesk.contract.creators.CreatorChange;
import dev.moddesk.contract.creators.CreatorDetail;
import dev.moddesk.contract.creators.FanGroup;
import dev.moddesk.contract.creators.Limit;
import dev.moddesk.contract.creators.QuotaRequest;
import dev.moddesk.contract.creators.QuotaRequestView;
import dev.moddesk.contract.creators.SettingChange;
import dev.moddesk.contract.platform.IngestEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
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
 * The creators console as an admin uses it, headless, against the real server jar started with {@code --no-sim}: the
 * test plays the platform (its own creators, fan groups and quota request through the ingest API) and a second admin
 * (changes through the HTTP API), and checks what it did through the API afterwards.
 */
@ExtendWith(ApplicationExtension.class)
class CreatorsAgainstRealServerTest {
    @TempDir
    static Path dataDir;
    @TempDir
    Path config;

    static RealServer server;
    static ApiClient adminApi;
    static CreatorsApi creators;

    private ConsoleWindow console;

    @BeforeAll
    static void startServer() throws Exception {
        server = RealServer.start(dataDir, List.of("--no-sim"));
        TestPlatform platform = TestPlatform.connect(server);
        List<IngestEvent> events = new ArrayList<>();
        events.add(platform.creator("e2e-sunny", "晴天E2E", "STANDARD", true, 182_000));
        events.add(platform.creator("e2e-rain", "阵雨E2E", "STANDARD", true, 9_000));
        events.add(platform.creator("e2e-cloud", "多云E2E", "STANDARD", false, 1_200));
        for (int i = 1; i <= 8; i++) {
            events.add(platform.fanGroup("e2e-sunny", "e2e-sunny-g" + i, "晴天粉丝群 " + i, 100 + i));
        }
        events.add(platform.fanGroup("e2e-rain", "e2e-rain-g1", "阵雨群 1", 40));
        events.add(platform.creator("e2e-wind", "微风E2E", "STANDARD", true, 52_000));
        events.add(platform.creator("e2e-bulk-a", "批量甲E2E", "STANDARD", true, 3_000));
        events.add(platform.creator("e2e-bulk-b", "批量乙E2E", "STANDARD", false, 2_000));
        events.add(platform.creator("e2e-bulk-c", "批量丙E2E", "STANDARD", true, 1_000));
        for (int i = 1; i <= 6; i++) {
            events.add(platform.fanGroup("e2e-wind", "e2e-wind-g" + i, "微风群 " + i, 60 + i));
        }
        events.add(platform.quotaRequest("e2e-cloud", "e2e-cloud-r1", 30,
                "Fan meeting next month: 12 city groups, ‮evil‬ text stays one line\nsecond line"));
        platform.ingest(events);
        adminApi = server.signedIn(Role.ADMIN);
        creators = new CreatorsApi(adminApi);
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
        try {
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, condition);
        } catch (TimeoutException e) {
            throw new AssertionError("condition not met in time; the page said: " + pageState(), e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** What the creator page shows, for a failure message. */
    private static String pageState() {
        FxRobot robot = new FxRobot();
        List<String> out = new ArrayList<>();
        for (String q : List.of("#formErrorLabel", "#previewLabel", "#quotaFigure", "#theirsLabel", "#decisionError")) {
            robot.lookup(q).tryQuery().ifPresent(n -> out.add(q + "=" + ((Label) n).getText()));
        }
        robot.lookup("#saveButton").tryQuery().ifPresent(n -> out.add("save disabled=" + n.isDisabled()));
        robot.lookup("#conflictBox").tryQuery().ifPresent(n -> out.add("conflict visible=" + n.isVisible()));
        return String.join(" | ", out);
    }

    private static <T extends Node> T find(FxRobot robot, String query) {
        return robot.lookup(query).query();
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).queryLabeled().getText();
    }

    private void openCreators(FxRobot robot, Role role) {
        var account = server.account(role);
        console.signIn(robot, account.username(), account.password());
        robot.clickOn("#nav-creators");
        await(() -> robot.lookup("#searchField").tryQuery().isPresent());
    }

    /** Types the start of the name; the single suggestion opens with Enter. */
    private void findCreator(FxRobot robot, String prefix, String name) {
        robot.clickOn("#searchField").write(prefix);
        ListView<?> results = find(robot, "#resultsList");
        await(() -> results.getItems().size() == 1);
        robot.type(KeyCode.ENTER);
        await(() -> find(robot, "#nameLabel").isVisible() && name.equals(text(robot, "#nameLabel")));
    }

    /** Scrolls the creator page so that {@code query}'s node is in view (a person scrolls before clicking). */
    private static void reveal(FxRobot robot, String query) {
        Node node = find(robot, query);
        robot.interact(() -> {
            ScrollPane scroll = find(robot, "#pageScroll");
            Node content = scroll.getContent();
            Bounds at = content.sceneToLocal(node.localToScene(node.getBoundsInLocal()));
            double range = content.getBoundsInLocal().getHeight() - scroll.getViewportBounds().getHeight();
            scroll.setVvalue(range <= 0 ? 0 : Math.max(0, Math.min(1, (at.getMinY() - 60) / range)));
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void click(FxRobot robot, String query) {
        reveal(robot, query);
        robot.clickOn(query);
    }

    private void replace(FxRobot robot, String query, String value) {
        TextField field = find(robot, query);
        robot.interact(() -> {
            field.requestFocus();
            field.selectAll();
        });
        robot.write(value);
    }

    private static long creatorId(String externalId) {
        return creators.search(externalId, null, null, 5).join().items().getFirst().id();
    }

    @Test
    void anAdminFindsTheCreatorRaisesTheQuotaWithAReasonReordersTheProfileAndSeesWhyAFlagCannotBeOn(FxRobot robot) {
        openCreators(robot, Role.ADMIN);
        findCreator(robot, "晴天", "晴天E2E");
        assertThat(text(robot, "#quotaFigure")).isEqualTo("8 of 5");
        assertThat(text(robot, "#quotaNote")).startsWith("3 over quota");
        assertThat(text(robot, "#slotsFigure")).isEqualTo("5 of 5 slots");

        replace(robot, "#limit-fanGroupQuota", "50");
        Label preview = find(robot, "#previewLabel");
        await(() -> preview.getText().startsWith("Fan-group quota: 5 → 50; can open 42 more groups"));
        click(robot, "#saveButton");
        Label error = find(robot, "#formErrorLabel");
        await(() -> error.getText().startsWith("Say why"));
        assertThat(((TextField) find(robot, "#limit-fanGroupQuota")).getText()).as("input kept").isEqualTo("50");
        click(robot, "#reasonField");
        robot.write("Story: 50 groups in three days, keep 5 on the profile");
        click(robot, "#saveButton");
        await(() -> "8 of 50".equals(text(robot, "#quotaFigure")));
        assertThat(text(robot, "#slotsFigure")).isEqualTo("5 of 5 slots");
        await(() -> robot.lookup(".creator-history-reason").queryAll().stream()
                .anyMatch(n -> ((Label) n).getText().contains("keep 5 on the profile")));
        assertThat(robot.lookup(".creator-history-diff").queryAll()).extracting(n -> ((Label) n).getText())
                .contains("Fan-group quota: 5 → 50");
        assertThat(robot.lookup(".creator-source").queryAll()).extracting(n -> ((Label) n).getText())
                .anyMatch(t -> t.startsWith("Override by") && t.contains("keep 5 on the profile"));
        CreatorDetail saved = creators.creator(creatorId("e2e-sunny")).join();
        assertThat(saved.effective().fanGroupQuota()).isEqualTo(50);
        assertThat(saved.usage().shown()).isEqualTo(5);

        click(robot, "#flag-CONNECT");
        Label hint = find(robot, "#hint-CONNECT");
        await(() -> hint.isVisible() && hint.getText().contains("CONNECT_NEEDS_CHAT_ROOM"));
        click(robot, "#flag-CONNECT");
        await(() -> !hint.isVisible());
        assertThat(((CheckBox) find(robot, "#flag-CONNECT")).isSelected()).isFalse();

        ListView<FanGroup> groups = find(robot, "#groupsList");
        robot.interact(() -> {
            groups.requestFocus();
            groups.getSelectionModel().clearAndSelect(6);
        });
        reveal(robot, "#groupsList");
        robot.press(KeyCode.ALT).type(KeyCode.UP).type(KeyCode.UP).release(KeyCode.ALT);
        await(() -> "晴天粉丝群 7".equals(groups.getItems().get(4).name()));
        click(robot, "#reasonField");
        robot.write("Group 7 onto the profile");
        click(robot, "#saveOrderButton");
        await(() -> !find(robot, "#saveOrderButton").isVisible());
        List<FanGroup> order = creators.creator(saved.id()).join().groups();
        assertThat(order.stream().filter(FanGroup::shown).map(FanGroup::name)).containsExactly(
                "晴天粉丝群 1", "晴天粉丝群 2", "晴天粉丝群 3", "晴天粉丝群 4", "晴天粉丝群 7");
    }

    @Test
    void anAdminDragsAHiddenGroupOntoTheProfileAndSavesTheOrder(FxRobot robot) {
        openCreators(robot, Role.ADMIN);
        findCreator(robot, "微风", "微风E2E");
        ListView<FanGroup> groups = find(robot, "#groupsList");
        reveal(robot, "#groupsList");
        await(() -> groups.getItems().size() == 6);
        // Group 6 (hidden: 5 slots) dragged with the mouse onto group 2's place.
        robot.drag(cellOf(robot, "微风群 6")).dropTo(cellOf(robot, "微风群 2"));
        await(() -> "微风群 6".equals(groups.getItems().get(1).name()));
        assertThat(groups.getItems()).extracting(FanGroup::name).containsExactly(
                "微风群 1", "微风群 6", "微风群 2", "微风群 3", "微风群 4", "微风群 5");
        assertThat(find(robot, "#saveOrderButton").isVisible()).as("the moved order asks to be saved").isTrue();
        click(robot, "#reasonField");
        robot.write("Newest group onto the profile");
        click(robot, "#saveOrderButton");
        await(() -> !find(robot, "#saveOrderButton").isVisible());
        List<FanGroup> saved = creators.creator(creatorId("e2e-wind")).join().groups();
        assertThat(saved.stream().filter(FanGroup::shown).map(FanGroup::name)).containsExactly(
                "微风群 1", "微风群 6", "微风群 2", "微风群 3", "微风群 4");
        assertThat(saved.stream().filter(g -> !g.shown()).map(FanGroup::name)).containsExactly("微风群 5");
    }

    @Test
    void anAdminPicksCreatorsInTheSearchAndTurnsVideoCallOnForThemWithAnOutcomeEach(FxRobot robot) {
        openCreators(robot, Role.ADMIN);
        robot.clickOn("#searchField").write("批量");
        ListView<?> results = find(robot, "#resultsList");
        await(() -> results.getItems().size() == 3);
        robot.type(KeyCode.DOWN);
        robot.press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL);
        await(() -> results.getSelectionModel().getSelectedItems().size() == 3);
        robot.clickOn("#addToBulkButton");
        robot.clickOn("Bulk change (3)");
        ListView<?> picked = find(robot, "#bulkPickedList");
        await(() -> picked.getItems().size() == 3);

        robot.interact(() -> ((javafx.scene.control.ComboBox<String>) find(robot, "#bulkSettingChoice"))
                .setValue("VIDEO_CALL"));
        await(() -> find(robot, "#bulkEnabledBox").isVisible() && !find(robot, "#bulkNumberField").isVisible());
        robot.clickOn("#bulkReasonField").write("Video call pilot for the fan meeting");
        java.time.LocalDate lastDay = java.time.LocalDate.now().plusDays(30);
        robot.interact(() -> ((javafx.scene.control.DatePicker) find(robot, "#bulkExpiryPicker")).setValue(lastDay));
        robot.clickOn("#bulkPreviewButton");
        Label summary = find(robot, "#bulkSummaryLabel");
        await(() -> summary.getText().startsWith("Preview: 2 creators change, 0 stay as they are, 1 refused"));
        TableView<?> outcomes = robot.lookup("#outcomesTable").queryAll().stream()
                .filter(n -> n.getScene() != null && n.isVisible() && ((TableView<?>) n).getItems().size() == 3)
                .map(n -> (TableView<?>) n).findFirst().orElseThrow();
        assertThat(outcomes.getItems()).extracting(o -> ((dev.moddesk.contract.creators.CreatorOutcome) o)
                .displayName()).containsExactlyInAnyOrder("批量甲E2E", "批量乙E2E", "批量丙E2E");
        assertThat(creators.creator(creatorId("e2e-bulk-a")).join().effective().on(
                dev.moddesk.contract.creators.FeatureFlag.VIDEO_CALL)).as("a preview writes nothing").isFalse();

        robot.clickOn("#bulkApplyButton");
        await(() -> summary.getText().startsWith("Applied: 2 creators changed, 0 stayed as they were, 1 refused"));
        for (String ext : List.of("e2e-bulk-a", "e2e-bulk-c")) {
            assertThat(creators.creator(creatorId(ext)).join().effective().on(
                    dev.moddesk.contract.creators.FeatureFlag.VIDEO_CALL)).as(ext).isTrue();
        }
        assertThat(creators.creator(creatorId("e2e-bulk-b")).join().effective().on(
                dev.moddesk.contract.creators.FeatureFlag.VIDEO_CALL)).as("unverified: refused").isFalse();
        assertThat(creators.creator(creatorId("e2e-bulk-a")).join().sources().get("VIDEO_CALL").expiresAt())
                .as("the override lapses after the chosen day").isEqualTo(lastDay.plusDays(1)
                        .atStartOfDay(java.time.ZoneId.systemDefault()).toInstant());
    }

    /** The list cell that shows the group named {@code name}. */
    private static Node cellOf(FxRobot robot, String name) {
        return robot.lookup("#groupsList .creator-group-name").queryAll().stream()
                .filter(n -> name.equals(((Label) n).getText())).findFirst()
                .orElseThrow(() -> new AssertionError("no cell shows " + name));
    }

    @Test
    void aSecondAdminsChangeMeanwhileOpensTheConflictViewAndMineGoesOnTopOfTheirs(FxRobot robot) throws Exception {
        openCreators(robot, Role.ADMIN);
        findCreator(robot, "阵雨", "阵雨E2E");
        replace(robot, "#limit-memberCapacity", "800");
        click(robot, "#reasonField");
        robot.write("Bigger groups for the fan meeting");
        Label preview = find(robot, "#previewLabel");
        await(() -> preview.getText().startsWith("Member capacity: 500 → 800"));

        ApiClient second = secondAdmin();
        CreatorsApi theirs = new CreatorsApi(second);
        long id = creatorId("e2e-rain");
        CreatorDetail before = theirs.creator(id).join();
        theirs.change(id, before.version(), UUID.randomUUID().toString(), new CreatorChange(
                List.of(SettingChange.limit(Limit.FAN_GROUP_QUOTA, 20)), "Second admin: sponsor deal")).join();

        click(robot, "#saveButton");
        await(() -> find(robot, "#conflictBox").isVisible());
        assertThat(text(robot, "#theirsLabel")).contains("Fan-group quota: 5 → 20")
                .contains("by admin-two: Second admin: sponsor deal");
        assertThat(text(robot, "#yoursLabel")).contains("Member capacity → 800")
                .contains("Bigger groups for the fan meeting");
        click(robot, "#applyMineButton");
        await(() -> !find(robot, "#conflictBox").isVisible() && "20".equals(
                ((TextField) find(robot, "#limit-fanGroupQuota")).getText())
                && "800".equals(((TextField) find(robot, "#limit-memberCapacity")).getText())
                && find(robot, "#saveButton").isDisabled());
        CreatorDetail after = creators.creator(id).join();
        assertThat(after.effective().fanGroupQuota()).as("their change kept").isEqualTo(20);
        assertThat(after.effective().memberCapacity()).as("mine on top").isEqualTo(800);
        assertThat(after.version()).isEqualTo(before.version() + 2);
    }

    @Test
    void anAdminApprovesPartOfAQuotaRequestFromTheKeyboard(FxRobot robot) {
        openCreators(robot, Role.ADMIN);
        robot.clickOn("Quota requests");
        TableView<QuotaRequestView> table = find(robot, "#requestsTable");
        await(() -> table.getItems().stream().anyMatch(v -> v.request().externalId().equals("e2e-cloud-r1")));
        await(() -> text(robot, "#requestTitle").startsWith("多云E2E asks for Fan-group quota: 5 → 30"));
        assertThat(text(robot, "#justificationLabel")).doesNotContain("\n").doesNotContain("\u202E")
                .startsWith("Fan meeting next month");
        assertThat(text(robot, "#usageLabel")).isEqualTo("Now: 0 groups of a quota of 5; 0 of 5 display slots used.");

        robot.clickOn("#amountField").write("20");
        robot.press(KeyCode.ALT).type(KeyCode.P).release(KeyCode.ALT);
        Label error = find(robot, "#decisionError");
        await(() -> error.getText().startsWith("Write a note"));
        assertThat(((TextField) find(robot, "#amountField")).getText()).isEqualTo("20");
        robot.clickOn("#noteField").write("20 now; ask again after the meeting");
        robot.press(KeyCode.ALT).type(KeyCode.P).release(KeyCode.ALT);
        await(() -> table.getItems().stream().noneMatch(v -> v.request().externalId().equals("e2e-cloud-r1")));

        QuotaRequestView decided = creators.quotaRequests(null, 50).join().items().stream()
                .filter(v -> v.request().externalId().equals("e2e-cloud-r1")).findFirst().orElseThrow();
        assertThat(decided.request().status()).isEqualTo(QuotaRequest.Status.PARTLY_APPROVED);
        assertThat(decided.request().granted()).isEqualTo(20);
        assertThat(creators.creator(decided.request().creatorId()).join().effective().fanGroupQuota()).isEqualTo(20);
    }

    @Test
    void opsReadsACreatorButCannotEditIt(FxRobot robot) {
        openCreators(robot, Role.OPS);
        findCreator(robot, "多云", "多云E2E");
        assertThat(find(robot, "#editBox").isVisible()).isFalse();
        assertThat(find(robot, "#readOnlyLabel").isVisible()).isTrue();
        assertThat(((TextField) find(robot, "#limit-fanGroupQuota")).isEditable()).isFalse();
        assertThat(find(robot, "#flag-GROUP_CHAT").isDisabled()).isTrue();
    }

    /** Another admin account, signed in on its own client. */
    private static synchronized ApiClient secondAdmin() {
        String password = "second-admin-password-1";
        try {
            new StaffApi(adminApi).create(new CreateStaffRequest("admin-two", "Admin Two", password, Role.ADMIN,
                    List.of())).join();
        } catch (RuntimeException alreadyThere) {
            // created by an earlier run of this method
        }
        ApiClient client = server.client();
        new SessionApi(client).login("admin-two", password).join();
        return client;
    }
}
