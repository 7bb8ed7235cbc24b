package dev.moddesk.server.review;

import dev.moddesk.server.core.DataLifecycle;
import dev.moddesk.server.core.ErasureSubject;
import dev.moddesk.server.core.PersonalData;
import dev.moddesk.server.core.Prunable;
import dev.moddesk.server.core.Services;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Review's place in the data lifecycle: the video and poster of a finished application go after the media retention
 * (30 days from the decision by default), and an erased applicant's applications keep their decision (kind, reason
 * code, moderator, times) under the pseudonym while nickname, city, answers, video, caption, risk details, notes,
 * question and message go, with the files in the media store and the stored decision answers.
 */
final class ReviewLifecycle implements PersonalData, Prunable {

    private static final Logger LOG = LoggerFactory.getLogger(ReviewLifecycle.class);

    private final Jdbi jdbi;
    private final MediaStore media;
    private final Duration mediaRetention;
    private final ReviewJson json;
    private final ReviewLifecycleStore store = new ReviewLifecycleStore();
    private final RingStore rings = new RingStore();

    ReviewLifecycle(Jdbi jdbi, MediaStore media, Duration mediaRetention, ReviewJson json) {
        this.jdbi = jdbi;
        this.media = media;
        this.mediaRetention = mediaRetention;
        this.json = json;
    }

    static void register(Services services, MediaStore media, ReviewJson json) {
        ReviewLifecycle lifecycle = new ReviewLifecycle(services.database().jdbi(), media,
                services.config().retention().decidedMedia(), json);
        DataLifecycle.of(services).register((Prunable) lifecycle).register((PersonalData) lifecycle);
    }

    @Override
    public String kind() {
        return "review.media";
    }

    @Override
    public Duration retention() {
        return mediaRetention;
    }

    @Override
    public int pruneBatch(Instant cutoff, int limit) {
        List<ReviewLifecycleStore.MediaRow> rows = jdbi.withHandle(h -> store.mediaBefore(h, cutoff, limit));
        if (rows.isEmpty()) {
            return 0;
        }
        int dropped = jdbi.inTransaction(h -> store.dropMedia(h, rows.stream().map(ReviewLifecycleStore.MediaRow::id)
                .toList(), cutoff));
        Set<String> keys = new LinkedHashSet<>();
        rows.forEach(r -> addKeys(keys, r.videoKey(), r.posterKey()));
        deleteUnused(keys);
        return dropped;
    }

    @Override
    public String part() {
        return "review";
    }

    @Override
    public Found find(Handle handle, String userId) {
        Set<String> texts = new HashSet<>();
        Set<Reference> references = new HashSet<>();
        for (var row : store.applications(handle, userId)) {
            references.add(new Reference("application", String.valueOf(row.id())));
            references.add(new Reference("application", row.externalId()));
            for (String text : new String[] {row.nickname(), row.videoCaption(), row.note(), row.question(),
                    row.message()}) {
                addText(texts, text);
            }
            answers(row).forEach(a -> addText(texts, a.text()));
        }
        store.ownedCircleNames(handle, userId).forEach(name -> addText(texts, name));
        return new Found(texts, references);
    }

    @Override
    public List<Removed> erase(Handle handle, ErasureSubject subject) {
        List<ReviewLifecycleStore.ApplicantRow> rows = store.applications(handle, subject.userId());
        Set<String> keys = new LinkedHashSet<>();
        List<Long> ids = new ArrayList<>();
        int answers = 0;
        int storedAnswers = 0;
        for (var row : rows) {
            ids.add(row.id());
            addKeys(keys, row.videoKey(), row.posterKey());
            answers += answers(row).size();
            storedAnswers += store.deleteStoredAnswers(handle, row.id());
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("review.erased.withdrawn", store.withdrawUndecided(handle, subject.userId()));
        counts.put("review.erased.applications", store.pseudonymize(handle, subject.userId(), subject.pseudonym()));
        counts.put("review.erased.answers", answers);
        counts.put("review.erased.fingerprints", store.deleteFingerprints(handle, subject.userId(), ids));
        rings.forget(handle, subject.userId()); // the rings they were in shrink
        counts.put("review.erased.decisionAnswers", storedAnswers);
        counts.put("review.erased.media", keys.size());
        int circleAnswers = 0;
        // Circles owned by id, and circles the platform named only by an owner name the user goes by (no ownerId).
        List<String> owners = new ArrayList<>(store.ownedCircleNames(handle, subject.userId()));
        owners.addAll(store.namedCircleOwners(handle, subject.texts()));
        for (String owner : owners) {
            circleAnswers += store.deleteStoredAnswersHolding(handle, owner);
        }
        counts.put("review.erased.circleOwners", store.eraseCircleOwner(handle, subject.userId(), subject.pseudonym(),
                ErasureSubject.ERASED_TEXT) + store.eraseNamedCircleOwners(handle, subject.texts(),
                ErasureSubject.ERASED_TEXT));
        counts.put("review.erased.circleOwnerAnswers", circleAnswers);
        handle.afterCommit(() -> deleteUnused(keys));
        return PersonalData.counts(counts);
    }

    @Override
    public Object export(Handle handle, String userId) {
        return export(handle, userId, Found.nothing());
    }

    /** Their applications, and the circles they own: by ownerId, or by an owner name they go by when none was given. */
    @Override
    public Object export(Handle handle, String userId, Found found) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("applications", store.applications(handle, userId).stream().map(r -> r.export(answers(r))).toList());
        out.put("ownedCircles", store.ownedCircles(handle, userId, found.texts()));
        return out;
    }

    private List<StoredAnswer> answers(ReviewLifecycleStore.ApplicantRow row) {
        return row.answersJson() == null ? List.of() : json.read(row.answersJson(), ReviewJson.ANSWERS);
    }

    /** Deletes each file no application names any more; a failure is logged, the rows are already clean. */
    private void deleteUnused(Set<String> keys) {
        for (String key : keys) {
            try {
                if (!jdbi.withHandle(h -> store.mediaInUse(h, key))) {
                    media.delete(key);
                }
            } catch (IOException | RuntimeException e) {
                // platform-hosted media (a URL in the key column) is not ours to delete: the store refuses it
                LOG.warn("Could not delete media {} from the store: {}", key, e.toString());
            }
        }
    }

    private static void addKeys(Set<String> keys, String... values) {
        for (String v : values) {
            if (v != null) {
                keys.add(v);
            }
        }
    }

    private static void addText(Set<String> texts, String text) {
        if (text != null && !text.isBlank()) {
            texts.add(text.strip());
        }
    }
}
