package dev.moddesk.app.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moddesk.app.core.ActiveView;
import dev.moddesk.app.core.ErrorMessages;
import dev.moddesk.app.core.FxExecutor;
import dev.moddesk.app.core.I18n;
import dev.moddesk.contract.review.ApplicationStatus;
import dev.moddesk.contract.review.ReasonCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The review screen driven as a moderator would: keyboard first, mouse for the bulk selection. */
@ExtendWith(ApplicationExtension.class)
class ReviewViewTest {

    private final FakeReviewServer server = new FakeReviewServer();
    private final FakeReviewApi api = new FakeReviewApi(server, "mod1");
    private final I18n i18n = new I18n(Locale.ENGLISH);
    private Path dir;
    private DecisionOutbox outbox;
    private ActiveView view;
    private long li;
    private long wang;
    private long zhao;
    private long chen;

    @Start
    void start(Stage stage) throws IOException {
        li = server.addApplication("小李", "喜欢爬山，周末常去青城山");
        wang = server.addApplication("小王", "加微信 领福利");
        zhao = server.addApplication("小赵", "想认识同城山友");
        chen = server.addApplication("小陈", "兼职刷单 日结");
        dir = Files.createTempDirectory("review-view");
        // Writes on the caller's thread, so each key press leaves its decision on disk (SavingDecisionViewTest
        // drives the real, asynchronous path).
        outbox = new DecisionOutbox(dir, api, new FxExecutor(), Clock.systemUTC(), Duration.ofMillis(20),
                Duration.ofMillis(200), DecisionOutbox.Options.defaults().writingOn(Runnable::run));
        outbox.start();
        ReviewWorkspace workspace = new ReviewWorkspace(api, outbox, new FxExecutor(), new ManualTimers(),
                Clock.systemUTC(), true, new ErrorMessages(i18n));
        ReviewScene review = ReviewScene.build(workspace, i18n, dir.resolve("config"), 1280, 800, null);
        stage.setScene(review.scene());
        stage.show();
        view = review.view();
    }

    /** Holding one of the items another moderator took must be arranged before the view opens. */
    private void open(FxRobot robot) {
        robot.interact(view::activate);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void stop(FxRobot robot) {
        robot.interact(view::deactivate);
        outbox.close();
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    private static boolean shown(FxRobot robot, String id) {
        Node n = robot.lookup(id).query();
        return n.isVisible() && (n.getParent() == null || n.getParent().isVisible());
    }

    private void synced() {
        Eventually.await("outbox delivered", () -> outbox.pendingCount() == 0);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void aModeratorClearsTheQueueWithTheKeyboardOnly(FxRobot robot) {
        open(robot);
        assertThat(text(robot, "#applicantLabel")).startsWith("小李");
        assertThat(robot.lookup(".review-screened").tryQuery()).isEmpty();

        robot.type(KeyCode.A);
        assertThat(text(robot, "#applicantLabel")).startsWith("小王");
        assertThat(robot.lookup(".review-screened").queryAs(Label.class).getText()).isEqualTo("加微信");
        assertThat(shown(robot, "#undoToast")).isTrue();
        assertThat(text(robot, "#undoLabel")).contains("Approved", "小李");

        robot.type(KeyCode.DIGIT3);
        assertThat(text(robot, "#applicantLabel")).startsWith("小赵");
        assertThat(text(robot, "#undoLabel")).contains("Rejected", "小王");

        robot.type(KeyCode.U);
        assertThat(text(robot, "#applicantLabel")).as("undo brings 小王 back").startsWith("小王");
        synced();

        robot.type(KeyCode.J);
        assertThat(text(robot, "#applicantLabel")).as("J moves on without deciding").startsWith("小赵");
        robot.type(KeyCode.A);
        assertThat(text(robot, "#applicantLabel")).startsWith("小陈");
        robot.type(KeyCode.R);
        assertThat(shown(robot, "#rejectHint")).isTrue();
        robot.type(KeyCode.DIGIT3);

        assertThat(shown(robot, "#emptyLabel")).as("queue cleared").isTrue();
        assertThat(text(robot, "#counterLabel")).isEqualTo("3 decided");
        synced();
        assertThat(server.status(li)).isEqualTo(ApplicationStatus.APPROVED);
        assertThat(server.status(wang)).isEqualTo(ApplicationStatus.PENDING);
        assertThat(server.holder(wang)).as("the skipped one was released").isEmpty();
        assertThat(server.status(zhao)).isEqualTo(ApplicationStatus.APPROVED);
        assertThat(server.status(chen)).isEqualTo(ApplicationStatus.REJECTED);
        assertThat(server.decisionsApplied(chen)).isEqualTo(1);
    }

    @Test
    void theApplicantPanelListsRoomInfractionsRedactedOutsideTheModeratorsCities(FxRobot robot) {
        open(robot);
        @SuppressWarnings("unchecked")
        ListView<dev.moddesk.contract.review.ApplicantHistory.Infraction> list =
                robot.lookup("#infractionList").queryAs(ListView.class);
        Eventually.await("infractions shown", () -> list.getItems().size() == 2);
        WaitForAsyncUtils.waitForFxEvents();
        java.util.List<String> lines = new java.util.ArrayList<>(visibleInfractionLines(robot));
        robot.interact(() -> list.scrollTo(1));
        WaitForAsyncUtils.waitForFxEvents();
        lines.addAll(visibleInfractionLines(robot));
        assertThat(lines).contains("夜聊 <b>成都</b> (成都)", "Muted 30 min · 刷屏", "A room outside your cities (北京)",
                "Kicked · 骚扰");
        assertThat(lines).anyMatch(l -> l.contains("by ops1"));
        assertThat(lines).anyMatch(l -> l.contains("lifted ")).noneMatch(l -> l.contains("ops2"));
    }

    private static java.util.List<String> visibleInfractionLines(FxRobot robot) {
        return robot.lookup(".review-infractions .list-cell .label").queryAllAs(Label.class).stream()
                .filter(Node::isVisible).map(Label::getText).toList();
    }

    @Test
    void clickingRejectWithNoReasonAsksForOneAndTheClickedReasonDecides(FxRobot robot) {
        open(robot);
        assertThat(text(robot, "#applicantLabel")).startsWith("小李");

        robot.clickOn("#rejectButton");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(text(robot, "#applicantLabel")).as("no silent reason 1").startsWith("小李");
        assertThat(shown(robot, "#rejectHint")).isTrue();
        assertThat(text(robot, "#noticeLabel")).contains("Pick a reason");
        assertThat(server.status(li)).isEqualTo(ApplicationStatus.PENDING);

        robot.clickOn("3  ad");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text(robot, "#applicantLabel")).startsWith("小王");
        assertThat(text(robot, "#undoLabel")).contains("Rejected", "小李");
        assertThat(shown(robot, "#rejectHint")).isFalse();
        synced();
        assertThat(server.status(li)).isEqualTo(ApplicationStatus.REJECTED);
    }

    @Test
    void whileTheFirstPageLoadsTheQueueSaysLoadingNotEmpty(FxRobot robot) {
        DrainableExecutor held = new DrainableExecutor();
        api.answerThrough(held);
        open(robot);

        Label placeholder = (Label) robot.lookup("#queueTable").queryAs(javafx.scene.control.TableView.class)
                .getPlaceholder();
        assertThat(placeholder.getText()).isEqualTo("Loading…");
        assertThat(text(robot, "#healthLabel")).isEqualTo("Loading…");

        api.answerThrough(null);
        robot.interact(held::drain);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text(robot, "#healthLabel")).startsWith("Pending 4");
    }

    @Test
    void anUnreachableServerIsNotAnEmptyQueue(FxRobot robot) {
        api.setOffline(true);
        open(robot);

        Label placeholder = (Label) robot.lookup("#queueTable").queryAs(javafx.scene.control.TableView.class)
                .getPlaceholder();
        assertThat(placeholder.getText()).startsWith("Could not load").contains("Cannot reach the server")
                .doesNotContain("No pending");
    }

    @Test
    void aVideoThatCannotBeLoadedShowsThePosterAndSaysSo(FxRobot robot) throws Exception {
        server.setVideo(li, new dev.moddesk.contract.review.VideoSubmission("http://127.0.0.1:9/v/missing.mp4",
                "http://127.0.0.1:9/v/missing.jpg", 12, "青城山日出"));
        open(robot);

        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> shown(robot, "#videoNote"));
        assertThat(text(robot, "#videoNote")).contains("could not be loaded", "Cannot reach the server");
        assertThat(robot.lookup("#posterView").query().isVisible()).isTrue();
        assertThat(text(robot, "#videoStatus")).contains("12 s", "青城山日出");
        robot.type(KeyCode.SPACE);
        robot.type(KeyCode.A);
        assertThat(text(robot, "#applicantLabel")).as("a broken video never blocks the decision").startsWith("小王");
    }

    @Test
    void aVideoApplicationPlaysInlineToItsEndFromTheKeyboard(FxRobot robot) throws Exception {
        // The sandbox's own clip (H.264, no audio track), served over HTTP as the server serves it.
        byte[] clip = Files.readAllBytes(Path.of("../server/src/main/resources/sandbox/media/pets.mp4"));
        com.sun.net.httpserver.HttpServer media = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        media.createContext("/media/pets.mp4", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "video/mp4");
            exchange.sendResponseHeaders(200, clip.length);
            exchange.getResponseBody().write(clip);
            exchange.close();
        });
        media.start();
        try {
            String base = "http://127.0.0.1:" + media.getAddress().getPort();
            api.mediaServer(base);
            server.setVideo(li, new dev.moddesk.contract.review.VideoSubmission(base + "/media/pets.mp4?exp=1&sig=x",
                    null, 4, "我家狗狗"));
            open(robot);

            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> shown(robot, "#videoControls"));
            assertThat(text(robot, "#timeLabel")).startsWith("0:00 / 0:04");
            assertThat(robot.lookup("#timeLabel").queryAs(Label.class).isTextTruncated())
                    .as("the time reads in full, the key hint gives way").isFalse();
            robot.type(KeyCode.SPACE);
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> text(robot, "#timeLabel").contains("played to the end"));
            assertThat(robot.lookup("#mediaView").query().isVisible()).isTrue();
            robot.type(KeyCode.A);
            assertThat(text(robot, "#applicantLabel")).startsWith("小王");
        } finally {
            media.stop(0);
        }
    }

    @Test
    void focusModeHidesTheQueue(FxRobot robot) {
        open(robot);
        robot.clickOn("#focusToggle");
        assertThat(robot.lookup("#queueTable").tryQuery().map(Node::getScene)).isEmpty();
        robot.type(KeyCode.A);
        assertThat(text(robot, "#applicantLabel")).startsWith("小王");
        robot.clickOn("#focusToggle");
        assertThat(robot.lookup("#queueTable").tryQuery()).isPresent();
    }

    @Test
    void shortcutsHelpOpensWithQuestionMarkAndClosesWithEscape(FxRobot robot) {
        open(robot);
        robot.press(KeyCode.SHIFT).type(KeyCode.SLASH).release(KeyCode.SHIFT);
        assertThat(shown(robot, ".review-help")).isTrue();
        robot.type(KeyCode.ESCAPE);
        assertThat(shown(robot, ".review-help")).isFalse();
    }

    @Test
    void decisionsMadeOfflineShowPendingSyncUntilTheServerConfirms(FxRobot robot) {
        open(robot);
        api.setOffline(true);

        robot.type(KeyCode.A);

        assertThat(text(robot, "#pendingSyncBadge")).isEqualTo("1 pending sync");
        api.setOffline(false);
        outbox.retryNow();
        synced();
        assertThat(text(robot, "#pendingSyncBadge")).isEmpty();
        assertThat(server.status(li)).isEqualTo(ApplicationStatus.APPROVED);
    }

    @Test
    void aModeratorSeesAConflictWhenAnotherModeratorTookTheItem(FxRobot robot) {
        server.claimAs("mod2", wang);
        open(robot);

        robot.type(KeyCode.A);

        assertThat(text(robot, "#applicantLabel")).as("the held one is passed over").startsWith("小赵");
        assertThat(shown(robot, "#conflictBanner")).isTrue();
        assertThat(text(robot, "#conflictBanner")).contains("#" + wang, "mod2");
        assertThat(text(robot, "#noticeLabel")).contains("held by mod2");
    }

    @Test
    void clickingARowOpensItWhileShiftClickOnlySelects(FxRobot robot) {
        open(robot);
        assertThat(text(robot, "#applicantLabel")).startsWith("小李");

        robot.clickOn("小赵");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text(robot, "#applicantLabel")).as("a plain click opens the row").startsWith("小赵");

        robot.press(KeyCode.SHIFT).clickOn("小陈").release(KeyCode.SHIFT);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text(robot, "#applicantLabel")).as("shift-click extends the selection only").startsWith("小赵");
        assertThat(text(robot, "#selectionLabel")).isEqualTo("2 selected");
    }

    @Test
    void aModeratorBulkRejectsAndSeesEveryOutcome(FxRobot robot) throws Exception {
        server.claimAs("mod2", chen);
        open(robot);

        robot.clickOn("小李");
        robot.press(KeyCode.SHIFT).clickOn("小陈").release(KeyCode.SHIFT);
        assertThat(text(robot, "#selectionLabel")).isEqualTo("4 selected");
        robot.clickOn("#bulkReasonCombo");
        robot.clickOn("ad");
        robot.clickOn("#bulkRejectButton");

        synced();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> robot.lookup("#outcomeList").queryAs(ListView.class).getItems().size() == 4);
        assertThat(shown(robot, ".review-bulk-result")).isTrue();
        assertThat(text(robot, "#summaryLabel")).isEqualTo("3 decided, 1 refused");
        assertThat(robot.lookup(".review-outcome-failed").queryAs(javafx.scene.control.ListCell.class).getText())
                .contains("#" + chen, "refused", "holds it"); // the server's reason, not its problem type
        assertThat(server.status(li)).isEqualTo(ApplicationStatus.REJECTED);
        assertThat(server.status(zhao)).isEqualTo(ApplicationStatus.REJECTED);
        assertThat(server.status(chen)).isEqualTo(ApplicationStatus.PENDING);

        robot.clickOn("#closeButton");
        assertThat(shown(robot, ".review-bulk-result")).isFalse();
    }

    @Test
    void anAdminEditsAReasonCodeInTheEditor(FxRobot robot) {
        open(robot);
        robot.clickOn("#reasonCodesButton");
        robot.clickOn("SPAM");
        robot.clickOn("#titleEnField").eraseText(4).write("junk");
        robot.clickOn("#saveButton");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(server.reasonCodes().get(0).titles()).containsEntry("en", "junk");
        assertThat(robot.lookup(".table-cell").queryAllAs(javafx.scene.control.TableCell.class))
                .anySatisfy(cell -> assertThat(cell.getText()).isEqualTo("junk"));
        Node editor = robot.lookup("#codeTable").query();
        robot.interact(() -> ((Stage) editor.getScene().getWindow()).close());
    }

    @Test
    void anAdminDeactivatesAReasonCodeSeesItGreyedAndReactivatesIt(FxRobot robot) {
        server.deactivateReasonCode("SPAM");
        open(robot);
        robot.clickOn("#reasonCodesButton");
        WaitForAsyncUtils.waitForFxEvents();

        robot.clickOn("SPAM");
        assertThat(robot.lookup(".review-reason-inactive").tryQuery()).as("a deactivated code stays listed, greyed")
                .isPresent();
        javafx.scene.control.Button toggle = robot.lookup("#deactivateButton").queryButton();
        assertThat(toggle.getText()).isEqualTo("Reactivate");
        robot.clickOn("#deactivateButton");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(server.reasonCodes()).extracting(ReasonCode::code).contains("SPAM");
        assertThat(toggle.getText()).isEqualTo("Deactivate");
        assertThat(robot.lookup(".review-reason-inactive").tryQuery()).isEmpty();
        Node editor = robot.lookup("#codeTable").query();
        robot.interact(() -> ((Stage) editor.getScene().getWindow()).close());
    }
}
