package dev.moddesk.server.lifecycle;

import dev.moddesk.contract.lifecycle.ErasureReport;
import dev.moddesk.server.core.AuditLog;
import dev.moddesk.server.core.DataLifecycle;
import dev.moddesk.server.core.ErasureSubject;
import dev.moddesk.server.core.PersonalData;
import dev.moddesk.server.core.ProblemText;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Erases a platform user (PIPL art. 47) inside the caller's transaction: every registered {@link PersonalData} part
 * first says what it holds ({@link PersonalData#find}), then each removes it with the whole picture
 * ({@link PersonalData#erase}); the erasure is recorded by pseudonym and audited. The same transaction serves the
 * admin route and the platform's {@code user.erased} event.
 */
final class Erasure {

    static final String AUDIT_ACTION = "lifecycle.user.erase";

    private final DataLifecycle lifecycle;
    private final Pseudonyms pseudonyms;
    private final AuditLog auditLog;
    private final Clock clock;
    private final LifecycleStore store = new LifecycleStore();

    Erasure(DataLifecycle lifecycle, Pseudonyms pseudonyms, AuditLog auditLog, Clock clock) {
        this.lifecycle = lifecycle;
        this.pseudonyms = pseudonyms;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    /** Who asked: the audit entry's actor. */
    record Actor(Long staffId, String name, String clientAddress) {
    }

    /** Erases the user; the report's lines read in {@code language} (the audit entry's in English). */
    ErasureReport erase(Handle h, String userId, Actor actor, String reason, Locale language) {
        String pseudonym = pseudonyms.of(userId);
        Set<String> texts = new HashSet<>();
        Set<PersonalData.Reference> references = new HashSet<>();
        List<PersonalData> parts = lifecycle.personalData();
        for (PersonalData part : parts) {
            PersonalData.Found found = part.find(h, userId);
            texts.addAll(found.texts());
            references.addAll(found.references());
        }
        ErasureSubject subject = new ErasureSubject(userId, pseudonym, texts, references);
        List<ErasureReport.Removed> removed = new ArrayList<>();
        for (PersonalData part : parts) {
            for (PersonalData.Removed r : part.erase(h, subject)) {
                removed.add(new ErasureReport.Removed(part.part(), r.key(), text(language, r.key()), r.count()));
            }
        }
        Instant now = clock.instant();
        boolean repeated = store.erasedBefore(h, pseudonym);
        Map<String, Object> counts = new LinkedHashMap<>();
        removed.forEach(r -> counts.put(r.part() + ": " + text(Locale.ENGLISH, r.key()), r.count()));
        store.recordErasure(h, pseudonym, now, actor.name(), AuditLog.toJson(counts), repeated);
        // The admin's reason may name the person: it is scrubbed like everything else.
        auditLog.record(h, new AuditLog.Entry(actor.staffId(), actor.name(), AUDIT_ACTION, "user", pseudonym, null,
                counts, subject.scrubText(reason), actor.clientAddress()));
        return new ErasureReport(pseudonym, now, repeated, List.copyOf(removed));
    }

    private static String text(Locale language, String key) {
        String text = ProblemText.format(language, key, List.of());
        return text == null ? key : text;
    }
}
