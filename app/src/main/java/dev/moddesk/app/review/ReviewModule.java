package dev.moddesk.app.review;

import dev.moddesk.app.api.ReviewApi;
import dev.moddesk.app.api.SessionApi;
import dev.moddesk.app.core.AppContext;
import dev.moddesk.app.core.ConnectionState;
import dev.moddesk.app.core.AppPaths;
import dev.moddesk.app.core.ControllerFactory;
import dev.moddesk.app.core.FeatureModule;
import dev.moddesk.app.core.I18n;
import dev.moddesk.app.core.SettingsStore;
import dev.moddesk.app.core.ViewRegistry;
import dev.moddesk.app.core.Session;
import dev.moddesk.app.core.ViewSpec;
import dev.moddesk.contract.Role;
import java.nio.file.Path;
import javafx.beans.value.ChangeListener;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.kordamp.ikonli.feather.Feather;

/**
 * Circle review: the queue (with focus mode and bulk results inside it) and the admins' reason-code editor. Its
 * {@link ReviewWorkspace} (API + durable outbox) lives per session and starts on sign-in, so decisions left unsent by
 * an earlier run go out as soon as their moderator signs in again, even before the review view is opened.
 */
public final class ReviewModule implements FeatureModule {

    private AppContext app;
    private ReviewWorkspace workspace;
    private Session workspaceSession;
    private ChangeListener<ConnectionState> backOnline;

    @Override
    public List<ViewSpec> views() {
        return viewSpecs();
    }

    /** The review views: the queue (navigation) and the reason-code editor. */
    static List<ViewSpec> viewSpecs() {
        return List.of(
                ViewSpec.nav("review", "/fxml/review/review_queue.fxml", "nav.review", Feather.CHECK_SQUARE,
                        Role.MODERATOR, "/styles/review.css"),
                ViewSpec.screen(ReviewQueueController.REASON_CODES_VIEW, "/fxml/review/reason_codes.fxml",
                        "review.reasons.editorTitle", "/styles/review.css"));
    }

    @Override
    public void registerControllers(ControllerFactory controllers, AppContext app) {
        this.app = app;
        registerControllers(controllers, this::workspace, app.i18n(), app.views(), app.settings(), null);
    }

    /**
     * How the review views' controllers are built over one workspace: the console's registration, which the view
     * tests use too. {@code playerTimers} replaces the workspace's timers for the video player (null: the workspace's).
     */
    static void registerControllers(ControllerFactory controllers, Supplier<ReviewWorkspace> workspace, I18n i18n,
                                    ViewRegistry views, SettingsStore settings, ReviewTimers playerTimers) {
        controllers.register(ReviewQueueController.class, () -> new ReviewQueueController(workspace.get(), i18n,
                        views, settings))
                .register(ApplicationPaneController.class, () -> new ApplicationPaneController(i18n))
                .register(VideoPlayerController.class, () -> new VideoPlayerController(i18n, workspace.get().errors(),
                        playerTimers != null ? playerTimers : workspace.get().timers()))
                .register(BulkResultController.class, () -> new BulkResultController(i18n))
                .register(ReasonCodesController.class, () -> new ReasonCodesController(
                        workspace.get().newReasonCodes(), i18n));
    }

    @Override
    public void sessionStarted(Session session) {
        if (session.may(Role.MODERATOR)) {
            workspace();
        }
    }

    @Override
    public void sessionEnded() {
        closeWorkspace();
    }

    @Override
    public void close() {
        closeWorkspace();
    }

    /** The review workspace of the signed-in session; its outbox keeps sending while other views are shown. */
    synchronized ReviewWorkspace workspace() {
        Session s = app.requireSession();
        if (workspace == null || workspaceSession != s) {
            closeWorkspace();
            ReviewApi api = new ReviewApi(s.api());
            Path outboxDir = AppPaths.outboxDir(app.dataDir(), s.api().baseUrl().host(), s.api().baseUrl().port(),
                    s.me().username());
            DecisionOutbox outbox = new DecisionOutbox(outboxDir, api, app.fx(),
                    DecisionOutbox.Options.defaults().withStaffId(s.me().id()));
            outbox.start();
            // How long the server can replay a decision; until it says, the outbox assumes the default 7 days.
            new SessionApi(s.api()).info().thenAccept(info -> {
                if (info.idempotencyRetentionSeconds() != null) {
                    outbox.useRetention(Duration.ofSeconds(info.idempotencyRetentionSeconds()));
                }
            });
            workspace = new ReviewWorkspace(api, outbox, app.fx(), ReviewTimers.scheduled(app.scheduler(), app.fx()),
                    Clock.systemUTC(), s.may(Role.ADMIN), app.errors());
            workspaceSession = s;
            // Decisions waiting out their backoff go as soon as the server answers again, not up to 30 s later.
            backOnline = (property, was, now) -> {
                if (now == ConnectionState.CONNECTED && was != ConnectionState.CONNECTED) {
                    outbox.retryNow();
                }
            };
            app.monitor().stateProperty().addListener(backOnline);
        }
        return workspace;
    }

    private synchronized void closeWorkspace() {
        if (workspace != null) {
            app.monitor().stateProperty().removeListener(backOnline);
            workspace.outbox().close();
            workspace = null;
            workspaceSession = null;
        }
    }
}
