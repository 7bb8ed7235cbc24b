package dev.moddesk.app.core;

import dev.moddesk.app.api.ApiClient;
import dev.moddesk.app.api.AuditApi;
import dev.moddesk.app.api.ReviewApi;
import dev.moddesk.app.api.SessionApi;
import dev.moddesk.app.api.StaffApi;
import dev.moddesk.app.audit.AuditController;
import dev.moddesk.app.audit.AuditLogSource;
import dev.moddesk.app.audit.AuditViewModel;
import dev.moddesk.app.review.ApplicationPaneController;
import dev.moddesk.app.review.BulkResultController;
import dev.moddesk.app.review.DecisionOutbox;
import dev.moddesk.app.review.ReasonCodesController;
import dev.moddesk.app.review.ReviewQueueController;
import dev.moddesk.app.review.ReviewTimers;
import dev.moddesk.app.review.ReviewWorkspace;
import dev.moddesk.app.settings.SettingsController;
import dev.moddesk.app.settings.SettingsViewModel;
import dev.moddesk.app.staff.StaffController;
import dev.moddesk.app.staff.StaffDirectory;
import dev.moddesk.app.staff.StaffViewModel;
import dev.moddesk.app.shell.LoginController;
import dev.moddesk.app.shell.LoginViewModel;
import dev.moddesk.app.shell.PlaceholderController;
import dev.moddesk.app.shell.ShellController;
import dev.moddesk.app.shell.ShellViewModel;
import dev.moddesk.contract.Role;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.OkHttpClient;
import org.kordamp.ikonli.feather.Feather;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds every service, executor, the controller factory and the view registry by hand.
 * Adding a view is one {@link ViewRegistry#register} line in {@link #registerViews()} and one controller line in
 * {@link #registerControllers()}.
 */
public final class AppContext implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AppContext.class);

    private final LaunchOptions options;
    private final Path configDir;
    private final FxExecutor fx = new FxExecutor();
    private final SettingsStore settings;
    private final I18n i18n;
    private final ThemeService themes;
    private final EventBus bus;
    private final ErrorMessages errors;
    private final ControllerFactory controllers = new ControllerFactory();
    private final ViewRegistry views;
    private final Navigation navigation = new Navigation();
    private final ScheduledExecutorService scheduler;
    private final ExecutorService io;
    private final OkHttpClient http;
    private final ConnectionMonitor monitor;
    private final SessionService sessions;
    private ReviewWorkspace review;
    private Session reviewSession;

    public AppContext(LaunchOptions options, Path configDir) {
        this.options = options;
        this.configDir = configDir;
        this.settings = new SettingsStore(configDir);
        Settings saved = settings.get();
        Locale locale = options.language() != null ? options.language()
                : I18n.parseLanguage(saved.language()).orElse(I18n.ENGLISH);
        this.i18n = new I18n(locale);
        this.themes = new ThemeService(options.theme() != null ? options.theme() : saved.theme());
        // Deferred on purpose: a handler may replace the very view whose event handler published the event.
        this.bus = new EventBus(javafx.application.Platform::runLater);
        this.errors = new ErrorMessages(i18n);
        this.views = new ViewRegistry(controllers, i18n);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(daemon("moddesk-health"));
        this.io = Executors.newCachedThreadPool(daemon("moddesk-io"));
        // The server writes the problem details a moderator may read in the UI language; read per request, as the
        // language can change while the console runs.
        AtomicReference<String> language = new AtomicReference<>(I18n.tag(locale));
        i18n.localeProperty().addListener((obs, old, now) -> language.set(I18n.tag(now)));
        this.http = ApiClient.defaultHttpClient().newBuilder().addInterceptor(ApiClient.acceptLanguage(language::get)).build();
        long period = Long.getLong("moddesk.health.period.ms", 3000);
        this.monitor = new ConnectionMonitor(scheduler, fx, period, bus, i18n);
        this.sessions = new SessionService(SessionService.httpClients(http), settings, monitor, bus, fx, i18n);
        registerViews();
        registerControllers();
        // Decisions left unsent by an earlier run go out as soon as their moderator signs in again.
        bus.subscribe(Events.SignedInEvent.class, e -> {
            if (e.session().may(Role.MODERATOR)) {
                reviewWorkspace();
            }
        });
        bus.subscribe(Events.SignedOutEvent.class, e -> closeReview());
    }

    private void registerViews() {
        views.register(ViewSpec.screen(MainWindow.LOGIN, "/fxml/shell/login.fxml", "login.form.signIn"))
             .register(ViewSpec.screen(MainWindow.SHELL, "/fxml/shell/shell.fxml", "app.name"))
             .register(ViewSpec.nav("review", "/fxml/review/review_queue.fxml", "nav.review", Feather.CHECK_SQUARE, Role.MODERATOR, "/styles/review.css"))
             .register(ViewSpec.screen(ReviewQueueController.REASON_CODES_VIEW, "/fxml/review/reason_codes.fxml", "review.reasons.editorTitle", "/styles/review.css"))
             .register(ViewSpec.nav("rooms", "/fxml/shell/placeholder.fxml", "nav.rooms", Feather.RADIO, Role.OPS))
             .register(ViewSpec.nav("creators", "/fxml/shell/placeholder.fxml", "nav.creators", Feather.STAR, Role.ADMIN))
             .register(ViewSpec.nav("audit", "/fxml/audit/audit_log.fxml", "nav.audit", Feather.LIST, Role.MODERATOR, "/styles/audit.css"))
             .register(ViewSpec.nav("staff", "/fxml/staff/staff.fxml", "nav.staff", Feather.USERS, Role.ADMIN, "/styles/staff.css"))
             .register(ViewSpec.nav("settings", "/fxml/settings/settings.fxml", "nav.settings", Feather.SETTINGS, Role.MODERATOR));
    }

    private void registerControllers() {
        controllers.register(LoginController.class, () -> new LoginController(new LoginViewModel(
                        sessions, settings, errors, fx, options.server(), options.user()), i18n))
                .register(ShellController.class, () -> new ShellController(
                        new ShellViewModel(sessions, monitor, views, navigation), views, i18n, bus))
                .register(PlaceholderController.class, PlaceholderController::new)
                .register(AuditController.class, () -> new AuditController(new AuditViewModel(
                        AuditLogSource.of(new AuditApi(api())), errors, fx, ZoneId.systemDefault()), i18n, bus, io))
                .register(StaffController.class, () -> new StaffController(new StaffViewModel(
                        StaffDirectory.of(new StaffApi(api())), errors, bus, i18n, fx), i18n))
                .register(SettingsController.class, () -> new SettingsController(new SettingsViewModel(
                        settings, i18n, themes, bus)))
                .register(ReviewQueueController.class, () -> new ReviewQueueController(reviewWorkspace(), i18n, views))
                .register(ApplicationPaneController.class, () -> new ApplicationPaneController(i18n, errors))
                .register(BulkResultController.class, () -> new BulkResultController(i18n))
                .register(ReasonCodesController.class, () -> new ReasonCodesController(
                        reviewWorkspace().newReasonCodes(), i18n));
    }

    /** The review workspace of the signed-in session; its outbox keeps sending while other views are shown. */
    synchronized ReviewWorkspace reviewWorkspace() {
        Session s = sessions.current();
        if (s == null) {
            throw new IllegalStateException("Not signed in");
        }
        if (review == null || reviewSession != s) {
            closeReview();
            ReviewApi api = new ReviewApi(s.api());
            Path outboxDir = AppPaths.outboxDir(AppPaths.dataDir(configDir), s.api().baseUrl().host(),
                    s.api().baseUrl().port(), s.me().username());
            DecisionOutbox outbox = new DecisionOutbox(outboxDir, api, fx);
            outbox.start();
            review = new ReviewWorkspace(api, outbox, fx, ReviewTimers.scheduled(scheduler, fx), Clock.systemUTC(),
                    s.may(Role.ADMIN), errors);
            reviewSession = s;
        }
        return review;
    }

    private synchronized void closeReview() {
        if (review != null) {
            review.outbox().close();
            review = null;
            reviewSession = null;
        }
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            t.setUncaughtExceptionHandler((thread, e) -> LOG.error("Uncaught in {}", thread.getName(), e));
            return t;
        };
    }

    /** The signed-in session's API client; views that need one are only shown after sign-in. */
    ApiClient api() {
        Session s = sessions.current();
        if (s == null) {
            throw new IllegalStateException("Not signed in");
        }
        return s.api();
    }

    public LaunchOptions options() {
        return options;
    }

    public FxExecutor fx() {
        return fx;
    }

    public SettingsStore settings() {
        return settings;
    }

    public I18n i18n() {
        return i18n;
    }

    public ThemeService themes() {
        return themes;
    }

    public EventBus bus() {
        return bus;
    }

    public ErrorMessages errors() {
        return errors;
    }

    public ControllerFactory controllers() {
        return controllers;
    }

    public ViewRegistry views() {
        return views;
    }

    public Navigation navigation() {
        return navigation;
    }

    public ConnectionMonitor monitor() {
        return monitor;
    }

    public SessionService sessions() {
        return sessions;
    }

    public ExecutorService io() {
        return io;
    }

    @Override
    public void close() {
        closeReview();
        monitor.stop();
        Session s = sessions.current();
        if (s != null) {
            new SessionApi(s.api()).logout();
        }
        scheduler.shutdownNow();
        io.shutdownNow();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
