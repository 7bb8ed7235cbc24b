package dev.moddesk.server.review;

import dev.moddesk.contract.ProblemType;
import dev.moddesk.contract.review.ApplicationDetail;
import java.time.Duration;
import java.time.Instant;
import org.jdbi.v3.core.Handle;

/** Reads one application for a moderator: 404 when it does not exist, 403 when it is outside their cities. */
final class ApplicationLoader {

    /** Viewers seen within this long are shown as looking at an application. */
    static final Duration PRESENCE_WINDOW = Duration.ofSeconds(30);

    private final ReviewStores stores;
    private final ReviewRepository repository;
    private final ApplicationViews views;

    ApplicationLoader(ReviewStores stores, ReviewRepository repository, ApplicationViews views) {
        this.stores = stores;
        this.repository = repository;
        this.views = views;
    }

    ApplicationRow load(Handle h, ReviewActor actor, long id, boolean forUpdate) {
        ApplicationRow row = (forUpdate ? repository.lockApplication(h, id) : stores.applications().application(h, id))
                .orElseThrow(() -> ReviewFailure.of(ProblemType.NOT_FOUND, "review.noApplication", id));
        if (!actor.mayReview(row.city())) {
            throw ReviewFailure.outOfScope(row.city());
        }
        return row;
    }

    /** The detail of {@code r} with its circle and who else looks at it. */
    ApplicationDetail detail(Handle h, ReviewActor actor, ApplicationRow r, Instant now) {
        return views.detail(r, stores.circles().circle(h, r.circleId()).orElseThrow(),
                stores.queue().viewers(h, r.id(), actor.staffId(), now.minus(PRESENCE_WINDOW)), ring(h, r), now);
    }

    /** The current size of {@code r}'s copy-paste ring, read only when it carries the ring signal. */
    int ring(Handle h, ApplicationRow r) {
        return ApplicationViews.inRing(r) ? stores.rings().currentRing(h, r.id()) : 0;
    }
}
