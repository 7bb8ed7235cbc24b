package dev.moddesk.server.core;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;

/**
 * What the server core gives every {@link Feature}: the configuration, the migrated database, the audit log, the
 * clock (always use it, never {@code Instant.now()}, so tests can move time) and the metrics registry.
 */
public record Services(ServerConfig config, Database database, AuditLog auditLog, Clock clock,
                       PrometheusMeterRegistry metrics) {
}
