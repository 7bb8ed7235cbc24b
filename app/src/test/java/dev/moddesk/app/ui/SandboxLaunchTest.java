package dev.moddesk.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moddesk.app.ModDeskApp;
import dev.moddesk.app.testing.FakeSandboxJar;
import dev.moddesk.contract.AuditEntry;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The README's first command in miniature: {@code --sandbox} starts the server jar as its own process, signs in as
 * the sandbox admin and lands on the audit log; stopping the application stops the server process.
 */
class SandboxLaunchTest {
    @TempDir
    Path dir;
    private final FxRobot robot = new FxRobot();

    @BeforeEach
    void folders() throws Exception {
        System.setProperty("moddesk.config.dir", dir.resolve("config").toString());
        System.setProperty("moddesk.sandbox.dir", dir.resolve("sandbox").toString());
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void clearFolders() throws Exception {
        System.clearProperty("moddesk.config.dir");
        System.clearProperty("moddesk.sandbox.dir");
        FxToolkit.cleanupStages();
    }

    @Test
    void sandboxSignsInAsAdminLandsOnTheReviewQueueAndStopsTheServerOnExit() throws Exception {
        Path jar = FakeSandboxJar.write(dir);
        Application app = FxToolkit.setupApplication(ModDeskApp.class, "--sandbox", "--server-jar", jar.toString(), "--lang", "en");
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> robot.lookup(".review-root").tryQuery().isPresent());
        // The live data this stand-in server has is its audit log: switch there through the navigation list.
        javafx.scene.control.ListView<dev.moddesk.app.core.ViewSpec> nav = robot.lookup("#navList").query();
        robot.interact(() -> nav.getSelectionModel().select(
                nav.getItems().stream().filter(v -> v.id().equals("audit")).findFirst().orElseThrow()));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#auditTable").tryQuery().isPresent());
        TableView<AuditEntry> table = robot.lookup("#auditTable").query();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !table.getItems().isEmpty());
        assertThat(robot.lookup("#userLabel").queryLabeled().getText()).contains("Admin");
        assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive).count()).isEqualTo(1);

        FxToolkit.cleanupApplication(app);
        assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive).count()).isZero();
    }

    @Test
    void sandboxWithUserSignsInAsThatAccount() throws Exception {
        Path jar = FakeSandboxJar.write(dir);
        Application app = FxToolkit.setupApplication(ModDeskApp.class, "--sandbox", "--server-jar", jar.toString(),
                "--lang", "en", "--user", "moderator");
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> robot.lookup(".review-root").tryQuery().isPresent());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#userLabel").tryQuery().isPresent());
        assertThat(robot.lookup("#userLabel").queryLabeled().getText()).contains("Moderator");
        javafx.scene.control.ListView<dev.moddesk.app.core.ViewSpec> nav = robot.lookup("#navList").query();
        assertThat(nav.getItems()).extracting(dev.moddesk.app.core.ViewSpec::id).doesNotContain("staff");
        FxToolkit.cleanupApplication(app);
    }
}
