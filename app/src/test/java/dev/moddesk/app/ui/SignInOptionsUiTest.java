package dev.moddesk.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moddesk.app.Wiring;
import dev.moddesk.app.core.LaunchOptions;
import dev.moddesk.app.core.ServerProfile;
import dev.moddesk.app.core.Settings;
import dev.moddesk.app.core.SettingsStore;
import dev.moddesk.app.core.Theme;
import dev.moddesk.app.testing.ConsoleWindow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javafx.scene.control.ComboBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The sign-in form for someone who uses the private-CA and saved-server rows: with a saved server and a private CA
 * they are open from the start (the form only hides them from people who never use them), and the toggle under the
 * server field closes and reopens them with what was in them.
 */
@ExtendWith(ApplicationExtension.class)
class SignInOptionsUiTest {
    @TempDir
    static Path config;
    private ConsoleWindow console;
    private Path ca;

    @Start
    void start(Stage stage) throws Exception {
        ca = Files.writeString(config.resolve("private-ca.pem"), "-----BEGIN CERTIFICATE-----\n");
        new SettingsStore(config).update(s -> new Settings("en", Theme.LIGHT,
                List.of(new ServerProfile("Staging", "https://staging.example.com", null)), null, null, null, Map.of()));
        console = ConsoleWindow.open(stage, Wiring.context(LaunchOptions.parse(List.of("--server",
                "https://moddesk.example.com", "--ca-file", ca.toString(), "--lang", "en")), config));
    }

    @AfterEach
    void close(FxRobot robot) {
        console.close(robot);
    }

    @Test
    void aSavedServerAndAPrivateCaKeepTheirRowsOpenAndTheToggleHidesThem(FxRobot robot) {
        assertThat(robot.lookup("#caFileField").queryTextInputControl().getText()).isEqualTo(ca.toString());
        ComboBox<?> profiles = robot.lookup("#profileCombo").queryComboBox();
        assertThat(profiles.getItems()).extracting(p -> ((ServerProfile) p).name()).containsExactly("Staging");
        assertThat(robot.lookup("#serverOptionsToggle").queryButton().getText())
                .isEqualTo("Hide private CA and saved servers");

        robot.clickOn("#serverOptionsToggle");
        ConsoleWindow.await(() -> robot.lookup("#caFileField").tryQuery().isEmpty());
        assertThat(robot.lookup("#serverOptionsToggle").queryButton().getText()).isEqualTo("Private CA and saved servers");

        robot.clickOn("#serverOptionsToggle");
        ConsoleWindow.await(() -> robot.lookup("#caFileField").tryQuery().isPresent());
        assertThat(robot.lookup("#caFileField").queryTextInputControl().getText()).isEqualTo(ca.toString());
    }
}
