package dev.moddesk.app.api.stream;

import java.time.Duration;
import java.util.Objects;

/**
 * Where the stream's connection stands. {@code attempt} counts failed connections since the last one that opened;
 * {@code retryIn} is the delay before the next attempt while {@link State#WAITING}, else zero.
 */
public record StreamStatus(State state, int attempt, Duration retryIn) {
    public enum State {
        CONNECTING,
        OPEN,
        /** Lost or never opened; a reconnect is scheduled. */
        WAITING,
        CLOSED
    }

    public StreamStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(retryIn, "retryIn");
    }

    static StreamStatus of(State state) {
        return new StreamStatus(state, 0, Duration.ZERO);
    }

    /** Told of every status change, in order, on OkHttp's or the scheduler's thread; must return quickly. */
    @FunctionalInterface
    public interface Listener {
        void statusChanged(StreamStatus status);
    }
}
