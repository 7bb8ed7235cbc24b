package dev.moddesk.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.moddesk.app.Wiring;
import dev.moddesk.app.api.Json;
import dev.moddesk.app.core.AppContext;
import dev.moddesk.app.core.FeatureModule;
import dev.moddesk.app.core.LaunchOptions;
import dev.moddesk.app.privacy.PrivacyModule;
import dev.moddesk.app.testing.ConsoleWindow;
import dev.moddesk.contract.Role;
import dev.moddesk.contract.lifecycle.ErasureReport;
import dev.moddesk.contract.lifecycle.RetentionPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
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

/**
 * The data and privacy view as an admin uses it, in the whole console against the real server jar ({@code --no-sim},
 * the test's own user through the ingest API): retention values shown, an export saved as a JSON file holding the
 * user's data under a safe name, an erasure confirmed by typing the id and answered with the server's report.
 */
@ExtendWith(ApplicationExtension.class)
class PrivacyAgainstRealServerTest {
    private static final String USER = "../../e2e-privacy/CON";
    private static final String NICKNAME = "隐私测试Pp7";
    private static final String ANSWER = "my answer Aa9 about hiking";

    @TempDir
    static Path dataDir;
    @TempDir
    Path config;
    @TempDir
    Path exports;

    static RealServer server;

    private final AtomicReference<String> suggested = new AtomicReference<>();
    private ConsoleWindow console;

    @BeforeAll
    static void startServer() throws Exception {
        server = RealServer.start(dataDir, List.of("--no-sim"));
        TestPlatform platform = TestPlatform.connect(server);
        platform.ingest(List.of(platform.circle("e2e-privacy-circle", "成都", List.of("Why?")),
                platform.application("e2e-privacy-app", "e2e-privacy-circle", USER, NICKNAME, "成都",
                        List.of(ANSWER))));
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Start
    void start(Stage stage) {
        // The save dialog is the platform's; the test answers it with the suggested name in its own folder.
        PrivacyModule privacy = new PrivacyModule((owner, name, title, filter) -> {
            suggested.set(name);
            return exports.resolve(name);
        });
        List<FeatureModule> features = new ArrayList<>();
        for (FeatureModule m : Wiring.features()) {
            features.add(m instanceof PrivacyModule ? privacy : m);
        }
        AppContext context = new AppContext(LaunchOptions.parse(List.of("--server", server.url(), "--lang", "en",
                "--theme", "light")), config).install(features);
        console = ConsoleWindow.open(stage, context);
    }

    @AfterEach
    void close(FxRobot robot) {
        console.close(robot);
    }

    @Test
    void anAdminSeesRetentionExportsAUsersDataAndErasesThemWithTheServersReport(FxRobot robot) throws Exception {
        var admin = server.account(Role.ADMIN);
        console.signIn(robot, admin.username(), admin.password());
        robot.clickOn("#nav-privacy");
        TableView<RetentionPolicy.Kind> retention = robot.lookup("#retentionTable").query();
        ConsoleWindow.await(() -> retention.getItems().size() >= 5);
        assertThat(robot.lookup("#retentionTable .table-cell").queryAllAs(Labeled.class).stream()
                .map(Labeled::getText).toList().toString())
                .contains("Audit log and its evidence", "180 days (at least 180)", "Held and flagged messages",
                        "90 days", "--retention-held-messages-days");

        robot.clickOn("#userIdField").write(USER);
        robot.clickOn("#exportButton");
        ConsoleWindow.await(() -> robot.lookup("#statusLabel").queryAs(Label.class).getText().startsWith("Saved"));
        assertThat(suggested.get()).matches("moddesk-user-[A-Za-z0-9_-]+-[0-9a-f]{8}\\.json");
        try (var files = Files.list(exports)) {
            assertThat(files.toList()).as("one file, in the chosen folder").singleElement()
                    .satisfies(f -> assertThat(f.getFileName().toString()).isEqualTo(suggested.get()));
        }
        JsonNode exported = Json.mapper().readTree(exports.resolve(suggested.get()).toFile());
        assertThat(exported.path("userId").asText()).isEqualTo(USER);
        assertThat(exported.toString()).contains(NICKNAME, ANSWER);

        Button erase = robot.lookup("#eraseButton").queryButton();
        robot.clickOn("#reasonField").write("user asked on 3 March");
        assertThat(erase.isDisabled()).as("not before the id is typed again").isTrue();
        robot.clickOn("#confirmField").write(USER.substring(0, USER.length() - 1));
        assertThat(erase.isDisabled()).as("a near miss does not count").isTrue();
        robot.write(USER.substring(USER.length() - 1));
        assertThat(erase.isDisabled()).isFalse();
        robot.clickOn(erase);
        TableView<ErasureReport.Removed> report = robot.lookup("#reportTable").query();
        ConsoleWindow.await(() -> !report.getItems().isEmpty());
        assertThat(robot.lookup("#reportTitle").queryAs(Label.class).getText()).startsWith("Erased. The user is now erased-");
        assertThat(report.getItems()).anySatisfy(r -> {
            assertThat(r.part()).isEqualTo("review");
            assertThat(r.what()).isEqualTo("answers");
            assertThat(r.count()).isEqualTo(1);
        });
        assertThat(report.getItems()).anySatisfy(r -> assertThat(r.what()).isEqualTo("applications pseudonymized"));
    }
}
