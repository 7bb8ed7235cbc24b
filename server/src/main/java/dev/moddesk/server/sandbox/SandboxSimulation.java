package dev.moddesk.server.sandbox;

import dev.moddesk.server.core.AuditLog;
import dev.moddesk.server.core.Json;
import dev.moddesk.server.core.Services;
import dev.moddesk.server.platform.PlatformGateway;
import java.net.URI;
import java.nio.file.Path;

/**
 * Starts the sandbox's platform simulator against this server: makes it a fresh platform key (revoking the previous
 * run's, audited) and hands it the server's URL. Nothing else connects the two; the simulator uses HTTP only.
 */
public final class SandboxSimulation {

    static final String KEY_NAME = "sandbox simulator";
    static final String CURSOR_FILE = "sandbox-simulator.cursor";

    private SandboxSimulation() {
    }

    public static PlatformSimulator start(Services services, String baseUrl, double eventsPerSecond) {
        PlatformGateway platform = PlatformGateway.of(services);
        String key = services.database().jdbi().inTransaction(h -> {
            platform.keys().revokeNamed(h, KEY_NAME);
            var created = platform.keys().create(h, KEY_NAME, null);
            services.auditLog().record(h, new AuditLog.Entry(null, "sandbox", "platform_key.create", "platform_key",
                    Long.toString(created.info().id()), null, created.info(), "sandbox simulator start", null));
            return created.key();
        });
        Path dataDir = services.config().dataDir();
        PlatformSimulator simulator = new PlatformSimulator(URI.create(baseUrl), key, SandboxActivities.all(),
                eventsPerSecond, dataDir == null ? null : dataDir.resolve(CURSOR_FILE), services.clock(),
                Json.mapper());
        simulator.start();
        return simulator;
    }
}
