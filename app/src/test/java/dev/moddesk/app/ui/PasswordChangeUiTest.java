package dev.moddesk.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.controls.Notification;
import dev.moddesk.app.core.MainWindow;
import dev.moddesk.app.testing.ConsoleWindow;
import dev.moddesk.app.testing.FakeModDeskServer;
import java.nio.file.Path;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Staff passwords as a person meets them, against the fake admin API: after an admin reset the sign-in opens the
 * password change and the shell appears only once it is done; closing it signs out and says why; from the status bar,
 * anyone changes their own, with the server's refusals shown at the field they concern.
 */
@ExtendWith(ApplicationExtension.class)
class PasswordChangeUiTest {
    private static final String NEW_PASSWORD = "a password of my own";
    @TempDir
    Path config;
    private FakeModDeskServer fake;
    private ConsoleWindow console;

    @Start
    void start(Stage stage) {
        fake = new FakeModDeskServer();
        console = ConsoleWindow.open(stage, fake.url(), config);
    }

    @AfterEach
    void close(FxRobot robot) {
        console.close(robot);
        fake.close();
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }

    private static void retype(FxRobot robot, String query, String text) {
        PasswordField field = robot.lookup(query).queryAs(PasswordField.class);
        robot.interact(field::clear);
        robot.clickOn(field).write(text);
    }

    private void typeSignIn(FxRobot robot, String user) {
        robot.clickOn("#usernameField").write(user);
        robot.clickOn("#passwordField").write(FakeModDeskServer.PASSWORD).type(KeyCode.ENTER);
    }

    @Test
    void afterAnAdminResetTheSignInAsksForAPasswordOfTheirOwnFirst(FxRobot robot) {
        fake.requirePasswordChange("moderator");
        typeSignIn(robot, "moderator");

        ConsoleWindow.await(() -> robot.lookup("#newPasswordField").tryQuery().map(Node::isVisible).orElse(false));
        assertThat(console.showingId()).as("no shell before the change").isEqualTo(MainWindow.LOGIN);
        assertThat(text(robot, "#passwordHint")).isEqualTo("An admin set your password. Choose your own before you continue.");
        assertThat(robot.lookup("#currentPasswordField").query().isVisible())
                .as("the current password is the one just typed").isFalse();
        robot.clickOn("#newPasswordField").write("too short");
        robot.clickOn("#repeatPasswordField").write("too short").type(KeyCode.ENTER);
        ConsoleWindow.await(() -> "must be at least 10 characters".equals(text(robot, "#newPasswordError")));
        retype(robot, "#newPasswordField", NEW_PASSWORD);
        retype(robot, "#repeatPasswordField", NEW_PASSWORD + "!");
        robot.type(KeyCode.ENTER);
        assertThat(text(robot, "#repeatPasswordError")).isEqualTo("The two new passwords differ.");
        retype(robot, "#repeatPasswordField", NEW_PASSWORD);
        robot.type(KeyCode.ENTER);

        ConsoleWindow.await(() -> MainWindow.SHELL.equals(console.showingId()));
        assertThat(fake.passwordOf("moderator")).isEqualTo(NEW_PASSWORD);
        assertThat(robot.lookup("#newPasswordField").tryQuery()).as("the form is closed").isEmpty();
    }

    @Test
    void closingTheForcedChangeSignsOutAndSaysWhy(FxRobot robot) {
        fake.requirePasswordChange("moderator");
        typeSignIn(robot, "moderator");
        ConsoleWindow.await(() -> robot.lookup("#cancelPasswordButton").tryQuery().map(Node::isVisible).orElse(false));

        robot.clickOn("#cancelPasswordButton");

        ConsoleWindow.await(() -> text(robot, "#errorLabel").startsWith("An admin set your password"));
        assertThat(console.showingId()).isEqualTo(MainWindow.LOGIN);
        assertThat(console.context().sessions().current()).isNull();
        assertThat(fake.requests()).anyMatch(r -> r.getMethod().equals("DELETE")
                && r.getUrl().encodedPath().equals("/api/v1/session"));
    }

    @Test
    void anyoneChangesTheirOwnPasswordFromTheStatusBar(FxRobot robot) {
        typeSignIn(robot, "ops");
        ConsoleWindow.await(() -> MainWindow.SHELL.equals(console.showingId()));

        robot.clickOn("#changePasswordButton");
        ConsoleWindow.await(() -> robot.lookup("#currentPasswordField").tryQuery().map(Node::isVisible).orElse(false));
        assertThat(text(robot, "#passwordHint")).startsWith("Choose a new password.");
        robot.clickOn("#currentPasswordField").write("not my password");
        robot.clickOn("#newPasswordField").write(NEW_PASSWORD);
        robot.clickOn("#repeatPasswordField").write(NEW_PASSWORD).type(KeyCode.ENTER);
        ConsoleWindow.await(() -> "The current password is wrong".equals(text(robot, "#currentPasswordError")));
        assertThat(robot.lookup("#newPasswordField").queryAs(PasswordField.class).getText())
                .as("what was typed stays").isEqualTo(NEW_PASSWORD);
        retype(robot, "#currentPasswordField", FakeModDeskServer.PASSWORD);
        robot.type(KeyCode.ENTER);

        ConsoleWindow.await(() -> robot.lookup(".shell-notification").tryQuery().isPresent());
        assertThat(robot.lookup(".shell-notification").queryAs(Notification.class).getMessage())
                .isEqualTo("Your password is changed. Your other sessions were signed out.");
        assertThat(fake.passwordOf("ops")).isEqualTo(NEW_PASSWORD);
        assertThat(robot.lookup("#currentPasswordField").tryQuery()).isEmpty();
    }
}
