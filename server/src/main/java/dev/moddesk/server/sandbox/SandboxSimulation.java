package dev.moddesk.server.sandbox;

import dev.moddesk.server.core.AuditLog;
import dev.moddesk.server.core.Json;
import dev.moddesk.server.core.Services;
import dev.moddesk.server.platform.PlatformGateway;
import java.net.URI;
import java.nio.file.Path;

/**
 * Starts the sandbox's platform against this server: makes it a fresh platform key (revoking the previous run's,
 * audited), uploads the sandbox media ({@link SandboxMedia}) and hands the simulator the server's URL. Nothing else
 * connects the two; both use HTTP only.
 */
public final class SandboxSimulation {

    static final String KEY_NAME = "sandbox simulator";
    static final String CURSOR_FILE = "sandbox-simulator.cursor";

    private SandboxSimulation() {
    }

    /**
     * Makes the sandbox platform a fresh key (revoking the previous run's, audited), uploads the sandbox media with it
     * and, unless {@code eventsPerSecond} is 0, starts the simulator with it; null when the simulator is off.
     */
    public static PlatformSimulator start(Services services, String baseUrl, double eventsPerSecond) {
        String key = newKey(services);
        SandboxMedia.uploadAll(URI.create(baseUrl), key);
        if (eventsPerSecond <= 0) {
            return null;
        }
        Path dataDir = services.config().dataDir();
        PlatformSimulator simulator = new PlatformSimulator(URI.create(baseUrl), key, SandboxActivities.all(),
                eventsPerSecond, dataDir == null ? null : dataDir.resolve(CURSOR_FILE), services.clock(),
                Json.mapper());
        simulator.start();
        return simulator;
    }

    private static String newKey(Services services) {
        PlatformGateway platform = PlatformGateway.of(services);
        return services.database().jdbi().inTransaction(h -> {
            platform.keys().revokeNamed(h, KEY_NAME);
            var created = platform.keys().create(h, KEY_NAME, null);
            services.auditLog().record(h, new AuditLog.Entry(null, "sandbox", "platform_key.create", "platform_key",
                    Long.toString(created.info().id()), null, created.info(), "sandbox simulator start", null));
            return created.key();
        });
    }
}
