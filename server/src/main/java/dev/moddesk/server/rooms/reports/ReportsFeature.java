package dev.moddesk.server.rooms.reports;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.moddesk.contract.Role;
import dev.moddesk.contract.rooms.ReportDecision;
import dev.moddesk.contract.rooms.ReportDismissRequest;
import dev.moddesk.contract.rooms.ReportGroup;
import dev.moddesk.contract.rooms.ReportReason;
import dev.moddesk.contract.rooms.ReportTarget;
import dev.moddesk.server.core.Access;
import dev.moddesk.server.core.Api;
import dev.moddesk.server.core.Call;
import dev.moddesk.server.core.Feature;
import dev.moddesk.server.core.Services;
import dev.moddesk.server.platform.PlatformGateway;
import dev.moddesk.server.rooms.bus.RoomBuses;
import java.lang.reflect.Type;
import java.util.List;

/**
 * The user report queue (OPS and ADMIN; moderators 403): {@code GET /api/v1/reports} (open reports grouped per
 * target, filters room, reason, target), {@code POST /api/v1/reports/dismiss} (Idempotency-Key); the platform's
 * {@code report.created} events; and live rooms' personal data and retention for reports ({@link ReportsLifecycle}).
 * Resolving is a room action on the target ({@code POST /api/v1/rooms/{room}/actions}), which settles the reports.
 */
public final class ReportsFeature implements Feature {
    static final String BASE = "/api/v1/reports";
    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final RoomReports reports;

    public ReportsFeature(Services services) {
        this.reports = RoomReports.of(services);
        PlatformGateway.of(services).ingest().register(new ReportIngest(reports,
                new ReportedMessages(() -> RoomBuses.of(services))));
        ReportsLifecycle.register(services);
    }

    @Override
    public void register(Api api) {
        Type groups = new TypeReference<List<ReportGroup>>() { }.getType();
        Access staff = Access.role(Role.OPS);
        api.get(BASE).summary("Open user reports grouped per target (message, user, room), the most reported first")
                .tag("rooms").access(staff)
                .query("room", String.class, "only this room")
                .query("reason", String.class, "only reports of this category (SPAM, HARASSMENT, ...)")
                .query("target", String.class, "MESSAGE, USER or ROOM")
                .response(200, groups).errors(400, 403)
                .handle(call -> reports.open(call.query("room"), oneOf(call, "reason", ReportReason.class,
                        "rooms.reports.query.reason"), oneOf(call, "target", ReportTarget.class,
                        "rooms.reports.query.target")));

        api.post(BASE + "/dismiss")
                .summary("Dismiss a target's open reports with a reason (report.resolved, DISMISSED); idempotent")
                .tag("rooms").access(staff).body(ReportDismissRequest.class)
                .header(IDEMPOTENCY_KEY, "required; a replay with the same key and body returns the stored result")
                .response(200, ReportDecision.class).errors(403, 409)
                .handle(call -> reports.dismiss(call.principal(), call.header(IDEMPOTENCY_KEY), call.body()));
    }

    private static <E extends Enum<E>> E oneOf(Call call, String name, Class<E> type, String refusal) {
        String raw = call.query(name);
        if (raw == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, raw);
        } catch (IllegalArgumentException e) {
            throw Call.invalidQuery(name, refusal);
        }
    }
}
