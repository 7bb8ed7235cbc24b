package dev.moddesk.server.rooms.appeals;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.moddesk.contract.Role;
import dev.moddesk.contract.rooms.Appeal;
import dev.moddesk.contract.rooms.AppealDecisionRequest;
import dev.moddesk.server.core.Access;
import dev.moddesk.server.core.Api;
import dev.moddesk.server.core.Call;
import dev.moddesk.server.core.Feature;
import dev.moddesk.server.core.Services;
import dev.moddesk.server.platform.PlatformGateway;
import dev.moddesk.server.rooms.actions.RoomActions;
import dev.moddesk.server.rooms.bus.RoomBuses;
import dev.moddesk.server.rooms.reports.RoomReports;
import java.lang.reflect.Type;
import java.util.List;

/**
 * The appeal queue (OPS and ADMIN; moderators 403): {@code GET /api/v1/appeals?status=}, {@code POST
 * /api/v1/appeals/{id}/uphold|lift} (Idempotency-Key); the platform's {@code appeal.created}; appeals' personal data
 * and retention ({@link AppealsLifecycle}).
 */
public final class AppealsFeature implements Feature {
    static final String BASE = "/api/v1/appeals";
    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final RoomAppeals appeals;

    public AppealsFeature(Services services) {
        var feed = PlatformGateway.of(services).actions();
        RoomActions actions = new RoomActions(services.database().jdbi(), RoomBuses.of(services),
                services.auditLog(), feed, services.clock(), RoomReports.of(services));
        this.appeals = new RoomAppeals(services.database().jdbi(), actions, services.auditLog(), feed,
                services.clock());
        PlatformGateway.of(services).ingest().register(new AppealIngest(appeals));
        AppealsLifecycle.register(services);
    }

    @Override
    public void register(Api api) {
        Type list = new TypeReference<List<Appeal>>() { }.getType();
        Access staff = Access.role(Role.OPS);
        api.get(BASE).summary("Appeals with their sanctions and evidence, oldest first (at most 500)").tag("rooms")
                .access(staff).query("status", String.class, "OPEN (default), UPHELD, LIFTED or ALL")
                .response(200, list).errors(400, 403)
                .handle(call -> appeals.list(status(call)));

        api.post(BASE + "/{id}/uphold").pathParam("id", Long.class)
                .summary("Uphold an appeal: the sanction stays (appeal.decided UPHELD); idempotent").tag("rooms")
                .access(staff).body(AppealDecisionRequest.class)
                .header(IDEMPOTENCY_KEY, "required; a replay with the same key and body returns the stored result")
                .response(200, Appeal.class).errors(403, 404, 409)
                .handle(call -> appeals.decide(call.principal(), call.pathId("id"), call.header(IDEMPOTENCY_KEY),
                        false, note(call)));

        api.post(BASE + "/{id}/lift").pathParam("id", Long.class)
                .summary("Lift the sanction an appeal is about through its undo (unmute, lift the kick);"
                        + " appeal.decided LIFTED; idempotent").tag("rooms")
                .access(staff).body(AppealDecisionRequest.class)
                .header(IDEMPOTENCY_KEY, "required; a replay with the same key and body returns the stored result")
                .response(200, Appeal.class).errors(403, 404, 409, 503)
                .handle(call -> appeals.decide(call.principal(), call.pathId("id"), call.header(IDEMPOTENCY_KEY),
                        true, note(call)));
    }

    private static String note(Call call) {
        AppealDecisionRequest body = call.body();
        return body == null ? null : body.note();
    }

    private static String status(Call call) {
        String raw = call.query("status");
        if (raw == null) {
            return RoomAppeals.OPEN;
        }
        return switch (raw) {
            case "ALL" -> null;
            case RoomAppeals.OPEN, RoomAppeals.UPHELD, RoomAppeals.LIFTED -> raw;
            default -> throw Call.invalidQuery("status", "rooms.appeals.query.status");
        };
    }
}
