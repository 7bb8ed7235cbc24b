package dev.moddesk.server.sandbox;

import dev.moddesk.contract.ProblemType;
import dev.moddesk.contract.Role;
import dev.moddesk.contract.rooms.HotRoomSpike;
import dev.moddesk.server.core.Access;
import dev.moddesk.server.core.Api;
import dev.moddesk.server.core.Feature;
import dev.moddesk.server.core.ProblemException;
import dev.moddesk.server.core.Services;
import dev.moddesk.server.sandbox.rooms.RoomTraffic;
import java.time.Clock;
import java.time.Duration;

/**
 * The sandbox's controls for staff: {@code POST /api/v1/sandbox/hot-room?seconds=} (OPS and ADMIN) makes the simulated
 * platform's hot room spike now, at {@code --sim-hot-room-rate} lines a second more, for the given seconds (default
 * 60). Registered on every server so the route table is the same everywhere; it answers 404 where no simulated rooms
 * run (not a sandbox, {@code --no-sim}, {@code --sim-chat-rate 0} or {@code --sim-hot-room-rate 0}).
 * {@link SandboxSimulation} hands it the running rooms.
 */
public final class SandboxFeature implements Feature {

    static final int DEFAULT_SPIKE_SECONDS = 60;
    static final int MAX_SPIKE_SECONDS = 600;

    private final Clock clock;
    private final double hotRoomRate;
    private volatile RoomTraffic rooms;

    public SandboxFeature(Services services) {
        this.clock = services.clock();
        this.hotRoomRate = services.config().rooms().simHotRoomRate();
    }

    /** The simulated rooms now running (null: none). */
    void attach(RoomTraffic traffic) {
        this.rooms = traffic;
    }

    @Override
    public void register(Api api) {
        api.post("/api/v1/sandbox/hot-room")
                .summary("Sandbox only: make the simulated platform's hot room spike now (--sim-hot-room-rate more"
                        + " lines a second) for the given seconds")
                .tag("sandbox").access(Access.role(Role.OPS))
                .query("seconds", Integer.class, "how long the spike lasts, 10 to " + MAX_SPIKE_SECONDS
                        + " (default " + DEFAULT_SPIKE_SECONDS + ")")
                .response(200, HotRoomSpike.class).errors(400, 404)
                .handle(call -> {
                    Integer asked = call.queryInt("seconds", 10, MAX_SPIKE_SECONDS);
                    return spike(asked == null ? DEFAULT_SPIKE_SECONDS : asked);
                });
    }

    HotRoomSpike spike(int seconds) {
        RoomTraffic traffic = rooms;
        if (traffic == null || hotRoomRate <= 0) {
            throw ProblemException.keyed(ProblemType.NOT_FOUND, "sandbox.hotRoom.none");
        }
        traffic.spike(Duration.ofSeconds(seconds));
        return new HotRoomSpike(traffic.hotRoomId(), seconds, hotRoomRate, clock.instant().plusSeconds(seconds));
    }
}
