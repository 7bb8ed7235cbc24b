package dev.moddesk.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerDark;
import dev.moddesk.app.Wiring;
import dev.moddesk.app.core.LaunchOptions;
import dev.moddesk.app.core.LineIcon;
import dev.moddesk.app.core.MainWindow;
import dev.moddesk.app.testing.ConsoleWindow;
import dev.moddesk.app.testing.FakeModDeskServer;
import java.nio.file.Path;
import java.util.List;
import javafx.application.Application;
import javafx.scene.Group;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.shape.SVGPath;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The sign-in form, built in code for a faster first paint, as someone opening the console in Chinese with the dark
 * theme meets it: Chinese labels, the dark colours, every button's icon drawn in the button's text colour, and a
 * sign-in that lands on the shell. {@link SignInOptionsUiTest}: the private-CA and saved-server rows.
 */
@ExtendWith(ApplicationExtension.class)
class SignInFormUiTest {
    @TempDir
    Path config;
    private FakeModDeskServer fake;
    private ConsoleWindow console;

    @Start
    void start(Stage stage) {
        fake = new FakeModDeskServer();
        console = ConsoleWindow.open(stage, Wiring.context(LaunchOptions.parse(List.of("--server", fake.url(),
                "--lang", "zh-CN", "--theme", "dark")), config));
    }

    @AfterEach
    void close(FxRobot robot) {
        console.close(robot);
        fake.close();
    }

    @Test
    void chineseLabelsDarkThemeAndASignInThatLandsOnTheShell(FxRobot robot) {
        assertThat(console.showingId()).isEqualTo(MainWindow.LOGIN);
        assertThat(robot.lookup("#signInButton").queryButton().getText()).isEqualTo("登录");
        assertThat(robot.lookup(".label").queryAllAs(Label.class)).extracting(Label::getText)
                .contains("服务器", "用户名", "密码");
        assertThat(console.stage().getScene().getRoot().getStyleClass()).contains("theme-dark");
        assertThat(Application.getUserAgentStylesheet()).isEqualTo(new PrimerDark().getUserAgentStylesheet());
        // The page behind the card has the dark token's colour (-md-bg-subtle in tokens-dark.css), not the light one.
        Region page = robot.lookup(".login-root").queryAs(Region.class);
        assertThat(page.getBackground().getFills().getFirst().getFill()).isEqualTo(Color.web("#151b23"));

        robot.clickOn("#usernameField").write("admin");
        robot.clickOn("#passwordField").write(FakeModDeskServer.PASSWORD).type(KeyCode.ENTER);
        ConsoleWindow.await(() -> MainWindow.SHELL.equals(console.showingId()));
        assertThat(robot.lookup("#signOutButton").queryButton().getText()).isEqualTo("退出登录");
    }

    @Test
    void everyButtonShowsItsIconInItsTextColour(FxRobot robot) {
        // With no saved server and no private CA, their rows wait behind the toggle under the server field.
        assertThat(robot.lookup("#caFileField").tryQuery()).isEmpty();
        assertThat(robot.lookup("#profileCombo").tryQuery()).isEmpty();
        assertIcon(robot, "#serverOptionsToggle", LineIcon.CHEVRON_DOWN);
        assertThat(robot.lookup("#serverOptionsToggle").queryButton().getText()).isEqualTo("私有 CA 与已保存的服务器");
        robot.clickOn("#serverOptionsToggle");
        ConsoleWindow.await(() -> robot.lookup("#caFileField").tryQuery().isPresent());
        assertIcon(robot, "#serverOptionsToggle", LineIcon.CHEVRON_UP);
        assertIcon(robot, "#caFileButton", LineIcon.SHIELD);
        assertIcon(robot, "#caFileClearButton", LineIcon.X);
        assertIcon(robot, "#saveProfileButton", LineIcon.BOOKMARK);
        assertIcon(robot, "#removeProfileButton", LineIcon.TRASH);
        assertIcon(robot, "#signInButton", LineIcon.LOG_IN);
        // The accent button's text (and so its icon) is light on the accent colour, the others are not.
        Color signIn = (Color) robot.lookup("#signInButton").queryButton().getTextFill();
        assertThat(signIn.getBrightness()).isGreaterThan(0.9);
    }

    private static void assertIcon(FxRobot robot, String button, LineIcon expected) {
        Button b = robot.lookup(button).queryButton();
        assertThat(b.getGraphic()).as(button).isInstanceOf(Group.class);
        assertThat(b.getGraphic().getUserData()).as(button).isEqualTo(expected);
        SVGPath shape = (SVGPath) ((Group) b.getGraphic()).getChildren().getFirst();
        assertThat(shape.getStroke()).as(button).isEqualTo(b.getTextFill());
        // Shown at AtlantaFX's icon size (18 px on a 24-unit drawing), not at the drawing's own 24 px.
        assertThat(b.getGraphic().getLayoutBounds().getWidth()).as(button).isBetween(10.0, LineIcon.SIZE + 1);
        assertThat(b.getGraphic().isVisible()).as(button).isTrue();
    }
}
