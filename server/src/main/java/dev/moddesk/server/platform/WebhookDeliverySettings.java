package dev.moddesk.server.platform;

import java.time.Duration;

/**
 * How webhook deliveries are retried: attempt n waits about {@code backoffBase * 2^(n-1)} (with ±25 % jitter so many
 * failed deliveries do not come back in lockstep), at most {@code backoffCap}; after {@code maxAttempts} attempts the
 * delivery is FAILED.
 */
public record WebhookDeliverySettings(
        Duration backoffBase,
        Duration backoffCap,
        int maxAttempts,
        Duration connectTimeout,
        Duration requestTimeout,
        Duration pollInterval,
        int concurrency) {

    public WebhookDeliverySettings {
        if (backoffBase == null || backoffBase.isNegative() || backoffBase.isZero()) {
            throw new IllegalArgumentException("backoffBase must be positive");
        }
        if (backoffCap == null || backoffCap.compareTo(backoffBase) < 0) {
            throw new IllegalArgumentException("backoffCap must be at least backoffBase");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        if (connectTimeout == null || requestTimeout == null || pollInterval == null) {
            throw new IllegalArgumentException("timeouts and pollInterval are required");
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1");
        }
    }

    public static WebhookDeliverySettings defaults() {
        return new WebhookDeliverySettings(Duration.ofSeconds(1), Duration.ofMinutes(10), 15, Duration.ofSeconds(5),
                Duration.ofSeconds(10), Duration.ofSeconds(1), 8);
    }

    public WebhookDeliverySettings withBackoffBase(Duration base) {
        return new WebhookDeliverySettings(base, backoffCap.compareTo(base) < 0 ? base : backoffCap, maxAttempts,
                connectTimeout, requestTimeout, pollInterval, concurrency);
    }

    public WebhookDeliverySettings withMaxAttempts(int attempts) {
        return new WebhookDeliverySettings(backoffBase, backoffCap, attempts, connectTimeout, requestTimeout,
                pollInterval, concurrency);
    }

    /** The wait before the attempt after {@code attemptsSoFar} failed ones; {@code random} in [0, 1). */
    public Duration backoff(int attemptsSoFar, double random) {
        int exponent = Math.clamp(attemptsSoFar - 1, 0, 30);
        double millis = Math.min(backoffBase.toMillis() * Math.pow(2, exponent), backoffCap.toMillis());
        double jittered = millis * (0.75 + 0.5 * random);
        return Duration.ofMillis(Math.round(Math.min(jittered, backoffCap.toMillis())));
    }
}
