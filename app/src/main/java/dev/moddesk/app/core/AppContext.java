package dev.moddesk.app.core;

import dev.moddesk.app.api.ApiClient;
import dev.moddesk.app.api.SessionApi;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.OkHttpClient;

/**
 * The shared services every feature is built from: settings, i18n, theme, event bus, the one {@link ErrorMessages},
 * executors, the HTTP client, connection monitor, sessions, the controller factory and the view registry. It knows no
 * feature: the top-level {@code Wiring} {@link #install installs} each {@link FeatureModule}, which registers its views
 * and controllers here and hears when sessions start and end.
 */
public final class AppContext implements AutoCloseable {
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
    private final Lazy<OkHttpClient> http;
    private final ConnectionMonitor monitor;
    private final SessionService sessions;
    private final List<FeatureModule> modules = new ArrayList<>();

    public AppContext(LaunchOptions options, Path configDir) {
        this.options = options;
        this.configDir = configDir;
        this.settings = Warmup.settings(configDir);
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
        // Built on first use (or by prepareNetwork once the first window is up): not on the way to the first paint.
        this.http = new Lazy<>(() -> ApiClient.defaultHttpClient().newBuilder()
                .addInterceptor(ApiClient.acceptLanguage(language::get)).build());
        long period = Long.getLong("moddesk.health.period.ms", 3000);
        this.monitor = new ConnectionMonitor(scheduler, fx, period, bus, i18n);
        this.sessions = new SessionService(SessionService.httpClients(http), settings, monitor, bus, fx, i18n);
        bus.subscribe(Events.SignedInEvent.class, e -> modules.forEach(m -> m.sessionStarted(e.session())));
        bus.subscribe(Events.SignedOutEvent.class, e -> modules.forEach(FeatureModule::sessionEnded));
    }

    /**
     * Adds the features, in the order their navigation entries appear: their views to the registry and their
     * controllers to the factory (both refuse a second registration of the same id or class).
     */
    public AppContext install(List<? extends FeatureModule> features) {
        for (FeatureModule module : features) {
            module.views().forEach(views::register);
            module.registerControllers(controllers, this);
            modules.add(module);
        }
        return this;
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            t.setUncaughtExceptionHandler(UncaughtErrors.handler());
            return t;
        };
    }

    /** Builds the HTTP client (TLS, trust store) in the background, so the first sign-in need not wait for it. */
    public void prepareNetwork() {
        io.execute(http::get);
    }

    /** The signed-in session; views that need one are only shown after sign-in. */
    public Session requireSession() {
        Session s = sessions.current();
        if (s == null) {
            throw new IllegalStateException("Not signed in");
        }
        return s;
    }

    /** Where this console keeps per-user data (see {@link AppPaths#dataDir}). */
    public Path dataDir() {
        return AppPaths.dataDir(configDir);
    }

    /** A daemon scheduler for periodic work (health pings, review timers); never blocks. */
    public ScheduledExecutorService scheduler() {
        return scheduler;
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
        for (int i = modules.size() - 1; i >= 0; i--) {
            modules.get(i).close();
        }
        monitor.stop();
        Session s = sessions.current();
        if (s != null) {
            new SessionApi(s.api()).logout();
        }
        scheduler.shutdownNow();
        io.shutdownNow();
        OkHttpClient client = http.ifBuilt();
        if (client != null) {
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        }
    }
}
