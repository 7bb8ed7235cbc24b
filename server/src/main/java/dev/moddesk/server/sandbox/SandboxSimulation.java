package dev.moddesk.server.sandbox;

import dev.moddesk.server.core.AuditLog;
import dev.moddesk.server.core.Json;
import dev.moddesk.server.core.Services;
import dev.moddesk.server.platform.PlatformGateway;
import dev.moddesk.server.core.ServerConfig;
import dev.moddesk.server.sandbox.rooms.MessageGate;
import dev.moddesk.server.sandbox.rooms.RoomTraffic;
import dev.moddesk.server.sandbox.rooms.RoomsHoldGate;
import dev.moddesk.server.sandbox.rooms.RoomsActivity;
import dev.moddesk.server.sandbox.rooms.RoomsSimulation;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Function;

/**
 * Starts the sandbox's platform against this server: makes it a fresh platform key (revoking the previous run's,
 * audited), uploads the sandbox media ({@link SandboxMedia}) and hands the simulator the server's URL. Nothing else
 * connects the two; both use HTTP only.
 */
public final class SandboxSimulation {

    static final String KEY_NAME = "sandbox simulator";
    static final String CURSOR_FILE = "sandbox-simulator.cursor";
    static final int ROOMS = 36;

    private SandboxSimulation() {
    }

    /**
     * Makes the sandbox platform a fresh key (revoking the previous run's, audited), uploads the sandbox media with it
     * and, unless {@code eventsPerSecond} is 0, starts the simulator with it; null when the simulator is off.
     */
    public static PlatformSimulator start(Services services, String baseUrl, double eventsPerSecond,
                                          SandboxFeature controls) {
        String key = newKey(services);
        HttpClient http = SandboxHttp.client(services.config().tls());
        SandboxMedia.uploadAll(URI.create(baseUrl), key, http);
        if (eventsPerSecond <= 0) {
            return null;
        }
        Path dataDir = services.config().dataDir();
        List<Function<SimulationContext, SimulatedActivity>> activities = new ArrayList<>(SandboxActivities.all());
        ServerConfig.Rooms rooms = services.config().rooms();
        if (rooms.simChatRate() > 0) {
            // The rooms' MessageGate: the word list's HOLD terms, applied before a line is shown.
            RoomsHoldGate gate = new RoomsHoldGate(new HeldWordsPlatform(services.clock(), "held-rooms-"
                    + UUID.randomUUID().toString().substring(0, 8)));
            activities.add(context -> gate);
            activities.add(context -> liveRooms(context, URI.create(baseUrl), key, http, rooms,
                    services.clock(), gate, controls));
        }
        PlatformSimulator simulator = new PlatformSimulator(URI.create(baseUrl), key, http, activities,
                eventsPerSecond, dataDir == null ? null : dataDir.resolve(CURSOR_FILE), services.clock(),
                Json.mapper());
        simulator.start();
        return simulator;
    }

    /**
     * The live rooms ({@code sandbox/rooms}): 36 rooms of every kind chatting at {@code --sim-chat-rate}, the hot room
     * spiking every 5 minutes for a minute at {@code --sim-hot-room-rate}. Every line passes {@code gate} before it
     * is shown.
     */
    private static SimulatedActivity liveRooms(SimulationContext context, URI baseUrl, String key,
                                               HttpClient http, ServerConfig.Rooms rooms, Clock clock, MessageGate gate,
                                               SandboxFeature controls) {
        RoomsSimulation simulation = new RoomsSimulation(new SplittableRandom(), context.population(),
                "sim-" + UUID.randomUUID().toString().substring(0, 8), gate,
                new RoomsSimulation.Settings(ROOMS, rooms.simChatRate(), rooms.simHotRoomRate(),
                        Duration.ofMinutes(5), Duration.ofMinutes(1)));
        RoomTraffic traffic = new RoomTraffic(baseUrl, key, http, simulation, clock, Json.mapper());
        if (controls != null) {
            controls.attach(traffic);
        }
        return new RoomsActivity(traffic);
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
