package dev.moddesk.app.rooms;

import dev.moddesk.app.core.EventBus;
import dev.moddesk.app.core.Events;
import dev.moddesk.app.core.I18n;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Tells the moderator (a notification) when a room crosses a threshold: its rate reaches {@code ratePerSecond}, it
 * spikes, or it gets a user report. Each crossing notifies once; the rate alarm re-arms only after the rate stayed
 * below 80 % of the threshold for 10 summaries in a row (about 10 s), so a room hovering at the line does not flood
 * the notification area. FX thread only.
 */
public final class WallAlarm {
    private static final double REARM = 0.8;
    static final int QUIET_SUMMARIES = 10;

    /** {@code quiet}: summaries in a row below the re-arm line since the rate alarm went off. */
    private record Armed(boolean rate, int quiet, boolean spike, long reports) {
    }

    private final EventBus bus;
    private final I18n i18n;
    private final Map<String, Armed> rooms = new HashMap<>();
    private double ratePerSecond;

    public WallAlarm(EventBus bus, I18n i18n, double ratePerSecond) {
        this.bus = Objects.requireNonNull(bus, "bus");
        this.i18n = Objects.requireNonNull(i18n, "i18n");
        setRatePerSecond(ratePerSecond);
    }

    public double ratePerSecond() {
        return ratePerSecond;
    }

    public void setRatePerSecond(double threshold) {
        if (!(threshold > 0)) {
            throw new IllegalArgumentException("threshold " + threshold);
        }
        this.ratePerSecond = threshold;
    }

    void check(RoomCardModel card) {
        RoomFigures f = card.figures();
        Armed before = rooms.getOrDefault(card.room(), new Armed(true, 0, true, 0));
        boolean rateArmed = before.rate();
        int quiet = 0;
        if (rateArmed && f.messagesPerSecond() >= ratePerSecond) {
            notify(Events.Severity.WARNING, "rooms.alarm.rate", f.title(), Math.round(f.messagesPerSecond()));
            rateArmed = false;
        } else if (!rateArmed && f.messagesPerSecond() < ratePerSecond * REARM) {
            quiet = before.quiet() + 1;
            rateArmed = quiet >= QUIET_SUMMARIES;
        }
        boolean spiking = card.spiking();
        if (spiking && before.spike()) {
            notify(Events.Severity.WARNING, "rooms.alarm.spike", f.title(), Math.round(f.messagesPerSecond()));
        }
        if (f.reports() > before.reports()) {
            notify(Events.Severity.DANGER, "rooms.alarm.reports", f.title(), f.reports());
        }
        rooms.put(card.room(), new Armed(rateArmed, rateArmed ? 0 : quiet, !spiking, f.reports()));
    }

    void forget(String room) {
        rooms.remove(room);
    }

    private void notify(Events.Severity severity, String key, Object... args) {
        bus.publish(new Events.NotificationEvent(severity, i18n.get(key, args)));
    }
}
