package dev.moddesk.app.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moddesk.app.api.ApiException;
import dev.moddesk.app.api.HealthProbe;
import dev.moddesk.contract.Health;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConnectionMonitorTest {
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final EventBus bus = new EventBus(Runnable::run);
    private final List<Events.NotificationEvent> notes = new ArrayList<>();
    private final ConnectionMonitor monitor = new ConnectionMonitor(scheduler, Runnable::run, 3_600_000, bus, new I18n(Locale.ENGLISH));

    @AfterEach
    void stop() {
        monitor.stop();
        scheduler.shutdownNow();
    }

    private static CompletableFuture<HealthProbe> up(long ms) {
        return CompletableFuture.completedFuture(new HealthProbe(new Health("UP", "UP", "1"), ms));
    }

    private static CompletableFuture<HealthProbe> down() {
        return CompletableFuture.failedFuture(ApiException.of(ApiException.Kind.UNREACHABLE, "down", null));
    }

    @Test
    void goesReconnectingThenOfflineAndBackWithLatency() {
        bus.subscribe(Events.NotificationEvent.class, notes::add);
        Deque<CompletableFuture<HealthProbe>> answers = new ArrayDeque<>(List.of(up(12), down(), down(), down(), up(7)));
        monitor.use(answers::poll);

        monitor.pingNow().join();
        assertThat(monitor.stateProperty().get()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(monitor.latencyProperty().get()).isEqualTo(12);
        monitor.pingNow().join();
        assertThat(monitor.stateProperty().get()).isEqualTo(ConnectionState.RECONNECTING);
        assertThat(monitor.latencyProperty().get()).isEqualTo(-1);
        monitor.pingNow().join();
        assertThat(monitor.stateProperty().get()).isEqualTo(ConnectionState.RECONNECTING);
        monitor.pingNow().join();
        assertThat(monitor.stateProperty().get()).isEqualTo(ConnectionState.OFFLINE);
        monitor.pingNow().join();
        assertThat(monitor.stateProperty().get()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(monitor.latencyProperty().get()).isEqualTo(7);
        assertThat(notes).extracting(Events.NotificationEvent::severity)
                .containsExactly(Events.Severity.WARNING, Events.Severity.SUCCESS);
    }

    @Test
    void aDatabaseDownAnswerCountsAsAFailure() {
        monitor.use(() -> CompletableFuture.completedFuture(new HealthProbe(new Health("DOWN", "DOWN", "1"), 3)));
        monitor.pingNow().join();
        assertThat(monitor.stateProperty().get()).isEqualTo(ConnectionState.RECONNECTING);
    }

    @Test
    void aServerThatDoesNotAnswerWithinAPeriodIsNotShownAsConnected() {
        ConnectionMonitor quick = new ConnectionMonitor(scheduler, Runnable::run, 50, bus, new I18n(Locale.ENGLISH));
        quick.use(CompletableFuture::new); // accepted, never answered: a hung server or a pulled cable
        quick.pingNow().join();
        assertThat(quick.stateProperty().get()).isEqualTo(ConnectionState.RECONNECTING);
        assertThat(quick.latencyProperty().get()).isEqualTo(-1);
        quick.stop();
    }

    @Test
    void afterStopNothingIsPinged() {
        monitor.use(() -> {
            throw new AssertionError("pinged after stop");
        });
        monitor.stop();
        monitor.pingNow().join();
        assertThat(monitor.stateProperty().get()).isEqualTo(ConnectionState.CONNECTED);
    }
}
