package dev.moddesk.app.api.stream;

import java.time.Duration;
import java.util.Objects;

/**
 * Tuning of the stream client. {@code deadAfter}: a link that delivers nothing (not even a heartbeat) for this long is
 * dropped and reconnected; the console pings every {@code pingInterval} so a healthy server always has something to
 * answer. {@code queueCapacity} bounds the items waiting for the per-frame drain.
 */
public record StreamOptions(Duration pingInterval, Duration deadAfter, Duration firstRetry, Duration maxRetry,
                            int queueCapacity) {
    public StreamOptions {
        Objects.requireNonNull(pingInterval, "pingInterval");
        Objects.requireNonNull(deadAfter, "deadAfter");
        Objects.requireNonNull(firstRetry, "firstRetry");
        Objects.requireNonNull(maxRetry, "maxRetry");
        if (pingInterval.isZero() || pingInterval.isNegative() || deadAfter.compareTo(pingInterval) < 0) {
            throw new IllegalArgumentException("ping every " + pingInterval + ", dead after " + deadAfter);
        }
        if (queueCapacity < 2) {
            throw new IllegalArgumentException("queueCapacity " + queueCapacity);
        }
    }

    /** Ping every 10 s, dead after 30 s, retry from 0.5 s up to 30 s, room for 100,000 items. */
    public static StreamOptions defaults() {
        return new StreamOptions(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMillis(500),
                Duration.ofSeconds(30), 100_000);
    }

    public StreamOptions withQueueCapacity(int capacity) {
        return new StreamOptions(pingInterval, deadAfter, firstRetry, maxRetry, capacity);
    }

    public StreamOptions withLiveness(Duration ping, Duration dead) {
        return new StreamOptions(ping, dead, firstRetry, maxRetry, queueCapacity);
    }

    public StreamOptions withRetry(Duration first, Duration max) {
        return new StreamOptions(pingInterval, deadAfter, first, max, queueCapacity);
    }
}
