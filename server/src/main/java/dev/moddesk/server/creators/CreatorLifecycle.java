package dev.moddesk.server.creators;

import dev.moddesk.server.core.DataLifecycle;
import dev.moddesk.server.core.ErasureSubject;
import dev.moddesk.server.core.PersonalData;
import dev.moddesk.server.core.Services;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Creators' place in the data lifecycle: an erased user's creator profiles keep their tier, overrides, fan groups and
 * history under the pseudonym, without their display name; the justifications they wrote in quota requests go, as do
 * stored answers of changes that carry their name. Audit entries and actions about them (target {@code creator}) are
 * scrubbed by their owners with the texts found here.
 */
final class CreatorLifecycle implements PersonalData {

    private final CreatorLifecycleStore store = new CreatorLifecycleStore();

    static void register(Services services) {
        DataLifecycle.of(services).register(new CreatorLifecycle());
    }

    @Override
    public String part() {
        return "creators";
    }

    @Override
    public Found find(Handle handle, String userId) {
        Set<String> texts = new HashSet<>();
        Set<Reference> references = new HashSet<>();
        List<CreatorLifecycleStore.Profile> profiles = store.profiles(handle, userId);
        for (var p : profiles) {
            texts.add(p.displayName());
            references.add(new Reference("creator", p.externalId()));
            references.add(new Reference("creator", String.valueOf(p.id())));
        }
        if (!profiles.isEmpty()) {
            store.justifications(handle, ids(profiles)).stream().filter(t -> t != null && !t.isBlank())
                    .forEach(texts::add);
        }
        return new Found(texts, references);
    }

    @Override
    public List<Removed> erase(Handle handle, ErasureSubject subject) {
        List<CreatorLifecycleStore.Profile> profiles = store.profiles(handle, subject.userId());
        Map<String, Integer> counts = new LinkedHashMap<>();
        int answers = 0;
        for (var p : profiles) {
            answers += store.deleteStoredAnswersHolding(handle, p.displayName());
        }
        counts.put("creators.erased.justifications", profiles.isEmpty() ? 0
                : store.eraseJustifications(handle, ids(profiles), ErasureSubject.ERASED_TEXT));
        counts.put("creators.erased.profiles", store.pseudonymize(handle, subject.userId(), subject.pseudonym(),
                ErasureSubject.ERASED_TEXT));
        counts.put("creators.erased.changeAnswers", answers);
        return PersonalData.counts(counts);
    }

    @Override
    public Object export(Handle handle, String userId) {
        return store.export(handle, userId);
    }

    private static List<Long> ids(List<CreatorLifecycleStore.Profile> profiles) {
        return profiles.stream().map(CreatorLifecycleStore.Profile::id).toList();
    }
}
