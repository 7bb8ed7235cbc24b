package dev.moddesk.app.review;

import dev.moddesk.app.api.ReviewApi;
import dev.moddesk.app.core.ActiveView;
import dev.moddesk.app.core.ControllerFactory;
import dev.moddesk.app.core.ErrorMessages;
import dev.moddesk.app.core.FxExecutor;
import dev.moddesk.app.core.I18n;
import dev.moddesk.app.core.SettingsStore;
import dev.moddesk.app.core.ViewRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import javafx.scene.Parent;
import javafx.scene.Scene;

/**
 * The review view as the console builds it (its controllers, FXML and style sheets), on a given API, outbox and
 * settings folder, in a scene of a given size: for view tests and the scene benchmark. Build it on the FX thread.
 */
public record ReviewScene(ActiveView view, Parent root, Scene scene) {

    /** A durable outbox in {@code dir} sending to {@code api}, retrying quickly (tests). */
    public static DecisionOutbox outbox(Path dir, ReviewApi api) {
        DecisionOutbox outbox = new DecisionOutbox(dir, api, new FxExecutor(), Clock.systemUTC(), Duration.ofMillis(20),
                Duration.ofMillis(200));
        outbox.start();
        return outbox;
    }

    public static ReviewScene build(ReviewApi api, DecisionOutbox outbox, I18n i18n, Path configDir, double width,
                             double height) {
        return build(new ReviewWorkspace(api, outbox, new FxExecutor(), new ManualTimers(), Clock.systemUTC(), true,
                new ErrorMessages(i18n)), i18n, configDir, width, height, null);
    }

    /**
     * The review view over {@code workspace}, registered as {@link ReviewModule} registers it;
     * {@code playerTimers} replaces the workspace's timers for the video player (null: the workspace's).
     */
    public static ReviewScene build(ReviewWorkspace workspace, I18n i18n, Path configDir, double width, double height,
                                    ReviewTimers playerTimers) {
        ControllerFactory controllers = new ControllerFactory();
        ViewRegistry views = new ViewRegistry(controllers, i18n);
        ReviewModule.viewSpecs().forEach(views::register);
        ReviewModule.registerControllers(controllers, () -> workspace, i18n, views, new SettingsStore(configDir),
                playerTimers);
        ViewRegistry.LoadedView loaded = views.load("review");
        Scene scene = new Scene(loaded.root(), width, height);
        scene.getStylesheets().add(ReviewScene.class.getResource("/styles/tokens.css").toExternalForm());
        scene.getStylesheets().add(ReviewScene.class.getResource("/styles/app.css").toExternalForm());
        return new ReviewScene((ActiveView) loaded.controller(), loaded.root(), scene);
    }
}
