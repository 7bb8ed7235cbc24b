package dev.moddesk.server.rooms.actions;

import dev.moddesk.contract.Role;
import dev.moddesk.contract.rooms.RoomActionRequest;
import dev.moddesk.contract.rooms.RoomActionResult;
import dev.moddesk.server.core.Access;
import dev.moddesk.server.core.Api;
import dev.moddesk.server.core.Feature;
import dev.moddesk.server.core.Services;
import dev.moddesk.server.platform.PlatformGateway;
import dev.moddesk.server.rooms.bus.RoomBus;
import dev.moddesk.server.rooms.bus.RoomBuses;
import dev.moddesk.server.rooms.reports.RoomReports;

/**
 * Staff actions in live rooms (OPS and ADMIN; moderators 403): {@code POST /api/v1/rooms/{room}/actions} with an
 * Idempotency-Key, over {@link RoomActions} and the server's shared room bus ({@link RoomBuses}).
 */
public final class RoomActionsFeature implements Feature {

    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final RoomActions actions;
    private final RoomBus bus;

    public RoomActionsFeature(Services services) {
        this.bus = RoomBuses.of(services);
        // A room action on a reported target resolves its open user reports (RoomReports, in the same transaction).
        this.actions = new RoomActions(services.database().jdbi(), bus, services.auditLog(),
                PlatformGateway.of(services).actions(), services.clock(), RoomReports.of(services));
    }

    public RoomActions actions() {
        return actions;
    }

    /** The room bus the actions append to (the server's shared one). */
    public RoomBus bus() {
        return bus;
    }

    @Override
    public void register(Api api) {
        api.post("/api/v1/rooms/{room}/actions").pathParam("room", String.class)
                .summary("Act in a room (delete a message, mute, kick, warn, seats, slow mode, songs, source, close,"
                        + " and undo a sanction); becomes an action event, an audit entry with evidence and a feed"
                        + " action")
                .tag("rooms").access(Access.role(Role.OPS)).body(RoomActionRequest.class)
                .header(IDEMPOTENCY_KEY, "required; a replay with the same key and body returns the stored result")
                .response(200, RoomActionResult.class).errors(404, 409, 503)
                .handle(call -> actions.take(call.principal(), call.pathParam("room"), call.header(IDEMPOTENCY_KEY),
                        call.body()));
    }
}
