package dev.moddesk.app.review;

import dev.moddesk.app.api.ReviewApi;
import dev.moddesk.app.core.ActiveView;
import dev.moddesk.app.core.ControllerFactory;
import dev.moddesk.app.core.ErrorMessages;
import dev.moddesk.app.core.FxExecutor;
import dev.moddesk.app.core.I18n;
import dev.moddesk.app.core.SettingsStore;
import dev.moddesk.app.core.ViewRegistry;
import dev.moddesk.app.core.ViewSpec;
import dev.moddesk.contract.Role;
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
        ReviewWorkspace workspace = new ReviewWorkspace(api, outbox, new FxExecutor(), new ManualTimers(),
                Clock.systemUTC(), true, new ErrorMessages(i18n));
        ControllerFactory controllers = new ControllerFactory();
        ViewRegistry views = new ViewRegistry(controllers, i18n);
        views.register(ViewSpec.nav("review", "/fxml/review/review_queue.fxml", "nav.review", null, Role.MODERATOR,
                        "/styles/review.css"))
                .register(ViewSpec.screen(ReviewQueueController.REASON_CODES_VIEW, "/fxml/review/reason_codes.fxml",
                        "review.reasons.editorTitle", "/styles/review.css"));
        SettingsStore settings = new SettingsStore(configDir);
        controllers.register(ReviewQueueController.class, () -> new ReviewQueueController(workspace, i18n, views,
                        settings))
                .register(ApplicationPaneController.class, () -> new ApplicationPaneController(i18n))
                .register(VideoPlayerController.class, () -> new VideoPlayerController(i18n, workspace.errors(),
                        workspace.timers()))
                .register(BulkResultController.class, () -> new BulkResultController(i18n))
                .register(ReasonCodesController.class, () -> new ReasonCodesController(workspace.newReasonCodes(), i18n));
        ViewRegistry.LoadedView loaded = views.load("review");
        Scene scene = new Scene(loaded.root(), width, height);
        scene.getStylesheets().add(ReviewScene.class.getResource("/styles/tokens.css").toExternalForm());
        scene.getStylesheets().add(ReviewScene.class.getResource("/styles/app.css").toExternalForm());
        return new ReviewScene((ActiveView) loaded.controller(), loaded.root(), scene);
    }
}
