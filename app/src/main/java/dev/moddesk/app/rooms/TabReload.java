package dev.moddesk.app.rooms;

import java.util.function.BooleanSupplier;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.util.Duration;

/**
 * Keeps a queue tab fresh while it is in view: reloads it when it comes into view, then every {@code everySeconds} (0:
 * never; a queue that the stream keeps current) when {@code mayReload} allows (not while a request runs or an action
 * waits for its second key), and runs {@code eachSecond} on every tick (countdowns). Stops when the tab leaves view. FX
 * thread only.
 */
final class TabReload {
    private final int everySeconds;
    private final BooleanSupplier mayReload;
    private final Runnable reload;
    private final Runnable eachSecond;
    private Timeline ticks;
    private int secondsToReload;

    TabReload(int everySeconds, BooleanSupplier mayReload, Runnable reload, Runnable eachSecond) {
        this.everySeconds = everySeconds;
        this.mayReload = mayReload;
        this.reload = reload;
        this.eachSecond = eachSecond;
    }

    /** The tab came into view (reload now, then keep reloading) or left it (stop); true when it just came in. */
    boolean setShown(boolean shown) {
        if (shown && ticks == null) {
            reload.run();
            secondsToReload = everySeconds;
            ticks = new Timeline(new KeyFrame(Duration.seconds(1), e -> tick()));
            ticks.setCycleCount(Timeline.INDEFINITE);
            ticks.play();
            return true;
        }
        if (!shown && ticks != null) {
            ticks.stop();
            ticks = null;
        }
        return false;
    }

    private void tick() {
        eachSecond.run();
        if (everySeconds > 0 && --secondsToReload <= 0 && mayReload.getAsBoolean()) {
            secondsToReload = everySeconds;
            reload.run();
        }
    }
}
