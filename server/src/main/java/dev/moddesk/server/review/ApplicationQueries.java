package dev.moddesk.server.review;

import dev.moddesk.contract.Page;
import dev.moddesk.contract.ProblemType;
import dev.moddesk.contract.review.Applicant;
import dev.moddesk.contract.review.ApplicantHistory;
import dev.moddesk.contract.review.ApplicationDetail;
import dev.moddesk.contract.review.ApplicationSummary;
import dev.moddesk.contract.review.Circle;
import dev.moddesk.contract.review.QueueFilter;
import dev.moddesk.contract.review.QueueHealth;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/** What moderators read without changing anything: circles, the queue, one application, history, queue health. */
public final class ApplicationQueries {

    private static final Duration THROUGHPUT_WINDOW = Duration.ofHours(1);
    private static final Duration MEDIAN_WINDOW = Duration.ofHours(24);
    private static final int MAX_PAGE = 200;

    private final Jdbi jdbi;
    private final ReviewStores stores;
    private final Clock clock;
    private final ApplicationLoader loader;
    private final ApplicationViews views;
    private final ReasonCodeService reasonCodes;
    private final ApplicantInfractions infractions;

    ApplicationQueries(Jdbi jdbi, ReviewStores stores, Clock clock, ApplicationLoader loader, ApplicationViews views,
                       ReasonCodeService reasonCodes, ApplicantInfractions infractions) {
        this.infractions = infractions;
        this.jdbi = jdbi;
        this.stores = stores;
        this.clock = clock;
        this.loader = loader;
        this.views = views;
        this.reasonCodes = reasonCodes;
    }

    public List<Circle> circles(ReviewActor actor, String city) {
        return jdbi.withHandle(h -> stores.circles().circles(h, ReviewJson.blankToNull(city), actor.cities()));
    }

    public Page<ApplicationSummary> queue(ReviewActor actor, QueueFilter filter, String cursor, Integer limit) {
        QueueFilter f = filter == null ? QueueFilter.all() : filter;
        int size = limit == null ? 50 : Math.clamp(limit, 1, MAX_PAGE);
        QueueStore.QueueCursor after;
        try {
            after = cursor == null || cursor.isBlank() ? null : QueueStore.QueueCursor.decode(cursor);
        } catch (RuntimeException e) {
            throw ReviewFailure.of(ProblemType.BAD_REQUEST, "review.badCursor");
        }
        if (f.city() != null && !f.city().isBlank() && !actor.mayReview(f.city())) {
            throw ReviewFailure.outOfScope(f.city());
        }
        Instant now = clock.instant();
        List<ApplicationRow> rows = jdbi.withHandle(h -> {
            ReasonCodeService.requireCircle(h, stores, f.circleId());
            return stores.queue().queue(h, f, actor.cities(), now, after, size + 1);
        });
        String next = null;
        if (rows.size() > size) {
            rows = rows.subList(0, size);
            ApplicationRow last = rows.getLast();
            next = new QueueStore.QueueCursor(last.riskScore(), last.submittedAt(), last.id()).encode();
        }
        List<ApplicationSummary> items = rows.stream().map(r -> views.summary(r, now)).toList();
        return new Page<>(items, next);
    }

    public ApplicationDetail detail(ReviewActor actor, long id) {
        return jdbi.withHandle(h -> {
            ApplicationRow row = loader.load(h, actor, id, false);
            return loader.detail(h, actor, row, clock.instant());
        });
    }

    /**
     * The applicant's trail: applications (redacted outside the reader's cities, see QueueStore.historyItems) and room
     * infractions, redacted the same way: one in a room outside the reader's cities (or of no city, for a scoped
     * reader) keeps city, kind, action, reason and dates, not the room or who acted.
     */
    public ApplicantHistory history(ReviewActor actor, String userId) {
        ApplicantHistory trail = jdbi.withHandle(h -> {
            List<ApplicationRow> rows = stores.applications().applicationsOf(h, userId, 100);
            if (rows.isEmpty()) {
                throw ReviewFailure.of(ProblemType.NOT_FOUND, "review.noApplicant", userId);
            }
            Map<String, String> titles = reasonCodes.titles(h);
            ApplicationRow latest = rows.getFirst();
            Applicant applicant = new Applicant(latest.applicantId(), latest.applicantNickname(), latest.applicantCity(),
                    latest.applicantCreatedAt());
            return new ApplicantHistory(applicant, stores.queue().historyItems(rows, titles, actor), List.of());
        });
        List<ApplicantHistory.Infraction> rooms = infractions.of(userId).stream()
                .map(i -> i.city() != null && actor.mayReview(i.city()) ? i : i.redact()).toList();
        return new ApplicantHistory(trail.applicant(), trail.applications(), rooms);
    }

    public QueueHealth health(ReviewActor actor) {
        Instant now = clock.instant();
        return jdbi.withHandle(h -> {
            QueueStore.PendingStats stats = stores.queue().pendingStats(h, actor.cities());
            return new QueueHealth(stats.depth(), stats.oldest(), stores.queue().pendingByCity(h, actor.cities()),
                    stores.queue().pendingByCircle(h, actor.cities()),
                    stores.queue().decisionsSince(h, now.minus(THROUGHPUT_WINDOW), actor.cities()),
                    stores.queue().medianWaitSince(h, now.minus(MEDIAN_WINDOW), actor.cities()));
        });
    }
}
