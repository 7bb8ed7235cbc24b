package dev.moddesk.app.review;

import dev.moddesk.contract.review.DecisionKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.util.Subscription;

/**
 * The last decision's undo window: the toast's offer, its seconds left, and the application to bring back. Only the
 * latest decision can be undone (a new one replaces the offer), for {@link #LENGTH} after it was made; the server
 * keeps its own window of the same length, so an offer shown here is one the server will still honour.
 *
 * <p>Thread: the FX thread only (the countdown ticks come through {@link ReviewTimers}, which run on it).
 */
public final class UndoWindow {

    public static final Duration LENGTH = Duration.ofSeconds(10);
    private static final Duration TICK = Duration.ofSeconds(1);

    /** The decision that U would undo, until {@code until}. */
    public record Offer(long applicationId, String decisionKey, DecisionKind kind, String reasonCode,
                        String nickname, Instant until) {
    }

    /** An offer taken up: the decision to undo and the application it came from (null if no longer at hand). */
    public record Taken(Offer offer, ApplicationModel application) {
    }

    private final ReviewTimers timers;
    private final Clock clock;
    private final ObjectProperty<Offer> offer = new SimpleObjectProperty<>(this, "offer");
    private final IntegerProperty secondsLeft = new SimpleIntegerProperty(this, "secondsLeft");
    /** The application of the current offer, kept so undo shows it again without a round trip. */
    private ApplicationModel application;
    private Subscription countdown;

    public UndoWindow(ReviewTimers timers, Clock clock) {
        this.timers = timers;
        this.clock = clock;
    }

    /** Opens the window on a decision just made; any earlier offer is gone. */
    public void open(Offer next, ApplicationModel decided) {
        stopCountdown();
        application = decided;
        offer.set(next);
        tick();
        countdown = timers.every(TICK, this::tick);
    }

    /** Ends the offer and returns it, if the window is still open; otherwise nothing (there is nothing to undo). */
    public Optional<Taken> take() {
        Offer current = offer.get();
        if (current == null || !clock.instant().isBefore(current.until())) {
            return Optional.empty();
        }
        Taken taken = new Taken(current, application);
        application = null;
        offer.set(null);
        stopCountdown();
        return Optional.of(taken);
    }

    /** The decision under {@code decisionKey} was refused: nothing was decided, so the toast must not count on. */
    public void withdraw(String decisionKey) {
        Offer current = offer.get();
        if (current != null && current.decisionKey().equals(decisionKey)) {
            end();
        }
    }

    /** A newer decision is on its way: the earlier offer ends (only the latest decision can be undone). */
    public void clear() {
        end();
    }

    /** Stops the countdown for good (focus mode is closing); the offer is left as it was. */
    public void dispose() {
        stopCountdown();
    }

    private void end() {
        application = null;
        offer.set(null);
        secondsLeft.set(0);
        stopCountdown();
    }

    private void tick() {
        Offer current = offer.get();
        if (current == null) {
            stopCountdown();
            return;
        }
        long millis = Duration.between(clock.instant(), current.until()).toMillis();
        if (millis <= 0) {
            end();
            return;
        }
        secondsLeft.set((int) ((millis + 999) / 1000));
    }

    private void stopCountdown() {
        if (countdown != null) {
            countdown.unsubscribe();
            countdown = null;
        }
    }

    public ReadOnlyObjectProperty<Offer> offerProperty() {
        return offer;
    }

    public ReadOnlyIntegerProperty secondsLeftProperty() {
        return secondsLeft;
    }
}
