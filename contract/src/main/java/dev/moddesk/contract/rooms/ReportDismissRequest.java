package dev.moddesk.contract.rooms;

/** Dismiss the open reports of one target (a {@link ReportGroup}) without acting, with a reason and a note. */
public record ReportDismissRequest(String roomId, ReportTarget targetKind, String targetId,
                                   ReportDismissReason reason, String note) {
}
