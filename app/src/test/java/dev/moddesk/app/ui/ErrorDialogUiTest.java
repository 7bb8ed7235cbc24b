package dev.moddesk.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moddesk.app.core.ErrorDialog;
import dev.moddesk.app.core.MainWindow;
import dev.moddesk.app.core.UncaughtErrors;
import dev.moddesk.app.testing.ConsoleWindow;
import dev.moddesk.app.testing.FakeModDeskServer;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** An exception nobody caught, on the FX thread and on another thread: a dialog with the details to copy; work kept. */
@ExtendWith(ApplicationExtension.class)
class ErrorDialogUiTest {
    @TempDir
    Path config;
    private FakeModDeskServer fake;
    private ConsoleWindow console;

    @Start
    void start(Stage stage) {
        fake = new FakeModDeskServer();
        console = ConsoleWindow.open(stage, fake.url(), config);
        ErrorDialog.install(stage, console.context());
    }

    @AfterEach
    void close(FxRobot robot) {
        UncaughtErrors.uninstall();
        robot.interact(() -> Window.getWindows().stream().filter(w -> w != console.stage()).toList()
                .forEach(Window::hide));
        console.close(robot);
        fake.close();
    }

    private static TextArea details(FxRobot robot) {
        ConsoleWindow.await(() -> robot.lookup("#errorDetails").tryQuery().isPresent());
        return robot.lookup("#errorDetails").queryAs(TextArea.class);
    }

    @Test
    void anExceptionOnTheFxThreadShowsItsDetailsToCopyAndTheFormKeepsWhatWasTyped(FxRobot robot) {
        robot.clickOn("#usernameField").write("zhou.min");
        robot.interact(() -> Platform.runLater(() -> {
            throw new IllegalStateException("table cell went wrong\r\n2026-01-01 forged line");
        }));

        TextArea details = details(robot);
        assertThat(details.getText()).contains("java.lang.IllegalStateException: table cell went wrong")
                .contains("Thread: JavaFX Application Thread").contains("at dev.moddesk.app.ui.ErrorDialogUiTest")
                .startsWith("ModDesk ");
        assertThat(details.isEditable()).isFalse();
        assertThat(robot.lookup(".error-dialog .header-panel .label").queryLabeled().getText())
                .isEqualTo("Something went wrong");

        robot.clickOn("#errorCopy");
        AtomicReference<String> copied = new AtomicReference<>();
        robot.interact(() -> copied.set(Clipboard.getSystemClipboard().getString()));
        assertThat(copied.get()).isEqualTo(details.getText());
        assertThat(robot.lookup("#errorCopy").queryButton().getText()).isEqualTo("Copied");

        robot.clickOn("Close");
        ConsoleWindow.await(() -> robot.lookup("#errorDetails").tryQuery().isEmpty());
        assertThat(console.showingId()).isEqualTo(MainWindow.LOGIN);
        assertThat(console.stage().isShowing()).isTrue();
        assertThat(robot.lookup("#usernameField").queryAs(TextField.class).getText()).isEqualTo("zhou.min");
    }

    @Test
    void errorsFromOtherThreadsShowTooAndASecondOneJoinsTheOpenDialog(FxRobot robot) throws Exception {
        Thread worker = new Thread(() -> {
            throw new IllegalArgumentException("first");
        }, "some-worker");
        worker.start();
        worker.join();
        TextArea details = details(robot);
        assertThat(details.getText()).contains("Thread: some-worker").contains("IllegalArgumentException: first");

        Thread again = new Thread(() -> {
            throw new IllegalArgumentException("second");
        }, "other-worker");
        again.start();
        again.join();
        ConsoleWindow.await(() -> details.getText().contains("IllegalArgumentException: second"));
        assertThat(robot.lookup("#errorDetails").queryAll()).hasSize(1);
    }
}
