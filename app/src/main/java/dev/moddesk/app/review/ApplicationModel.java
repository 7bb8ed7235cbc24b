package dev.moddesk.app.review;

import dev.moddesk.app.api.ApiException;
import dev.moddesk.app.api.ReviewApi;
import dev.moddesk.app.core.Futures;
import dev.moddesk.contract.Problem;
import dev.moddesk.contract.ProblemType;
import dev.moddesk.contract.review.Answer;
import dev.moddesk.contract.review.ApplicantHistory;
import dev.moddesk.contract.review.ApplicationDetail;
import dev.moddesk.contract.review.ClaimInfo;
import dev.moddesk.contract.review.TextSpan;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.util.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One application a moderator has open: its detail, the applicant's history, the claim lease and who else is looking.
 * While active it renews the claim and sends a presence heartbeat; leaving releases the claim unless a decision
 * already ended it.
 */
public final class ApplicationModel {

    private static final Logger log = LoggerFactory.getLogger(ApplicationModel.class);

    /** Renew well inside the server's 5-minute lease so one lost renewal never costs the claim. */
    public static final Duration LEASE_RENEWAL = Duration.ofSeconds(60);
    public static final Duration PRESENCE_HEARTBEAT = Duration.ofSeconds(10);

    /** A piece of an answer, flagged when it is a screened word; the view renders one Text per segment. */
    public record Segment(String text, boolean screened, String term) {
    }

    /** Another moderator holds the application: who, and until when their lease runs. */
    public record ClaimConflict(long applicationId, String holder, Instant until) {
    }

    private final ReviewApi api;
    private final Executor fx;
    private final ReviewTimers timers;
    private final long applicationId;
    private final ObjectProperty<ApplicationDetail> detail = new SimpleObjectProperty<>(this, "detail");
    private final ObjectProperty<ApplicantHistory> history = new SimpleObjectProperty<>(this, "history");
    private final ObjectProperty<ClaimInfo> claim = new SimpleObjectProperty<>(this, "claim");
    private final ObjectProperty<Notice> notice = new SimpleObjectProperty<>(this, "notice");
    private final ObservableList<String> viewers = FXCollections.observableArrayList();
    private final List<Subscription> running = new ArrayList<>();
    private boolean claimEnded;

    public ApplicationModel(ReviewApi api, Executor fx, ReviewTimers timers, long applicationId) {
        this.api = api;
        this.fx = fx;
        this.timers = timers;
        this.applicationId = applicationId;
    }

    /**
     * Claims the application (renewing if I hold it) and loads it with the applicant's history. The future fails
     * with {@link ClaimConflictException} when another moderator holds it.
     */
    public CompletableFuture<ApplicationModel> open() {
        return api.claim(applicationId)
                .exceptionallyCompose(error -> {
                    Optional<ApiException> held = ApiException.find(error)
                            .filter(a -> a.is(ProblemType.CLAIMED_BY_OTHER));
                    if (held.isPresent()) {
                        return CompletableFuture.failedFuture(
                                new ClaimConflictException(conflictFrom(applicationId, held.get())));
                    }
                    return CompletableFuture.failedFuture(Futures.unwrap(error));
                })
                .thenCompose(claimed -> api.application(applicationId).thenApply(d -> {
                    fx.execute(() -> {
                        claim.set(claimed);
                        receivedDetail(d);
                    });
                    return d;
                }))
                .thenApply(d -> {
                    // History fills in when it arrives: the decision does not wait for it, neither does showing.
                    loadHistory(d);
                    return this;
                });
    }

    /** Starts from a detail that claim-next already claimed for me. */
    public CompletableFuture<ApplicationModel> openClaimed(ApplicationDetail claimed) {
        fx.execute(() -> {
            claim.set(claimed.claim());
            receivedDetail(claimed);
        });
        loadHistory(claimed);
        return CompletableFuture.completedFuture(this);
    }

    private CompletableFuture<ApplicantHistory> loadHistory(ApplicationDetail d) {
        if (d.applicant() == null || d.applicant().userId() == null) {
            return CompletableFuture.completedFuture(null);
        }
        return api.history(d.applicant().userId())
                .whenComplete((h, e) -> fx.execute(() -> {
                    if (e == null) {
                        history.set(h);
                    } else {
                        log.warn("history of {} not loaded", d.applicant().userId(), e);
                    }
                }))
                .exceptionally(e -> null);
    }

    /** Called when the application is on screen: keep the claim alive and tell others I am looking. */
    public void activate() {
        if (!running.isEmpty()) {
            return;
        }
        running.add(timers.every(LEASE_RENEWAL, this::renew));
        running.add(timers.every(PRESENCE_HEARTBEAT, this::heartbeat));
        // A prefetched claim may have aged while the previous application was on screen: refresh it now.
        renew();
        heartbeat();
    }

    /** Stops renewing; with {@code release} the claim is handed back so another moderator can take it at once. */
    public void deactivate(boolean release) {
        running.forEach(Subscription::unsubscribe);
        running.clear();
        if (release && !claimEnded) {
            claimEnded = true;
            api.release(applicationId).exceptionally(e -> {
                log.info("release of {} failed ({}); the lease will run out on its own", applicationId, e.toString());
                return null;
            });
        }
    }

    /** A decision ends the claim on the server; do not release it (that would race the outbox). */
    public void decided() {
        claimEnded = true;
        deactivate(false);
    }

    /** The claim is mine again (e.g. after undo); renewal may resume. */
    public void reclaimed() {
        claimEnded = false;
    }

    public CompletableFuture<ApplicationDetail> reload() {
        return api.application(applicationId).thenApply(d -> {
            fx.execute(() -> receivedDetail(d));
            return d;
        });
    }

    void renew() {
        api.claim(applicationId).whenComplete((c, e) -> fx.execute(() -> {
            if (e == null) {
                claim.set(c);
                return;
            }
            Optional<ApiException> api = ApiException.find(e);
            if (api.isPresent() && api.get().is(ProblemType.CLAIMED_BY_OTHER)) {
                ClaimConflict conflict = conflictFrom(applicationId, api.get());
                notice.set(Notice.error("review.notice.claimLost", conflict.holder(), String.valueOf(conflict.until())));
            } else if (api.isEmpty() || api.get().kind() != ApiException.Kind.PROBLEM) {
                notice.set(Notice.warning("review.notice.renewFailed"));
            }
        }));
    }

    private void heartbeat() {
        api.presence(applicationId).exceptionally(e -> null);
        api.application(applicationId).thenAccept(d -> fx.execute(() -> viewers.setAll(d.viewers())))
                .exceptionally(e -> null);
    }

    private void receivedDetail(ApplicationDetail d) {
        detail.set(d);
        viewers.setAll(d.viewers());
        if (d.claim() != null) {
            claim.set(d.claim());
        }
    }

    static ClaimConflict conflictFrom(long applicationId, ApiException p) {
        Map<String, Object> members = p.problem().map(Problem::extensions).orElse(Map.of());
        Instant until = Optional.ofNullable(members.get("until")).map(String::valueOf).map(s -> {
            try {
                return Instant.parse(s);
            } catch (RuntimeException e) {
                return null;
            }
        }).orElse(null);
        return new ClaimConflict(applicationId, String.valueOf(members.getOrDefault("holder", "?")), until);
    }

    /** Splits an answer into plain and screened segments; overlapping spans are merged. */
    public static List<Segment> segments(Answer answer) {
        String text = answer.text() == null ? "" : answer.text();
        List<TextSpan> spans = answer.screened().stream()
                .filter(s -> s.start() >= 0 && s.end() <= text.length() && s.start() < s.end())
                .sorted(Comparator.comparingInt(TextSpan::start)).toList();
        List<Segment> out = new ArrayList<>();
        int at = 0;
        for (TextSpan s : spans) {
            int start = Math.max(s.start(), at);
            if (start >= s.end()) {
                continue;
            }
            if (start > at) {
                out.add(new Segment(text.substring(at, start), false, null));
            }
            out.add(new Segment(text.substring(start, s.end()), true, s.term()));
            at = s.end();
        }
        if (at < text.length() || out.isEmpty()) {
            out.add(new Segment(text.substring(at), false, null));
        }
        return out;
    }

    public long applicationId() {
        return applicationId;
    }

    public ReadOnlyObjectProperty<ApplicationDetail> detailProperty() {
        return detail;
    }

    public ApplicationDetail detail() {
        return detail.get();
    }

    public ReadOnlyObjectProperty<ApplicantHistory> historyProperty() {
        return history;
    }

    public ReadOnlyObjectProperty<ClaimInfo> claimProperty() {
        return claim;
    }

    public ReadOnlyObjectProperty<Notice> noticeProperty() {
        return notice;
    }

    public ObservableList<String> viewers() {
        return FXCollections.unmodifiableObservableList(viewers);
    }

    /** The claim of this application is held by someone else. */
    public static final class ClaimConflictException extends RuntimeException {
        private final transient ClaimConflict conflict;

        public ClaimConflictException(ClaimConflict conflict) {
            super("claimed by " + conflict.holder() + " until " + conflict.until());
            this.conflict = conflict;
        }

        public ClaimConflict conflict() {
            return conflict;
        }
    }
}
