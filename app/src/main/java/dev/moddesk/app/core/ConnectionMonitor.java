package dev.moddesk.app.core;

import dev.moddesk.app.api.HealthProbe;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pings {@code /health} every few seconds and derives the connection state: a good answer is CONNECTED; failures
 * are RECONNECTING until {@value #OFFLINE_AFTER} in a row, then OFFLINE; no answer within one period is a failure.
 * Latency is the last round trip in ms.
 */
public final class ConnectionMonitor {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionMonitor.class);
    static final int OFFLINE_AFTER = 3;

    private final ScheduledExecutorService scheduler;
    private final Executor fx;
    private final long periodMillis;
    private final ReadOnlyObjectWrapper<ConnectionState> state = new ReadOnlyObjectWrapper<>(ConnectionState.CONNECTED);
    private final ReadOnlyLongWrapper latency = new ReadOnlyLongWrapper(-1);
    private final EventBus bus;
    private final I18n i18n;
    private Supplier<CompletableFuture<HealthProbe>> probe;
    private ScheduledFuture<?> task;
    private int failures;

    public ConnectionMonitor(ScheduledExecutorService scheduler, Executor fx, long periodMillis, EventBus bus, I18n i18n) {
        this.scheduler = Objects.requireNonNull(scheduler);
        this.fx = Objects.requireNonNull(fx);
        this.periodMillis = periodMillis;
        this.bus = bus;
        this.i18n = i18n;
    }

    public ReadOnlyObjectProperty<ConnectionState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty latencyProperty() {
        return latency.getReadOnlyProperty();
    }

    public synchronized void start(Supplier<CompletableFuture<HealthProbe>> healthProbe) {
        use(healthProbe);
        task = scheduler.scheduleWithFixedDelay(this::pingQuietly, 0, periodMillis, TimeUnit.MILLISECONDS);
    }

    /** Pings only when asked ({@link #pingNow()}); for tests that drive the sequence themselves. */
    synchronized void use(Supplier<CompletableFuture<HealthProbe>> healthProbe) {
        stop();
        this.probe = healthProbe;
        failures = 0;
        state.set(ConnectionState.CONNECTED);
    }

    public synchronized void stop() {
        if (task != null) {
            task.cancel(false);
            task = null;
        }
        probe = null;
    }

    private void pingQuietly() {
        try {
            pingNow().get(periodMillis * 4, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.debug("health ping did not finish: {}", e.toString());
        }
    }

    /** One ping; the returned future completes after the state was updated (on the FX executor). */
    public CompletableFuture<Void> pingNow() {
        Supplier<CompletableFuture<HealthProbe>> p;
        synchronized (this) {
            p = probe;
        }
        if (p == null) {
            return CompletableFuture.completedFuture(null);
        }
        // A server that accepts the connection but does not answer (hung, or a cable pulled mid-request) must not
        // look connected until the HTTP read timeout: an answer slower than one period counts as a failure.
        return p.get().orTimeout(periodMillis, TimeUnit.MILLISECONDS).handleAsync((result, error) -> {
            record(error == null && result.up() ? result : null);
            return null;
        }, fx);
    }

    private void record(HealthProbe ok) {
        ConnectionState before = state.get();
        if (ok != null) {
            failures = 0;
            latency.set(ok.latencyMillis());
            state.set(ConnectionState.CONNECTED);
            if (before == ConnectionState.OFFLINE && bus != null) {
                bus.publish(new Events.NotificationEvent(Events.Severity.SUCCESS, i18n.get("shell.status.backOnline")));
            }
            return;
        }
        failures++;
        latency.set(-1);
        state.set(failures >= OFFLINE_AFTER ? ConnectionState.OFFLINE : ConnectionState.RECONNECTING);
        if (before != ConnectionState.OFFLINE && state.get() == ConnectionState.OFFLINE && bus != null) {
            bus.publish(new Events.NotificationEvent(Events.Severity.WARNING, i18n.get("shell.status.lostConnection")));
        }
    }
}
