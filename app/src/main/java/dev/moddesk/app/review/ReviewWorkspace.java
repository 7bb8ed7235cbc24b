package dev.moddesk.app.review;

import dev.moddesk.app.api.ReviewApi;
import dev.moddesk.app.core.ErrorMessages;
import java.time.Clock;
import java.util.concurrent.Executor;

/**
 * What the review screens of one signed-in session share: the API, the durable outbox (which outlives the view, so
 * decisions keep syncing while the moderator is elsewhere), timers, and whether reason codes may be edited.
 */
public final class ReviewWorkspace {

    private final ReviewApi api;
    private final DecisionOutbox outbox;
    private final Executor fx;
    private final ReviewTimers timers;
    private final Clock clock;
    private final boolean admin;
    private final ErrorMessages errors;

    public ReviewWorkspace(ReviewApi api, DecisionOutbox outbox, Executor fx, ReviewTimers timers, Clock clock,
                           boolean admin, ErrorMessages errors) {
        this.errors = errors;
        this.api = api;
        this.outbox = outbox;
        this.fx = fx;
        this.timers = timers;
        this.clock = clock;
        this.admin = admin;
    }

    public ReviewQueueModel newQueue() {
        return new ReviewQueueModel(api, outbox, fx, timers, clock, errors);
    }

    public FocusModeModel newFocus() {
        return new FocusModeModel(api, outbox, fx, timers, clock, errors);
    }

    /** The timers every review model and the video player's start limit run on. */
    public ReviewTimers timers() {
        return timers;
    }

    public ReasonCodesModel newReasonCodes() {
        return new ReasonCodesModel(api, fx, errors);
    }

    /** How every review view describes a failure (the console's one describer). */
    public ErrorMessages errors() {
        return errors;
    }

    public boolean admin() {
        return admin;
    }

    public ReviewApi api() {
        return api;
    }

    public DecisionOutbox outbox() {
        return outbox;
    }
}
