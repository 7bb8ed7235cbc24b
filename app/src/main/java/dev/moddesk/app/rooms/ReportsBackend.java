package dev.moddesk.app.rooms;

import dev.moddesk.app.api.ReportsApi;
import dev.moddesk.app.api.RoomsApi;
import dev.moddesk.contract.rooms.ReportDecision;
import dev.moddesk.contract.rooms.ReportDismissRequest;
import dev.moddesk.contract.rooms.ReportGroup;
import dev.moddesk.contract.rooms.ReportReason;
import dev.moddesk.contract.rooms.ReportTarget;
import dev.moddesk.contract.rooms.RoomActionRequest;
import dev.moddesk.contract.rooms.RoomActionResult;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The REST side of the report queue (the session's APIs; a fake in tests). */
public interface ReportsBackend {

    CompletableFuture<List<ReportGroup>> open(String roomId, ReportReason reason, ReportTarget target);

    CompletableFuture<ReportDecision> dismiss(String idempotencyKey, ReportDismissRequest request);

    /** A room action on the reported target; the server resolves the target's reports with it. */
    CompletableFuture<RoomActionResult> act(String roomId, String idempotencyKey, RoomActionRequest action);

    static ReportsBackend of(ReportsApi reports, RoomsApi rooms) {
        return new ReportsBackend() {
            @Override
            public CompletableFuture<List<ReportGroup>> open(String roomId, ReportReason reason, ReportTarget target) {
                return reports.open(roomId, reason, target);
            }

            @Override
            public CompletableFuture<ReportDecision> dismiss(String key, ReportDismissRequest request) {
                return reports.dismiss(key, request);
            }

            @Override
            public CompletableFuture<RoomActionResult> act(String roomId, String key, RoomActionRequest action) {
                return rooms.act(roomId, key, action);
            }
        };
    }
}
