package dev.moddesk.app.review;

import dev.moddesk.app.api.ReviewApi;
import dev.moddesk.app.core.ErrorMessages;
import dev.moddesk.app.core.Futures;
import dev.moddesk.contract.Page;
import dev.moddesk.contract.ProblemType;
import dev.moddesk.contract.review.ApplicationSummary;
import dev.moddesk.contract.review.BulkItemOutcome;
import dev.moddesk.contract.review.Circle;
import dev.moddesk.contract.review.DecisionRequest;
import dev.moddesk.contract.review.JoinMode;
import dev.moddesk.contract.review.QueueFilter;
import dev.moddesk.contract.review.QueueHealth;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.util.Subscription;

/**
 * The review queue: pending applications under the moderator's filters, sorted by age or risk, with their ages
 * ticking, queue health for the header, and bulk decisions whose per-item outcomes land in {@link #bulkOutcomes()}.
 */
public final class ReviewQueueModel {

    public static final int PAGE_SIZE = 100;
    /** How often the list follows new arrivals (and health refreshes) while the view is open. */
    public static final Duration LIVE_REFRESH = Duration.ofSeconds(15);

    private final ReviewApi api;
    private final DecisionOutbox outbox;
    private final Executor fx;
    private final ReviewTimers timers;
    private final Clock clock;
    private final ErrorMessages errors;

    private final ObservableList<ApplicationSummary> rows = FXCollections.observableArrayList();
    private final ObservableList<Circle> circles = FXCollections.observableArrayList();
    private final StringProperty city = new SimpleStringProperty(this, "city");
    private final ObjectProperty<Long> circleId = new SimpleObjectProperty<>(this, "circleId");
    private final ObjectProperty<JoinMode> mode = new SimpleObjectProperty<>(this, "mode");
    private final ObjectProperty<Integer> minRisk = new SimpleObjectProperty<>(this, "minRisk");
    private final ObjectProperty<Integer> olderThanMinutes = new SimpleObjectProperty<>(this, "olderThanMinutes");
    private final StringProperty query = new SimpleStringProperty(this, "query");
    private final StringProperty sort = new SimpleStringProperty(this, "sort", "age");
    private final ObjectProperty<QueueHealth> health = new SimpleObjectProperty<>(this, "health");
    private final ObjectProperty<Instant> now = new SimpleObjectProperty<>(this, "now");
    private final BooleanProperty loading = new SimpleBooleanProperty(this, "loading");
    private final StringProperty loadFailure = new SimpleStringProperty(this, "loadFailure", "");
    private final BooleanProperty hasMore = new SimpleBooleanProperty(this, "hasMore");
    private final BooleanProperty autoRefresh = new SimpleBooleanProperty(this, "autoRefresh", true);
    private final ObjectProperty<Notice> notice = new SimpleObjectProperty<>(this, "notice");
    private final ObservableList<BulkOutcomeRow> bulkOutcomes = FXCollections.observableArrayList();
    private final BooleanProperty bulkPending = new SimpleBooleanProperty(this, "bulkPending");
    private final IntegerProperty bulkSucceeded = new SimpleIntegerProperty(this, "bulkSucceeded");
    private final IntegerProperty bulkFailed = new SimpleIntegerProperty(this, "bulkFailed");
    private final Consumer<OutboxEntry> outboxListener = this::outboxChanged;
    private final List<Subscription> running = new ArrayList<>();
    private final Map<Long, String> bulkNicknames = new HashMap<>();
    private final Set<Long> decidedElsewhere = new HashSet<>();
    private String nextCursor;
    private String bulkKey;
    private long generation;

    public ReviewQueueModel(ReviewApi api, DecisionOutbox outbox, Executor fx, ReviewTimers timers, Clock clock,
                            ErrorMessages errors) {
        this.errors = errors;
        this.api = api;
        this.outbox = outbox;
        this.fx = fx;
        this.timers = timers;
        this.clock = clock;
        now.set(clock.instant());
    }

    /**
     * The view is showing: reload when a filter changes, tick ages every second, follow arrivals every 15 s, hear
     * about bulk results.
     */
    public void activate() {
        if (!running.isEmpty()) {
            return;
        }
        outbox.addListener(outboxListener);
        running.add(() -> outbox.removeListener(outboxListener));
        // Every filter applies when it changes, alike (choosing "Video" must not leave Answers rows until Refresh).
        for (javafx.beans.value.ObservableValue<?> f : List.of(city, circleId, mode, minRisk, olderThanMinutes, query, sort)) {
            running.add(f.subscribe((was, is) -> refresh()));
        }
        running.add(timers.every(Duration.ofSeconds(1), () -> now.set(clock.instant())));
        running.add(timers.every(LIVE_REFRESH, () -> {
            if (autoRefresh.get()) {
                refresh();
            } else {
                refreshHealth();
            }
        }));
        api.circles(null).whenCompleteAsync((list, e) -> {
            if (e == null) {
                circles.setAll(list);
            }
        }, fx);
    }

    public void deactivate() {
        running.forEach(Subscription::unsubscribe);
        running.clear();
    }

    public QueueFilter filter() {
        String q = query.get();
        return new QueueFilter(blankToNull(city.get()), circleId.get(), mode.get(), minRisk.get(),
                olderThanMinutes.get(), q == null || q.isBlank() ? null : q.strip(), sort.get());
    }

    /** Reloads the first page under the current filters; answers that arrive after a newer refresh are dropped. */
    public CompletableFuture<Void> refresh() {
        long mine = ++generation;
        loading.set(true);
        refreshHealth();
        return api.queue(filter(), null, PAGE_SIZE).handleAsync((page, e) -> {
            if (mine != generation) {
                return null;
            }
            loading.set(false);
            if (e != null) {
                loadFailure.set(errors.describe(e));
                notice.set(Notice.error("review.notice.loadFailed", errors.describe(e)));
                return null;
            }
            loadFailure.set("");
            now.set(clock.instant());
            rows.setAll(page.items().stream().filter(s -> !decidedElsewhere.contains(s.id())).toList());
            nextCursor = page.nextCursor();
            hasMore.set(nextCursor != null);
            return null;
        }, fx);
    }

    public CompletableFuture<Void> loadMore() {
        if (nextCursor == null) {
            return CompletableFuture.completedFuture(null);
        }
        long mine = generation;
        return api.queue(filter(), nextCursor, PAGE_SIZE).handleAsync((Page<ApplicationSummary> page, Throwable e) -> {
            if (mine != generation) {
                return null;
            }
            if (e != null) {
                notice.set(Notice.error("review.notice.loadFailed", errors.describe(e)));
                return null;
            }
            rows.addAll(page.items());
            nextCursor = page.nextCursor();
            hasMore.set(nextCursor != null);
            return null;
        }, fx);
    }

    private void refreshHealth() {
        api.health().whenCompleteAsync((h, e) -> {
            if (e == null) {
                health.set(h);
            }
        }, fx);
    }

    /** How long the application has waited, as of the last tick. */
    public Duration ageOf(ApplicationSummary s) {
        Instant at = now.get() == null ? clock.instant() : now.get();
        return s.submittedAt() == null ? Duration.ZERO : Duration.between(s.submittedAt(), at);
    }

    /** Another screen decided it (focus mode): drop it from the list so nobody opens it again. */
    public void applicationDecided(long applicationId) {
        decidedElsewhere.add(applicationId);
        rows.removeIf(s -> s.id() == applicationId);
    }

    /** A decided application came back (undo): list it again. */
    public void applicationReturned(long applicationId) {
        decidedElsewhere.remove(applicationId);
        refresh();
    }

    /**
     * Decides every selected application the same way, through the outbox: written to disk at once with the versions
     * the queue rows carry, so it works offline ("pending sync") and is sent exactly once when the server answers.
     * Rows from a server that sends no version (0) have theirs read first. Outcomes appear in {@link #bulkOutcomes()}.
     */
    public CompletableFuture<Void> bulkDecide(DecisionRequest decision, List<ApplicationSummary> selected) {
        if (selected.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        bulkOutcomes.clear();
        bulkNicknames.clear();
        selected.forEach(s -> bulkNicknames.put(s.id(), s.applicantNickname()));
        bulkPending.set(true);
        if (selected.stream().allMatch(s -> s.version() > 0)) {
            submitBulk(decision, selected.stream().map(s -> new DecisionOutbox.BulkTarget(s.id(), s.version())).toList());
            return CompletableFuture.completedFuture(null);
        }
        List<CompletableFuture<DecisionOutbox.BulkTarget>> versions = selected.stream()
                .map(s -> s.version() > 0 ? CompletableFuture.completedFuture(new DecisionOutbox.BulkTarget(s.id(), s.version()))
                        : api.application(s.id())
                        .thenApply(d -> new DecisionOutbox.BulkTarget(s.id(), d.version()))
                        // Unreadable now (gone, out of scope): send it anyway, so its outcome row says why.
                        .exceptionally(e -> new DecisionOutbox.BulkTarget(s.id(), 0)))
                .toList();
        return CompletableFuture.allOf(versions.toArray(CompletableFuture[]::new)).handleAsync((v, e) -> {
            List<DecisionOutbox.BulkTarget> targets = versions.stream().map(CompletableFuture::join).toList();
            if (targets.stream().allMatch(t -> t.version() == 0)) {
                bulkPending.set(false);
                notice.set(Notice.error("review.notice.bulkOffline"));
                return null;
            }
            submitBulk(decision, targets);
            return null;
        }, fx);
    }

    private void submitBulk(DecisionRequest decision, List<DecisionOutbox.BulkTarget> targets) {
        DecisionOutbox.Submission submission = outbox.submitBulk(decision, targets);
        bulkKey = submission.idempotencyKey();
        submission.durable().whenCompleteAsync((entry, error) -> {
            if (error != null && submission.idempotencyKey().equals(bulkKey)) {
                Throwable cause = Futures.unwrap(error);
                bulkPending.set(false);
                notice.set(Notice.error("review.notice.outboxWriteFailed", String.valueOf(
                        cause instanceof UncheckedIOException io ? io.getCause().getMessage() : cause.getMessage())));
            }
        }, fx);
    }

    private void outboxChanged(OutboxEntry e) {
        if (e.kind() != OutboxEntry.Kind.BULK || !e.idempotencyKey().equals(bulkKey)) {
            return;
        }
        if (e.state() == OutboxEntry.SyncState.CONFIRMED
                || e.state() == OutboxEntry.SyncState.NEEDS_ATTENTION && e.bulkResult() != null) {
            bulkPending.set(false);
            List<BulkOutcomeRow> out = new ArrayList<>();
            for (BulkItemOutcome o : e.bulkResult().outcomes()) {
                String nickname = bulkNicknames.getOrDefault(o.applicationId(), "");
                if (o.problem() == null && o.result() != null) {
                    out.add(new BulkOutcomeRow(o.applicationId(), nickname, true, o.result().status(), null, null));
                    applicationDecided(o.applicationId());
                } else if (o.problem() != null && OutboxEntry.NOT_ON_RECORD.equals(o.problem().type())) {
                    // Waited longer than the server keeps decisions: not sent; the row shows the server's state.
                    out.add(new BulkOutcomeRow(o.applicationId(), nickname, false,
                            o.result() == null ? null : o.result().status(), OutboxEntry.NOT_ON_RECORD, null));
                } else {
                    String type = o.problem() == null ? "unknown" : ProblemType.fromUri(o.problem().type())
                            .map(ProblemType::slug).orElse(o.problem().type());
                    String detail = o.problem() == null ? null : o.problem().detail();
                    out.add(new BulkOutcomeRow(o.applicationId(), nickname, false, null, type, detail));
                }
            }
            bulkOutcomes.setAll(out);
            bulkSucceeded.set((int) out.stream().filter(BulkOutcomeRow::succeeded).count());
            bulkFailed.set(out.size() - bulkSucceeded.get());
            if (e.state() == OutboxEntry.SyncState.NEEDS_ATTENTION) {
                notice.set(Notice.warning("review.notice.bulkAttention", bulkSucceeded.get(), out.size()));
            }
        } else if (e.state() == OutboxEntry.SyncState.FAILED || e.state() == OutboxEntry.SyncState.NEEDS_ATTENTION) {
            bulkPending.set(false);
            notice.set(Notice.error("review.notice.bulkFailed", String.valueOf(
                    e.failureDetail() != null ? e.failureDetail() : e.failureType())));
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    public ObservableList<ApplicationSummary> rows() {
        return rows;
    }

    public ObservableList<Circle> circles() {
        return circles;
    }

    public StringProperty cityProperty() {
        return city;
    }

    public ObjectProperty<Long> circleIdProperty() {
        return circleId;
    }

    public ObjectProperty<JoinMode> modeProperty() {
        return mode;
    }

    public ObjectProperty<Integer> minRiskProperty() {
        return minRisk;
    }

    public ObjectProperty<Integer> olderThanMinutesProperty() {
        return olderThanMinutes;
    }

    public StringProperty queryProperty() {
        return query;
    }

    public StringProperty sortProperty() {
        return sort;
    }

    public ReadOnlyObjectProperty<QueueHealth> healthProperty() {
        return health;
    }

    public ReadOnlyObjectProperty<Instant> nowProperty() {
        return now;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading;
    }

    /** Why the last reload failed, for the user; empty once a page arrived. */
    public javafx.beans.property.ReadOnlyStringProperty loadFailureProperty() {
        return loadFailure;
    }

    /** False while the moderator has rows selected for a bulk decision: the list must not move under them. */
    public BooleanProperty autoRefreshProperty() {
        return autoRefresh;
    }

    public ReadOnlyBooleanProperty hasMoreProperty() {
        return hasMore;
    }

    public ObjectProperty<Notice> noticeProperty() {
        return notice;
    }

    public ObservableList<BulkOutcomeRow> bulkOutcomes() {
        return bulkOutcomes;
    }

    public ReadOnlyBooleanProperty bulkPendingProperty() {
        return bulkPending;
    }

    public IntegerProperty bulkSucceededProperty() {
        return bulkSucceeded;
    }

    public IntegerProperty bulkFailedProperty() {
        return bulkFailed;
    }
}
