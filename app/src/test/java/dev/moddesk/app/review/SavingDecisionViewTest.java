package dev.moddesk.app.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moddesk.app.core.ActiveView;
import dev.moddesk.app.core.ErrorMessages;
import dev.moddesk.app.core.FxExecutor;
import dev.moddesk.app.core.I18n;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real, asynchronous outbox under the review screen, with the disk held on a latch: the key press returns, the
 * screen moves on and says "saving", and the undo toast starts only once the decision is on disk.
 */
@ExtendWith(ApplicationExtension.class)
class SavingDecisionViewTest {

    private final FakeReviewServer server = new FakeReviewServer();
    private final FakeReviewApi api = new FakeReviewApi(server, "mod1");
    private final I18n i18n = new I18n(Locale.ENGLISH);
    private final BlockingFileSync disk = new BlockingFileSync();
    private DecisionOutbox outbox;
    private ActiveView view;

    @Start
    void start(Stage stage) throws IOException {
        server.addApplication("小李", "喜欢爬山，周末常去青城山");
        server.addApplication("小王", "想认识同城山友");
        java.nio.file.Path dir = Files.createTempDirectory("saving-view");
        outbox = new DecisionOutbox(dir.resolve("outbox"), api, new FxExecutor(),
                Clock.systemUTC(), Duration.ofMillis(20), Duration.ofMillis(200),
                DecisionOutbox.Options.defaults().withFileSync(disk));
        outbox.start();
        ReviewWorkspace workspace = new ReviewWorkspace(api, outbox, new FxExecutor(), new ManualTimers(),
                Clock.systemUTC(), false, new ErrorMessages(i18n));
        ReviewScene review = ReviewScene.build(workspace, i18n, dir.resolve("config"), 1280, 800, null);
        stage.setScene(review.scene());
        stage.show();
        view = review.view();
    }

    @AfterEach
    void stop(FxRobot robot) {
        disk.release();
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

    @Test
    void theToastSaysSavingUntilTheDecisionIsOnDiskThenOffersUndo(FxRobot robot)
            throws InterruptedException, TimeoutException {
        robot.interact(view::activate);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text(robot, "#applicantLabel")).startsWith("小李");
        disk.arm();

        robot.type(KeyCode.A); // returns: the FX thread is not waiting on the disk
        disk.awaitBlocked();
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(text(robot, "#applicantLabel")).as("the next application at once").startsWith("小王");
        assertThat(shown(robot, "#undoToast")).isTrue();
        assertThat(text(robot, "#undoLabel")).contains("Approved", "小李", "saving");
        assertThat(shown(robot, "#undoButton")).as("nothing to undo before it exists").isFalse();
        assertThat(text(robot, "#counterLabel")).isEqualTo("0 decided");

        disk.release();
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> text(robot, "#undoLabel").contains("U to undo"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(shown(robot, "#undoButton")).isTrue();
        assertThat(text(robot, "#counterLabel")).isEqualTo("1 decided");
    }
}
