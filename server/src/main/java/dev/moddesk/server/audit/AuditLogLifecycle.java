package dev.moddesk.server.audit;

import dev.moddesk.server.core.ErasureSubject;
import dev.moddesk.server.core.PersonalData;
import dev.moddesk.server.core.Prunable;
import dev.moddesk.server.core.Services;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The audit log's place in the data lifecycle: entries older than the audit retention (at least 180 days) are
 * pruned, and an erased user's entries stay (who did what, when) with the user replaced by their pseudonym and
 * every personal text the other parts found scrubbed from the states and reasons.
 */
final class AuditLogLifecycle implements Prunable, PersonalData {

    private final Jdbi jdbi;
    private final Duration retention;
    private final AuditLifecycleStore store;

    AuditLogLifecycle(Services services) {
        this.jdbi = services.database().jdbi();
        this.retention = services.config().retention().auditLog();
        this.store = new AuditLifecycleStore(services.database().isPostgres());
    }

    @Override
    public String kind() {
        return "audit.log";
    }

    @Override
    public Duration retention() {
        return retention;
    }

    @Override
    public int pruneBatch(Instant cutoff, int limit) {
        return jdbi.inTransaction(h -> store.pruneBefore(h, cutoff, limit));
    }

    @Override
    public String part() {
        return "audit";
    }

    @Override
    public Found find(Handle handle, String userId) {
        return Found.nothing(); // the audit log copies what others hold; it has nothing of its own to offer
    }

    @Override
    public List<Removed> erase(Handle handle, ErasureSubject subject) {
        List<AuditLifecycleStore.Row> rows = store.about(handle, subject.userId(), subject.referencesByType());
        int changed = store.pseudonymize(handle, rows, subject);
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("audit.erased.entries", changed);
        return PersonalData.counts(counts);
    }

    @Override
    public Object export(Handle handle, String userId) {
        // Only entries naming the user directly: records about them are exported by their owners.
        return store.about(handle, userId, Map.of()).stream().map(AuditLifecycleStore.Row::export).toList();
    }
}
