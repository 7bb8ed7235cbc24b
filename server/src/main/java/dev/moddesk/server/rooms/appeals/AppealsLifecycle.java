package dev.moddesk.server.rooms.appeals;

import dev.moddesk.server.core.DataLifecycle;
import dev.moddesk.server.core.ErasureSubject;
import dev.moddesk.server.core.PersonalData;
import dev.moddesk.server.core.Prunable;
import dev.moddesk.server.core.Services;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Appeals in the data lifecycle: decided appeals are pruned with the audit retention (kind {@code rooms.appeals},
 * like the actions they are about); an erased user's appeals keep the sanction, status and decision under the
 * pseudonym with their words {@code [erased]}; the export lists them.
 */
final class AppealsLifecycle implements PersonalData {
    static final String KIND = "rooms.appeals";

    private final AppealLifecycleStore store;

    private AppealsLifecycle(Services services) {
        this.store = new AppealLifecycleStore(services.database().isPostgres());
    }

    static void register(Services services) {
        AppealsLifecycle lifecycle = new AppealsLifecycle(services);
        DataLifecycle.of(services)
                .register(Prunable.inTransactions(services.database().jdbi(), KIND,
                        services.config().retention().auditLog(), lifecycle.store::prune))
                .register(lifecycle);
    }

    @Override
    public String part() {
        return "room appeals";
    }

    @Override
    public Found find(Handle handle, String userId) {
        Set<String> texts = new HashSet<>();
        for (String t : store.texts(handle, userId)) {
            if (t != null && !t.isBlank()) {
                texts.add(t);
            }
        }
        return new Found(texts, Set.of());
    }

    @Override
    public List<Removed> erase(Handle handle, ErasureSubject subject) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("appeals.erased.appeals", store.erase(handle, subject.userId(), subject.pseudonym(),
                ErasureSubject.ERASED_TEXT));
        return PersonalData.counts(counts);
    }

    @Override
    public Object export(Handle handle, String userId) {
        return Map.of("appeals", store.export(handle, userId));
    }
}
