package dev.moddesk.server.platform;

import dev.moddesk.server.core.DataLifecycle;
import dev.moddesk.server.core.ErasureSubject;
import dev.moddesk.server.core.PersonalData;
import dev.moddesk.server.core.Prunable;
import dev.moddesk.server.core.Services;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The platform side's place in the data lifecycle: finished webhook deliveries and applied event ids age out, the
 * user's row ({@code user.upserted}: nickname, city) is deleted on erasure, and actions about them keep their feed id
 * and type with the user replaced by the pseudonym and personal texts (the message to the applicant) scrubbed.
 */
final class PlatformLifecycle implements PersonalData {

    private final Jdbi jdbi;
    private final PlatformLifecycleStore store;

    private PlatformLifecycle(Services services) {
        this.jdbi = services.database().jdbi();
        this.store = new PlatformLifecycleStore(services.database().isPostgres());
    }

    /** Registers the platform's retention kinds and personal data with the server's lifecycle. */
    static void register(Services services) {
        PlatformLifecycle lifecycle = new PlatformLifecycle(services);
        var retention = services.config().retention();
        DataLifecycle.of(services)
                .register(Prunable.inTransactions(lifecycle.jdbi, "platform.webhook_deliveries",
                        retention.webhookDeliveries(), lifecycle.store::pruneDeliveries))
                .register(Prunable.inTransactions(lifecycle.jdbi, "platform.ingest_events", retention.ingestEvents(),
                        lifecycle.store::pruneIngestEvents))
                .register(lifecycle);
    }

    @Override
    public String part() {
        return "platform";
    }

    @Override
    public Found find(Handle handle, String userId) {
        Map<String, Object> user = store.user(handle, userId);
        if (user == null || user.get("nickname") == null) {
            return Found.nothing();
        }
        return new Found(Set.of((String) user.get("nickname")), Set.of());
    }

    @Override
    public List<Removed> erase(Handle handle, ErasureSubject subject) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("platform.erased.profile", store.deleteUser(handle, subject.userId()));
        int rewritten = 0;
        for (var action : store.actionsAbout(handle, subject.userId(), subject.referencesByType())) {
            String targetId = subject.scrubText(action.targetId());
            String payload = subject.scrubJson(action.payload());
            if (!targetId.equals(action.targetId()) || !payload.equals(action.payload())) {
                rewritten += store.rewriteAction(handle, action.id(), targetId, payload);
            }
        }
        counts.put("platform.erased.actions", rewritten);
        return PersonalData.counts(counts);
    }

    @Override
    public Object export(Handle handle, String userId) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("profile", store.user(handle, userId));
        List<Map<String, Object>> actions = new ArrayList<>();
        for (var a : store.actionsAbout(handle, userId, Map.of())) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", a.id());
            m.put("type", a.type());
            m.put("targetType", a.targetType());
            m.put("targetId", a.targetId());
            m.put("payload", dev.moddesk.server.core.AuditLog.fromJson(a.payload()));
            m.put("createdAt", a.createdAt());
            actions.add(m);
        }
        out.put("actions", actions);
        return out;
    }
}
