package dev.moddesk.app.audit;

import dev.moddesk.app.api.AuditApi;
import dev.moddesk.app.api.AuditQuery;
import dev.moddesk.contract.AuditEntry;
import dev.moddesk.contract.Page;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Where the audit view reads entries from; the API in the app, a fake in view-model tests. */
public interface AuditLogSource {
    CompletableFuture<Page<AuditEntry>> page(AuditQuery query);

    CompletableFuture<List<String>> actions();

    static AuditLogSource of(AuditApi api) {
        return new AuditLogSource() {
            @Override
            public CompletableFuture<Page<AuditEntry>> page(AuditQuery query) {
                return api.page(query);
            }

            @Override
            public CompletableFuture<List<String>> actions() {
                return api.actions();
            }
        };
    }
}
