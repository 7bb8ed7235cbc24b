package dev.moddesk.app.testing;

import dev.moddesk.app.api.ApiClient;
import dev.moddesk.app.core.ConnectionMonitor;
import dev.moddesk.app.core.ErrorMessages;
import dev.moddesk.app.core.EventBus;
import dev.moddesk.app.core.I18n;
import dev.moddesk.app.core.SessionService;
import dev.moddesk.app.core.SettingsStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** Core services wired for view-model tests: a synchronous executor, English messages, a temporary config dir. */
public final class TestContext implements AutoCloseable {
    public static final Executor SYNC = Runnable::run;

    public final I18n i18n = new I18n(Locale.ENGLISH);
    public final ErrorMessages errors = new ErrorMessages(i18n);
    public final EventBus bus = new EventBus(SYNC);
    public final List<Record> events = new ArrayList<>();
    public final SettingsStore settings;
    public final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    public final ConnectionMonitor monitor = new ConnectionMonitor(scheduler, SYNC, 60_000, bus, i18n);
    public final SessionService sessions;

    public TestContext(Path configDir) {
        settings = new SettingsStore(configDir);
        sessions = new SessionService(SessionService.httpClients(ApiClient.defaultHttpClient()), settings, monitor, bus, SYNC, i18n);
        bus.subscribe(dev.moddesk.app.core.Events.NotificationEvent.class, e -> {
            synchronized (events) {
                events.add(e);
            }
        });
    }

    @Override
    public void close() {
        monitor.stop();
        scheduler.shutdownNow();
    }
}
