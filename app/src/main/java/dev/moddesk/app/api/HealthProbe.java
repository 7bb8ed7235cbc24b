package dev.moddesk.app.api;

import dev.moddesk.contract.Health;

/** The answer to one {@code GET /health} and how long the round trip took. */
public record HealthProbe(Health health, long latencyMillis) {
    public HealthProbe {
        if (latencyMillis < 0) {
            throw new IllegalArgumentException("latency must not be negative");
        }
    }

    public boolean up() {
        return health != null && "UP".equalsIgnoreCase(health.status());
    }
}
