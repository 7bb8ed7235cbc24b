package dev.moddesk.server.rooms.held;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.moddesk.contract.rooms.HeldMessage;
import dev.moddesk.contract.rooms.HeldStatus;
import dev.moddesk.server.core.Access;
import dev.moddesk.server.core.Api;
import dev.moddesk.server.core.BackgroundJobs;
import dev.moddesk.server.core.Call;
import dev.moddesk.server.core.DataLifecycle;
import dev.moddesk.server.core.Feature;
import dev.moddesk.server.core.Prunable;
import dev.moddesk.server.core.Services;
import dev.moddesk.server.platform.PlatformGateway;
import dev.moddesk.server.rooms.RoomsFeature;
import dev.moddesk.server.rooms.bus.RoomBuses;
import dev.moddesk.server.rooms.words.RoomWords;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The held-for-review queue (OPS and ADMIN; moderators 403): {@code GET /api/v1/held-messages},
 * {@code POST /api/v1/held-messages/{id}/release|deny}; the platform's {@code message.held} events; and the job that
 * drops held messages past their deadline ({@code --held-deadline-minutes}), every two seconds on every node; settled
 * ones are pruned after {@code --retention-held-messages-days} (retention kind {@code rooms.held}).
 */
public final class HeldFeature implements Feature {
    static final String BASE = "/api/v1/held-messages";

    private final HeldMessages held;
    private BackgroundJobs deadlines;

    public HeldFeature(Services services) {
        this.held = new HeldMessages(services.database().jdbi(), RoomBuses.of(services), services.auditLog(),
                PlatformGateway.of(services).actions(), RoomWords.of(services).screen(), services.clock(),
                services.config().rooms().heldDeadline());
        PlatformGateway.of(services).ingest().register(new HeldIngest(held));
        Duration kept = services.config().retention().heldMessages();
        DataLifecycle.of(services).register(new Prunable() {
            @Override
            public String kind() {
                return "rooms.held";
            }

            @Override
            public Duration retention() {
                return kept;
            }

            @Override
            public int pruneBatch(Instant cutoff, int limit) {
                return held.pruneSettled(cutoff, limit);
            }
        });
    }

    public HeldMessages held() {
        return held;
    }

    @Override
    public void register(Api api) {
        Type list = new TypeReference<List<HeldMessage>>() { }.getType();
        Access staff = RoomsFeature.HELD_READERS;
        api.get(BASE).summary("Held messages, the nearest deadline first (at most 500)").tag("rooms").access(staff)
                .query("status", String.class, "HELD (default), RELEASED, DENIED, DROPPED or ALL")
                .query("room", String.class, "only this room")
                .response(200, list).errors(400, 403)
                .handle(call -> held.list(status(call), call.query("room")));

        api.post(BASE + "/{id}/release").pathParam("id", Long.class)
                .summary("Release a held message: the platform shows it (message.released); idempotent")
                .tag("rooms").access(staff).response(200, HeldMessage.class).errors(403, 404, 409, 503)
                .handle(call -> held.decide(call.principal(), call.pathId("id"), HeldMessages.Outcome.RELEASED));

        api.post(BASE + "/{id}/deny").pathParam("id", Long.class)
                .summary("Deny a held message: the platform drops it (message.denied); idempotent")
                .tag("rooms").access(staff).response(200, HeldMessage.class).errors(403, 404, 409, 503)
                .handle(call -> held.decide(call.principal(), call.pathId("id"), HeldMessages.Outcome.DENIED));
    }

    private static HeldStatus status(Call call) {
        String raw = call.query("status");
        if (raw == null) {
            return HeldStatus.HELD;
        }
        if (raw.equals("ALL")) {
            return null;
        }
        try {
            return HeldStatus.valueOf(raw);
        } catch (IllegalArgumentException e) {
            throw Call.invalidQuery("status", "rooms.held.query.status");
        }
    }

    @Override
    public void start() {
        deadlines = BackgroundJobs.on("moddesk-held-deadline")
                .every(Duration.ofSeconds(2), Duration.ofSeconds(2), "Dropping held messages past their deadline",
                        held::dropOverdue);
    }

    @Override
    public void stop() {
        if (deadlines != null) {
            deadlines.close();
        }
    }
}
