package dev.moddesk.app.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moddesk.app.core.MainWindow;
import dev.moddesk.app.testing.ConsoleWindow;
import dev.moddesk.app.testing.FakeModDeskServer;
import dev.moddesk.contract.platform.PlatformKey;
import java.nio.file.Path;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The Integrations view as an admin uses it, against the fake admin API. */
@ExtendWith(ApplicationExtension.class)
class IntegrationsViewTest {
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

    private <T extends Node> T find(FxRobot robot, String query) {
        return robot.lookup(query).query();
    }

    private void openIntegrations(FxRobot robot) {
        robot.clickOn("#usernameField").write("admin");
        robot.clickOn("#passwordField").write(FakeModDeskServer.PASSWORD).type(KeyCode.ENTER);
        ConsoleWindow.await(() -> MainWindow.SHELL.equals(console.showingId()));
        robot.clickOn("#nav-integrations");
        ConsoleWindow.await(() -> robot.lookup("#keysTable").tryQuery().isPresent());
    }

    @Test
    void aNewKeyIsShownOnceAndCopiedAndAPrivateWebhookUrlIsRefusedAtItsField(FxRobot robot) {
        openIntegrations(robot);
        TableView<PlatformKey> keys = find(robot, "#keysTable");
        ConsoleWindow.await(() -> ((Label) keys.getPlaceholder()).getText().startsWith("No service keys yet"));

        robot.clickOn("#keyNameField").write("抖音 staging");
        robot.clickOn("#createKeyButton");
        TextField shown = find(robot, "#newKeyField");
        ConsoleWindow.await(() -> shown.isVisible() && shown.getText().startsWith("mdk_"));
        String key = shown.getText();
        assertThat(robot.lookup(".integrations-once-warning").queryLabeled().getText())
                .contains("You will not see it again");
        assertThat(keys.getItems()).singleElement().satisfies(k -> assertThat(k.name()).isEqualTo("抖音 staging"));
        assertThat(robot.lookup("#keysTable .table-cell").queryAllAs(javafx.scene.control.Labeled.class))
                .extracting(javafx.scene.control.Labeled::getText).as("the table shows only the prefix")
                .anyMatch(text -> text != null && text.endsWith("…") && key.startsWith(text.substring(0, text.length() - 1)))
                .noneMatch(key::equals);

        robot.clickOn("#copyKeyButton");
        ConsoleWindow.await(() -> find(robot, "#keyCopiedLabel").isVisible());
        String[] clipboard = new String[1];
        robot.interact(() -> clipboard[0] = Clipboard.getSystemClipboard().getString());
        assertThat(clipboard[0]).isEqualTo(key);

        robot.clickOn("#dismissKeyButton");
        ConsoleWindow.await(() -> !find(robot, "#newKeyBox").isVisible());
        assertThat(shown.getText()).as("dismissed, the key is gone for good").isEmpty();

        robot.clickOn("Webhooks");
        ConsoleWindow.await(() -> robot.lookup("#webhookUrlField").tryQuery().map(Node::isVisible).orElse(false));
        robot.clickOn("#webhookUrlField").write("http://127.0.0.1:9/hook");
        robot.clickOn("#addWebhookButton");
        Label urlError = find(robot, "#webhookUrlError");
        ConsoleWindow.await(() -> urlError.isVisible() && urlError.getText().contains("public addresses only"));
        assertThat(((TextField) find(robot, "#webhookUrlField")).getText()).isEqualTo("http://127.0.0.1:9/hook");
        assertThat(find(robot, "#newSecretBox").isVisible()).isFalse();
    }
}
