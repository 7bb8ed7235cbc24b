package dev.moddesk.server.core;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;

/**
 * What the server core gives every {@link Feature}: the configuration, the migrated database, the audit log, the
 * clock (always use it, never {@code Instant.now()}, so tests can move time), the metrics registry and the
 * node's {@link SessionRevocations}.
 */
public record Services(ServerConfig config, Database database, AuditLog auditLog, Clock clock,
                       PrometheusMeterRegistry metrics, SessionRevocations sessionRevocations) {

    public Services(ServerConfig config, Database database, AuditLog auditLog, Clock clock,
                    PrometheusMeterRegistry metrics) {
        this(config, database, auditLog, clock, metrics, new SessionRevocations());
    }
}
