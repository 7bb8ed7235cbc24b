package dev.moddesk.server.sandbox.rooms;

import dev.moddesk.contract.platform.FeedAction;
import dev.moddesk.contract.platform.IngestEvent;
import dev.moddesk.server.sandbox.SimulatedActivity;
import java.time.Instant;
import java.util.List;

/**
 * The live rooms as one of the simulator's activities: the rooms keep their own pace on {@link RoomTraffic}'s thread
 * (started with the seed, when the simulated users exist), so this activity only passes the action feed's
 * {@code room.*} actions on to them and stops them with the simulator.
 */
public final class RoomsActivity implements SimulatedActivity {

    private final RoomTraffic traffic;

    public RoomsActivity(RoomTraffic traffic) {
        this.traffic = traffic;
    }

    @Override
    public String name() {
        return "rooms";
    }

    @Override
    public List<IngestEvent> seed(Instant now) {
        traffic.start();
        return List.of();
    }

    @Override
    public List<IngestEvent> tick(Instant now) {
        return List.of();
    }

    @Override
    public List<IngestEvent> onAction(FeedAction action, Instant now) {
        if (action.type() != null && action.type().startsWith("room.")) {
            traffic.offer(action);
        }
        return List.of();
    }

    @Override
    public void stop() {
        traffic.close();
    }
}
