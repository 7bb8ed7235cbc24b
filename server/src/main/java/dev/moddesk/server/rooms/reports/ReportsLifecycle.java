package dev.moddesk.server.rooms.reports;

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
 * User reports in the data lifecycle. Settled reports (and then their decisions) are pruned after the held-messages
 * retention (kind {@code rooms.reports}, {@code --retention-held-messages-days}); open ones stay. An erased user's
 * reports keep room, kind, reason, time and status: as the reported user their id becomes the pseudonym and their
 * nickname and reported line {@code [erased]}; as a reporter their id becomes the pseudonym and their words
 * {@code [erased]}. The export lists the reports they filed and, without the reporters, the reports about them.
 */
final class ReportsLifecycle implements PersonalData {
    static final String KIND = "rooms.reports";

    private final ReportLifecycleStore store;

    private ReportsLifecycle(Services services) {
        this.store = new ReportLifecycleStore(services.database().isPostgres());
    }

    static void register(Services services) {
        ReportsLifecycle lifecycle = new ReportsLifecycle(services);
        DataLifecycle.of(services)
                .register(Prunable.inTransactions(services.database().jdbi(), KIND,
                        services.config().retention().heldMessages(), lifecycle.store::prune))
                .register(lifecycle);
    }

    @Override
    public String part() {
        return "room reports";
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
        counts.put("reports.erased.about", store.eraseAbout(handle, subject.userId(), subject.pseudonym(),
                ErasureSubject.ERASED_TEXT));
        counts.put("reports.erased.filed", store.eraseFiled(handle, subject.userId(), subject.pseudonym(),
                ErasureSubject.ERASED_TEXT));
        counts.put("reports.erased.decisions", store.eraseDecisions(handle, subject.userId(), subject.pseudonym()));
        return PersonalData.counts(counts);
    }

    @Override
    public Object export(Handle handle, String userId) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("reportsFiled", store.exportFiled(handle, userId));
        out.put("reportsAboutUser", store.exportAbout(handle, userId));
        return out;
    }
}
