package dev.moddesk.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moddesk.app.api.ReviewApi;
import dev.moddesk.app.core.ConnectionState;
import dev.moddesk.app.core.Events;
import dev.moddesk.app.testing.ConsoleWindow;
import dev.moddesk.contract.Role;
import dev.moddesk.contract.review.ApplicationStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
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
 * The whole console against the real server jar when the server hangs (connections accepted, no answers), not just
 * goes down: a decision made meanwhile is kept as "1 pending sync", the status bar goes Reconnecting → Offline with a
 * notice, the window keeps answering, and when the server answers again the decision is applied once and the badge
 * clears. The hang is a {@link HangingProxy} between the console and the server.
 */
@ExtendWith(ApplicationExtension.class)
class HungServerUiTest {
    private static final String HEALTH_PERIOD = "moddesk.health.period.ms";

    @TempDir
    static Path serverDir;
    @TempDir
    Path config;

    static RealServer server;
    static String previousPeriod;
    private HangingProxy proxy;
    private ConsoleWindow console;
    private final List<ConnectionState> states = new CopyOnWriteArrayList<>();
    private final List<String> notices = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startServer() throws Exception {
        server = RealServer.start(serverDir, List.of("--no-sim"));
        TestPlatform platform = TestPlatform.connect(server);
        platform.ingest(List.of(
                platform.circle("hang-circle", "成都", List.of("你打羽毛球多久了？")),
                platform.application("hang-app-1", "hang-circle", "hang-user-1", "阿杰", "成都",
                        List.of("打了五年，每周两次")),
                platform.application("hang-app-2", "hang-circle", "hang-user-2", "小鹿", "成都",
                        List.of("大学开始打的"))));
        // Health pings every 300 ms, so three missed ones (Offline) come within a second or two of the hang.
        previousPeriod = System.setProperty(HEALTH_PERIOD, "300");
    }

    @AfterAll
    static void stopServer() {
        if (previousPeriod == null) {
            System.clearProperty(HEALTH_PERIOD);
        } else {
            System.setProperty(HEALTH_PERIOD, previousPeriod);
        }
        if (server != null) {
            server.close();
        }
    }

    @Start
    void start(Stage stage) throws Exception {
        proxy = HangingProxy.to(server.url());
        console = ConsoleWindow.open(stage, proxy.url(), config);
        console.context().monitor().stateProperty().subscribe((ConnectionState state) -> states.add(state));
        console.context().bus().subscribe(Events.NotificationEvent.class, e -> notices.add(e.message()));
    }

    @AfterEach
    void close(FxRobot robot) {
        console.close(robot);
        proxy.close();
    }

    private static void await(String what, Callable<Boolean> condition) {
        ConsoleWindow.await(90, what, condition);
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).tryQuery().map(n -> ((Label) n).getText()).orElse("");
    }

    @Test
    void aDecisionMadeWhileTheServerHangsIsKeptAndAppliedOnceWhenItAnswersAgain(FxRobot robot) throws Exception {
        var moderator = server.account(Role.MODERATOR);
        console.signIn(robot, moderator.username(), moderator.password());
        await("the first application shown", () -> text(robot, "#applicantLabel").startsWith("阿杰")
                || text(robot, "#applicantLabel").startsWith("小鹿"));
        String first = text(robot, "#applicantLabel").startsWith("阿杰") ? "hang-app-1" : "hang-app-2";
        // Pings every 300 ms: on a busy machine one may come back late and show Reconnecting for a moment, so the
        // start is "connected again", not "connected at this instant".
        await("connected before the hang", () -> text(robot, "#connectionLabel").equals("Connected"));

        proxy.hang();
        robot.type(KeyCode.A);
        await("the decision kept as 1 pending sync", () -> text(robot, "#pendingSyncBadge").equals("1 pending sync"));
        await("offline", () -> text(robot, "#connectionLabel").equals("Offline"));
        assertThat(states).containsSubsequence(ConnectionState.RECONNECTING, ConnectionState.OFFLINE);
        assertThat(notices).contains("Lost the connection to the server. Your work stays here; ModDesk keeps trying.");

        // The window still answers while every request hangs: another view opens and review comes back.
        robot.clickOn("#nav-settings");
        await("settings open", () -> robot.lookup("#chineseRadio").tryQuery().isPresent());
        robot.clickOn("#nav-review");
        await("review back", () -> robot.lookup("#pendingSyncBadge").tryQuery().isPresent());
        assertThat(text(robot, "#pendingSyncBadge")).isEqualTo("1 pending sync");
        assertThat(text(robot, "#connectionLabel")).isEqualTo("Offline");

        proxy.resume();
        await("connected again", () -> text(robot, "#connectionLabel").equals("Connected"));
        await("caught up", () -> !robot.lookup("#pendingSyncBadge").query().isVisible());
        assertThat(notices).contains("Connection to the server is back.");

        ReviewApi admin = new ReviewApi(server.signedIn(Role.ADMIN));
        var history = admin.history(first.equals("hang-app-1") ? "hang-user-1" : "hang-user-2")
                .get(20, TimeUnit.SECONDS).applications();
        assertThat(history).singleElement().satisfies(a -> assertThat(a.status()).isEqualTo(ApplicationStatus.APPROVED));
    }
}
