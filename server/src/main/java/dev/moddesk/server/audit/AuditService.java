package dev.moddesk.server.audit;

import dev.moddesk.contract.AuditEntry;
import dev.moddesk.contract.Page;
import dev.moddesk.contract.Role;
import dev.moddesk.server.core.Principal;
import dev.moddesk.server.core.Services;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** Reading the audit log with the visibility rule: admins see every entry, other staff only their own. */
final class AuditService {
    private final Jdbi jdbi;
    private final AuditStore store = new AuditStore();

    AuditService(Services services) {
        this.jdbi = services.database().jdbi();
    }

    /** One page, newest first; {@code filter.beforeId} is the decoded cursor. */
    Page<AuditEntry> page(Principal reader, AuditStore.Filter filter, int limit) {
        AuditStore.Filter visible = new AuditStore.Filter(ownOnly(reader), filter.actorName(), filter.action(),
                filter.targetType(), filter.targetId(), filter.from(), filter.to(), filter.beforeId());
        List<AuditEntry> found = jdbi.withHandle(h -> store.find(h, visible, limit + 1));
        boolean more = found.size() > limit;
        List<AuditEntry> items = more ? found.subList(0, limit) : found;
        return new Page<>(items, more ? AuditFeature.encodeCursor(items.getLast().id()) : null);
    }

    List<String> actions(Principal reader) {
        return jdbi.withHandle(h -> store.actions(h, ownOnly(reader)));
    }

    private static Long ownOnly(Principal principal) {
        return principal.role().covers(Role.ADMIN) ? null : principal.staffId();
    }
}
