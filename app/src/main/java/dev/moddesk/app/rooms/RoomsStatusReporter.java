package dev.moddesk.app.rooms;

import dev.moddesk.app.core.EventBus;
import dev.moddesk.app.core.Events;
import dev.moddesk.app.core.I18n;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.util.Subscription;

/**
 * Puts the rooms stream's state in the shell's status bar (through {@link Events.StatusItemEvent}, so the shell knows
 * no feature): how far behind the newest event it is, "lagging" while the server holds rooms back because the console
 * fell behind, or connecting / reconnecting. Publishes only when the text changes. FX thread only.
 */
final class RoomsStatusReporter implements AutoCloseable {
    static final String ITEM = "rooms-stream";
    /** Behind by more than this, the item turns to a warning. */
    static final long SLOW_MILLIS = 5_000;

    private final RoomsHub hub;
    private final EventBus bus;
    private final I18n i18n;
    private final List<Subscription> subscriptions = new ArrayList<>();
    private String shown = "";

    RoomsStatusReporter(RoomsHub hub, EventBus bus, I18n i18n) {
        this.hub = Objects.requireNonNull(hub, "hub");
        this.bus = Objects.requireNonNull(bus, "bus");
        this.i18n = Objects.requireNonNull(i18n, "i18n");
        subscriptions.add(hub.statusProperty().subscribe(s -> update()));
        subscriptions.add(hub.streamLagMillisProperty().subscribe(ms -> update()));
        subscriptions.add(hub.laggingRoomsProperty().subscribe(n -> update()));
        subscriptions.add(i18n.localeProperty().subscribe(l -> update()));
    }

    private void update() {
        long lag = hub.streamLagMillisProperty().get();
        int paused = hub.laggingRoomsProperty().get();
        Events.Severity severity = Events.Severity.INFO;
        String text;
        switch (hub.statusProperty().get()) {
            case CONNECTING -> text = i18n.get("rooms.shell.connecting");
            case RECONNECTING, CLOSED -> {
                text = i18n.get("rooms.shell.reconnecting");
                severity = Events.Severity.WARNING;
            }
            default -> {
                if (paused > 0) {
                    text = i18n.get("rooms.shell.lagging", paused);
                    severity = Events.Severity.WARNING;
                } else if (lag < 0) {
                    text = i18n.get("rooms.shell.open");
                } else {
                    text = i18n.get("rooms.shell.behind", lag < 10_000
                            ? String.format(i18n.getLocale(), "%.1f", lag / 1000.0) : Long.toString(lag / 1000));
                    severity = lag > SLOW_MILLIS ? Events.Severity.WARNING : Events.Severity.INFO;
                }
            }
        }
        String key = severity + text;
        if (!key.equals(shown)) {
            shown = key;
            bus.publish(new Events.StatusItemEvent(ITEM, severity, text, i18n.get("rooms.shell.tip")));
        }
    }

    /** Stops reporting and takes the item off the status bar. */
    @Override
    public void close() {
        subscriptions.forEach(Subscription::unsubscribe);
        subscriptions.clear();
        bus.publish(new Events.StatusItemEvent(ITEM, Events.Severity.INFO, "", null));
    }
}
