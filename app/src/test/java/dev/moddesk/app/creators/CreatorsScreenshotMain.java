package dev.moddesk.app.creators;

import dev.moddesk.app.Wiring;
import dev.moddesk.app.core.AppContext;
import dev.moddesk.app.core.Events;
import dev.moddesk.app.core.LaunchOptions;
import dev.moddesk.app.core.MainWindow;
import dev.moddesk.app.core.SandboxServer;
import dev.moddesk.app.core.Session;
import dev.moddesk.contract.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.event.ActionEvent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.stage.Stage;

/**
 * Shows the creators view as an admin sees it in the sandbox, for screenshots (test scope): starts the server jar with
 * its simulator (the seed has 晴天Sunny with 50 groups, 5 shown), signs in as the sandbox admin, finds 晴天Sunny and
 * types a quota of 50 (view {@code page}), or opens the quota requests ({@code requests}) or the tier editor with a
 * preview ({@code tiers}). Args: {@code --server-jar PATH --lang en|zh-CN --theme light|dark --view page|requests|tiers}.
 */
public final class CreatorsScreenshotMain {

    private CreatorsScreenshotMain() {
    }

    public static void main(String[] args) {
        Application.launch(Shot.class, args);
    }

    /** The application the main starts. */
    public static final class Shot extends Application {
        private SandboxServer server;
        private AppContext context;

        @Override
        public void start(Stage stage) throws Exception {
            List<String> raw = getParameters().getRaw();
            String lang = option(raw, "--lang", "en");
            String theme = option(raw, "--theme", "light");
            String view = option(raw, "--view", "page");
            Path jar = Path.of(option(raw, "--server-jar", "server/target/moddesk-server.jar"));
            Path data = Files.createTempDirectory("moddesk-creators-shot");
            Thread starter = new Thread(() -> {
                try {
                    server = SandboxServer.start(jar, data, Duration.ofSeconds(180), List.of());
                    SandboxServer.Account admin = server.account(Role.ADMIN).orElseThrow();
                    context = Wiring.context(LaunchOptions.parse(List.of("--server", server.url(), "--lang", lang,
                            "--theme", theme)), Files.createTempDirectory("moddesk-creators-shot-config"));
                    Session session = context.sessions().signIn(server.url(), admin.username(), admin.password())
                            .get(60, TimeUnit.SECONDS);
                    Platform.runLater(() -> show(stage, session, view));
                } catch (Exception e) {
                    throw new IllegalStateException("could not start the sandbox", e);
                }
            }, "creators-shot-start");
            starter.setDaemon(true);
            starter.start();
        }

        private void show(Stage stage, Session session, String view) {
            context.sessions().begin(session);
            MainWindow window = new MainWindow(stage, context);
            window.open();
            stage.setX(0);
            stage.setY(0);
            stage.setWidth(1440);
            stage.setHeight(900);
            context.bus().publish(new Events.NavigateEvent("creators"));
            Scene scene = stage.getScene();
            Timeline steps = new Timeline(
                    new KeyFrame(javafx.util.Duration.seconds(2), e -> {
                        if ("requests".equals(view) || "tiers".equals(view)) {
                            TabPane tabs = (TabPane) scene.lookup("#creatorsTabs");
                            tabs.getSelectionModel().select("requests".equals(view) ? 1 : 2);
                        } else {
                            ((TextField) scene.lookup("#searchField")).setText("晴天");
                        }
                    }),
                    new KeyFrame(javafx.util.Duration.seconds(5), e -> {
                        if ("tiers".equals(view)) {
                            ((TextField) scene.lookup("#tier-displaySlots")).setText("3");
                            ((TextField) scene.lookup("#tierReasonField")).setText("Fewer slots for the standard tier");
                            ((Button) scene.lookup("#tierPreviewButton")).fireEvent(new ActionEvent());
                        } else if ("page".equals(view)) {
                            ListView<?> results = (ListView<?>) scene.lookup("#resultsList");
                            results.getSelectionModel().selectFirst();
                            results.requestFocus();
                            results.fireEvent(new javafx.scene.input.KeyEvent(javafx.scene.input.KeyEvent.KEY_PRESSED,
                                    "", "", javafx.scene.input.KeyCode.ENTER, false, false, false, false));
                        }
                    }),
                    new KeyFrame(javafx.util.Duration.seconds(8), e -> {
                        if ("page".equals(view)) {
                            ((TextField) scene.lookup("#limit-fanGroupQuota")).setText("50");
                            ((TextField) scene.lookup("#reasonField")).setText("50 groups in three days; keep 5 shown");
                        }
                    }));
            steps.play();
        }

        @Override
        public void stop() {
            if (context != null) {
                context.close();
            }
            if (server != null) {
                server.close();
            }
        }

        private static String option(List<String> raw, String name, String fallback) {
            int i = raw.indexOf(name);
            return i >= 0 && i + 1 < raw.size() ? raw.get(i + 1) : fallback;
        }
    }
}
