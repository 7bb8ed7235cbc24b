package dev.moddesk.app.rooms;

import java.util.Objects;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * One room on the wall: its latest figures and the last minute of them (one sample per summary, about once a second),
 * from which the wall reads the sparkline and what needs attention. FX thread only.
 */
public final class RoomCardModel {
    /** Samples kept: a minute at one summary a second. */
    public static final int HISTORY = 60;
    /** A rate at least this many times the room's own median, and at least {@link #SPIKE_FLOOR}/s, is a spike. */
    static final double SPIKE_FACTOR = 3;
    static final double SPIKE_FLOOR = 20;

    private final String room;
    private final ReadOnlyObjectWrapper<RoomFigures> figures = new ReadOnlyObjectWrapper<>(this, "figures");
    private final double[] rates = new double[HISTORY];
    private final long[] flaggedTotals = new long[HISTORY];
    private int samples;
    private int next;

    RoomCardModel(RoomFigures first) {
        this.room = first.room();
        update(first);
    }

    void update(RoomFigures latest) {
        if (!latest.room().equals(room)) {
            throw new IllegalArgumentException(latest.room() + " is not " + room);
        }
        rates[next] = latest.messagesPerSecond();
        flaggedTotals[next] = latest.flagged();
        next = (next + 1) % HISTORY;
        samples = Math.min(HISTORY, samples + 1);
        figures.set(Objects.requireNonNull(latest));
    }

    public String room() {
        return room;
    }

    public RoomFigures figures() {
        return figures.get();
    }

    /** Changes once per summary: a card redraws on it. */
    public ReadOnlyObjectProperty<RoomFigures> figuresProperty() {
        return figures.getReadOnlyProperty();
    }

    /** Messages per second over the last minute, oldest first (the sparkline). */
    public double[] rateHistory() {
        double[] out = new double[samples];
        for (int i = 0; i < samples; i++) {
            out[i] = rates[Math.floorMod(next - samples + i, HISTORY)];
        }
        return out;
    }

    /** Messages flagged within the kept minute (the newest total minus the oldest). */
    public long flaggedLastMinute() {
        if (samples == 0) {
            return 0;
        }
        long newest = flaggedTotals[Math.floorMod(next - 1, HISTORY)];
        long oldest = flaggedTotals[Math.floorMod(next - samples, HISTORY)];
        return Math.max(0, newest - oldest);
    }

    /** Whether the current rate is a spike against the room's own median over the kept minute. */
    public boolean spiking() {
        double now = figures().messagesPerSecond();
        if (now < SPIKE_FLOOR || samples < 5) {
            return false;
        }
        double[] sorted = rateHistory();
        java.util.Arrays.sort(sorted);
        double median = sorted[sorted.length / 2];
        return now >= SPIKE_FACTOR * Math.max(median, 1);
    }
}
