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
 * preview ({@code tiers}), or picks the creators found for 晴 and previews turning KTV on for them ({@code bulk}).
 * Args: {@code --server-jar PATH --lang en|zh-CN --theme light|dark --view page|requests|tiers|bulk}.
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
        private Path out;

        @Override
        public void start(Stage stage) throws Exception {
            List<String> raw = getParameters().getRaw();
            String lang = option(raw, "--lang", "en");
            String theme = option(raw, "--theme", "light");
            String view = option(raw, "--view", "page");
            out = Path.of(option(raw, "--out", "creators-" + view + ".png"));
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
            stage.setMaximized(false);
            stage.setX(0);
            stage.setY(0);
            stage.setWidth(1440);
            stage.setHeight(900);
            context.bus().publish(new Events.NavigateEvent("creators"));
            int[] step = {0};
            long[] since = {System.nanoTime()};
            Timeline steps = new Timeline();
            steps.getKeyFrames().add(new KeyFrame(javafx.util.Duration.millis(500), e -> {
                double waited = (System.nanoTime() - since[0]) / 1e9;
                Scene scene = stage.getScene(); // the shell's scene replaces the sign-in's
                boolean next = switch (step[0]) {
                    case 0 -> {
                        TextField search = (TextField) scene.lookup("#searchField");
                        if (search == null) {
                            yield false;
                        }
                        if ("requests".equals(view) || "tiers".equals(view)) {
                            selectTab(scene, view + "Tab");
                        } else {
                            search.setText("bulk".equals(view) ? "晴" : "晴天");
                        }
                        yield true;
                    }
                    case 1 -> {
                        if ("tiers".equals(view)) {
                            TextField slots = (TextField) scene.lookup("#tier-displaySlots");
                            if (slots == null || slots.getText().isEmpty()) {
                                yield false;
                            }
                            slots.setText("3");
                            ((TextField) scene.lookup("#tierReasonField")).setText("Fewer slots for the standard tier");
                            ((Button) scene.lookup("#tierPreviewButton")).fire();
                            yield true;
                        }
                        if ("requests".equals(view)) {
                            yield waited > 4;
                        }
                        ListView<?> results = (ListView<?>) scene.lookup("#resultsList");
                        if (results.getItems().isEmpty()) {
                            yield false;
                        }
                        if ("bulk".equals(view)) {
                            results.getSelectionModel().selectAll();
                            ((Button) scene.lookup("#addToBulkButton")).fire();
                            selectTab(scene, "bulkTab");
                            @SuppressWarnings("unchecked")
                            javafx.scene.control.ComboBox<String> setting =
                                    (javafx.scene.control.ComboBox<String>) scene.lookup("#bulkSettingChoice");
                            setting.setValue("KTV");
                            ((TextField) scene.lookup("#bulkReasonField")).setText("Karaoke night for these creators");
                            ((Button) scene.lookup("#bulkPreviewButton")).fire();
                            yield true;
                        }
                        results.getSelectionModel().selectFirst();
                        results.requestFocus();
                        results.fireEvent(new javafx.scene.input.KeyEvent(javafx.scene.input.KeyEvent.KEY_PRESSED,
                                "", "", javafx.scene.input.KeyCode.ENTER, false, false, false, false));
                        yield true;
                    }
                    case 2 -> {
                        if (!"page".equals(view)) {
                            yield waited > 6;
                        }
                        javafx.scene.control.Label name = (javafx.scene.control.Label) scene.lookup("#nameLabel");
                        if (name == null || !name.isVisible() || name.getText().isEmpty()) {
                            yield false;
                        }
                        ((TextField) scene.lookup("#limit-fanGroupQuota")).setText("50");
                        ((TextField) scene.lookup("#reasonField")).setText("50 groups in three days; keep 5 shown");
                        yield true;
                    }
                    case 3 -> {
                        if (waited < 5) {
                            yield false;
                        }
                        save(scene, out);
                        Platform.exit();
                        yield true;
                    }
                    default -> false;
                };
                if (next) {
                    step[0]++;
                    since[0] = System.nanoTime();
                }
            }));
            steps.setCycleCount(Timeline.INDEFINITE);
            steps.play();
        }

        private static void selectTab(Scene scene, String id) {
            TabPane tabs = (TabPane) scene.lookup("#creatorsTabs");
            tabs.getTabs().stream().filter(t -> id.equals(t.getId())).findFirst()
                    .ifPresent(t -> tabs.getSelectionModel().select(t));
        }

        /** Writes what the window shows to {@code out} as PNG (no X server needed: headless Monocle works). */
        private static void save(Scene scene, Path out) {
            javafx.scene.image.WritableImage image = scene.snapshot(null);
            int w = (int) image.getWidth();
            int h = (int) image.getHeight();
            java.awt.image.BufferedImage png = new java.awt.image.BufferedImage(w, h,
                    java.awt.image.BufferedImage.TYPE_INT_ARGB);
            javafx.scene.image.PixelReader pixels = image.getPixelReader();
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    png.setRGB(x, y, pixels.getArgb(x, y));
                }
            }
            try {
                javax.imageio.ImageIO.write(png, "png", out.toFile());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
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
