package dev.moddesk.app.api.stream;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Delays between reconnect attempts: exponential (doubling from {@code first} up to {@code max}) with "equal jitter"
 * (half the ceiling fixed, half random), so a server restart is not met by every console at the same instant, yet no
 * console retries in a tight loop. Not thread-safe; the stream client calls it under its lock.
 */
public final class ReconnectBackoff {
    private final long firstNanos;
    private final long maxNanos;
    private final RandomGenerator random;
    private int attempts;

    public ReconnectBackoff(Duration first, Duration max, RandomGenerator random) {
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("backoff " + first + ".." + max);
        }
        this.firstNanos = first.toNanos();
        this.maxNanos = max.toNanos();
        this.random = Objects.requireNonNull(random, "random");
    }

    /** The delay before the next attempt; each call counts one attempt. */
    public Duration next() {
        long ceiling = ceiling(attempts);
        attempts++;
        long half = ceiling / 2;
        return Duration.ofNanos(half + (long) (random.nextDouble() * (ceiling - half)));
    }

    /** The delay without jitter for attempt {@code n} (0-based): {@code min(max, first * 2^n)}. */
    long ceiling(int n) {
        if (n >= 62 || firstNanos > maxNanos >> n) {
            return maxNanos;
        }
        return Math.min(maxNanos, firstNanos << n);
    }

    /** After a connection that worked, the next failure starts from {@code first} again. */
    public void reset() {
        attempts = 0;
    }

    public int attempts() {
        return attempts;
    }
}
