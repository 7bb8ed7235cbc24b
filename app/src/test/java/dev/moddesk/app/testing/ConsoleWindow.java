package dev.moddesk.app.testing;

import dev.moddesk.app.Wiring;
import dev.moddesk.app.core.AppContext;
import dev.moddesk.app.core.LaunchOptions;
import dev.moddesk.app.core.MainWindow;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The whole console in a TestFX stage, as {@code ModDeskApp} builds it: the wired context and the main window on its
 * sign-in screen. For UI tests that sign in and use the product through its views (call from {@code @Start}; close it
 * from {@code @AfterEach}).
 */
public final class ConsoleWindow {
    private final Stage stage;
    private final AppContext context;
    private final MainWindow window;

    private ConsoleWindow(Stage stage, AppContext context) {
        this.stage = stage;
        this.context = context;
        this.window = new MainWindow(stage, context);
        window.open();
    }

    /** The console of every feature against {@code serverUrl}, in English and the light theme. */
    public static ConsoleWindow open(Stage stage, String serverUrl, Path configDir) {
        return open(stage, Wiring.context(LaunchOptions.parse(List.of("--server", serverUrl, "--lang", "en",
                "--theme", "light")), configDir));
    }

    /** The console of a context the test wired itself (e.g. with a feature module of its own). */
    public static ConsoleWindow open(Stage stage, AppContext context) {
        return new ConsoleWindow(stage, context);
    }

    public AppContext context() {
        return context;
    }

    public Stage stage() {
        return stage;
    }

    public MainWindow window() {
        return window;
    }

    public String showingId() {
        return window.showingId();
    }

    /** Signs in through the form, with the keyboard, and waits for the shell. */
    public void signIn(FxRobot robot, String username, String password) {
        robot.clickOn("#usernameField").write(username);
        robot.clickOn("#passwordField").write(password).type(KeyCode.ENTER);
        await(() -> MainWindow.SHELL.equals(window.showingId()));
    }

    /** Closes the window and the context (its sessions, timers and outbox). */
    public void close(FxRobot robot) {
        robot.interact(() -> {
            window.close();
            stage.close();
        });
        context.close();
    }

    /** Waits up to 30 s for {@code condition}, then for the FX thread to finish what it has queued. */
    public static void await(Callable<Boolean> condition) {
        await(30, condition);
    }

    public static void await(int seconds, Callable<Boolean> condition) {
        await(seconds, "the condition was met", condition);
    }

    /**
     * Waits up to {@code seconds}; the failure says it timed out waiting until {@code what}. A condition that throws
     * (a lookup walking the scene while the FX thread changes it, e.g. a list's cells being replaced) counts as not
     * met yet, and is asked again; the last such error is kept as the failure's cause.
     */
    public static void await(int seconds, String what, Callable<Boolean> condition) {
        RuntimeException[] last = new RuntimeException[1];
        try {
            WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> {
                try {
                    return condition.call();
                } catch (RuntimeException e) {
                    last[0] = e;
                    return false;
                }
            });
        } catch (TimeoutException e) {
            throw new AssertionError("timed out waiting until " + what, last[0] != null ? last[0] : e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }
}
