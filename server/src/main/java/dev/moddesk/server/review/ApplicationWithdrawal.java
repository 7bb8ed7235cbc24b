package dev.moddesk.server.review;

import dev.moddesk.contract.review.ApplicationStatus;
import dev.moddesk.server.platform.IngestNote;
import java.time.Clock;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * {@code application.withdrawn}, inside the ingest transaction. The applicant's withdrawal wins over everything the
 * platform has not been told yet: a pending application, and a decision still in its undo window (its action is then
 * never published). One that overtakes its submission is remembered and applied when the submission arrives. Only a
 * decision already on the action feed stands; the event's outcome then says so.
 */
final class ApplicationWithdrawal {

    private final ReviewStores stores;
    private final Clock clock;
    private final ReviewAudit audit;

    ApplicationWithdrawal(ReviewStores stores, Clock clock, ReviewAudit audit) {
        this.stores = stores;
        this.clock = clock;
        this.audit = audit;
    }

    /** Returns null when the application is withdrawn, otherwise a note saying why it is not (yet). */
    IngestNote withdraw(Handle h, String externalId) {
        Long id = stores.applications().applicationIdByExternal(h, externalId).orElse(null);
        if (id == null) {
            stores.applications().rememberEarlyWithdrawal(h, externalId, clock.instant());
            return IngestNote.of("review.ingest.withdrawalKept", externalId);
        }
        // Both updates are conditional, so a decision or the publisher committing in between is seen by the next one.
        if (stores.applications().withdraw(h, id) == 1) {
            record(h, id, ApplicationStatus.PENDING, "withdrawn by the applicant");
            return null;
        }
        ApplicationRow before = stores.applications().application(h, id).orElseThrow();
        if (stores.applications().withdrawUnpublished(h, id) == 1) {
            record(h, id, before.status(), "withdrawn by the applicant inside the undo window: the "
                    + before.status().name() + " decision is not published");
            return null;
        }
        ApplicationRow now = stores.applications().application(h, id).orElseThrow();
        return switch (now.status()) {
            case WITHDRAWN -> IngestNote.of("review.ingest.withdrawnAlready", externalId);
            case EXPIRED -> IngestNote.of("review.ingest.expiredAlready", externalId);
            default -> IngestNote.of("review.ingest.publishedAlready", externalId, now.status().name());
        };
    }

    /** Applies a withdrawal that arrived before the application {@code id} (just stored); true if there was one. */
    boolean applyEarly(Handle h, long id, String externalId) {
        if (stores.applications().forgetEarlyWithdrawal(h, externalId) == 0) {
            return false;
        }
        stores.applications().withdraw(h, id);
        record(h, id, ApplicationStatus.PENDING, "withdrawn by the applicant before the application arrived");
        return true;
    }

    private void record(Handle h, long id, ApplicationStatus before, String reason) {
        audit.record(h, ReviewActor.SYSTEM, "review.withdraw", "application", String.valueOf(id),
                Map.of("status", before.name()), Map.of("status", ApplicationStatus.WITHDRAWN.name()), reason);
    }
}
