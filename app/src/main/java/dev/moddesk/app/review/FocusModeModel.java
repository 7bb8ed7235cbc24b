package dev.moddesk.app.review;

import dev.moddesk.app.api.ApiException;
import dev.moddesk.app.api.ReviewApi;
import dev.moddesk.contract.ProblemType;
import dev.moddesk.contract.review.ApplicationDetail;
import dev.moddesk.contract.review.ApplicationStatus;
import dev.moddesk.contract.review.DecisionKind;
import dev.moddesk.contract.review.DecisionRequest;
import dev.moddesk.contract.review.QueueFilter;
import dev.moddesk.contract.review.ReasonCode;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;
import javafx.util.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Focus mode: one application at a time, decided from the keyboard, advancing on each decision. The next application
 * is claimed and loaded while the moderator reads the current one, so it appears at once. Decisions go to the
 * durable outbox first and show "pending sync" until the server confirms; each can be undone for
 * {@link #UNDO_WINDOW}. Conflicts (another moderator holds it, it changed, the claim ran out) become notices and fresh
 * state, never silent failures.
 */
public final class FocusModeModel {

    private static final Logger log = LoggerFactory.getLogger(FocusModeModel.class);

    public static final Duration UNDO_WINDOW = Duration.ofSeconds(10);
    /** How many applications focus mode claims and loads ahead of the one on screen. */
    public static final int PREFETCH_DEPTH = 2;
    /** How soon focus mode tries again after the next application could not be loaded (server down, timeout). */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(3);
    /** How often a cleared claim-next queue looks for applications that arrived since. */
    public static final Duration LOOK_AGAIN_AFTER = Duration.ofSeconds(5);
    public static final int SEEK_SECONDS = 5;
    private static final double[] RATES = {0.5, 0.75, 1.0, 1.25, 1.5, 2.0};

    /** Told when an application leaves the queue by a decision here, or comes back by undo. */
    public interface DecisionListener {
        void changed(long applicationId, boolean decided);
    }

    public Subscription addDecisionListener(DecisionListener listener) {
        decisionListeners.add(listener);
        return () -> decisionListeners.remove(listener);
    }

    /** The decision that U would undo, until {@code until}. */
    public record UndoOffer(long applicationId, String decisionKey, DecisionKind kind, String reasonCode,
                            String nickname, Instant until) {
    }

    /** A request to move the video; {@code sequence} makes two equal seeks two distinct events. */
    public record SeekRequest(long sequence, int seconds) {
    }

    private final ReviewApi api;
    private final MediaFiles media;
    private final DecisionOutbox outbox;
    private final Executor fx;
    private final ReviewTimers timers;
    private final Clock clock;

    private final ObjectProperty<ApplicationModel> current = new SimpleObjectProperty<>(this, "current");
    private final BooleanProperty loading = new SimpleBooleanProperty(this, "loading");
    private final BooleanProperty finished = new SimpleBooleanProperty(this, "finished");
    private final ObjectProperty<Notice> notice = new SimpleObjectProperty<>(this, "notice");
    private final ObjectProperty<ApplicationModel.ClaimConflict> conflict = new SimpleObjectProperty<>(this, "conflict");
    private final BooleanProperty helpVisible = new SimpleBooleanProperty(this, "helpVisible");
    private final BooleanProperty needsInfoRequested = new SimpleBooleanProperty(this, "needsInfoRequested");
    private final ObjectProperty<UndoOffer> undoOffer = new SimpleObjectProperty<>(this, "undoOffer");
    private final IntegerProperty undoSecondsLeft = new SimpleIntegerProperty(this, "undoSecondsLeft");
    private final IntegerProperty decidedCount = new SimpleIntegerProperty(this, "decidedCount");
    private final IntegerProperty pendingSync = new SimpleIntegerProperty(this, "pendingSync");
    private final ObservableList<ReasonCode> reasonCodes = FXCollections.observableArrayList();
    private final ObservableMap<Long, OutboxEntry.SyncState> syncStates = FXCollections.observableHashMap();
    private final ObservableList<OutboxEntry> failedDecisions = FXCollections.observableArrayList();
    private final BooleanProperty playing = new SimpleBooleanProperty(this, "playing");
    private final DoubleProperty rate = new SimpleDoubleProperty(this, "rate", 1.0);
    private final ObjectProperty<SeekRequest> seekRequest = new SimpleObjectProperty<>(this, "seekRequest");

    private final Deque<Long> upcoming = new ConcurrentLinkedDeque<>();
    private final Deque<ApplicationModel> returning = new ArrayDeque<>();
    private final Deque<Long> skippedOrder = new ArrayDeque<>();
    private final Set<Long> skipped = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Set<Long> awaitingUndo = new HashSet<>();
    private final Map<String, ApplicationModel> undoable = new HashMap<>();
    private final Map<Long, List<ReasonCode>> reasonCodesByCircle = new HashMap<>();
    private final Consumer<OutboxEntry> outboxListener = this::outboxChanged;
    private volatile QueueFilter claimNextFilter;
    private final List<DecisionListener> decisionListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    /**
     * Applications claimed and loaded ahead, oldest first, {@value #PREFETCH_DEPTH} deep, so two quick keys in a row
     * still find the next one ready. Their claims are handed back when focus mode closes.
     */
    private final java.util.ArrayDeque<CompletableFuture<Optional<ApplicationModel>>> prefetched =
            new java.util.ArrayDeque<>();
    private Subscription undoCountdown;
    /** Set while focus mode has nothing on screen and tries again by itself (after a failure, or an empty queue). */
    private Subscription retry;
    private long seekSequence;
    private boolean closed;

    public FocusModeModel(ReviewApi api, DecisionOutbox outbox, Executor fx, ReviewTimers timers, Clock clock) {
        this.media = new MediaFiles(api::media);
        this.api = api;
        this.outbox = outbox;
        this.fx = fx;
        this.timers = timers;
        this.clock = clock;
        outbox.addListener(outboxListener);
    }

    /**
     * Starts on {@code ids} in that order (the queue as the moderator sees it); when they run out and
     * {@code thenClaimNext} is not null, goes on with claim-next on that filter.
     */
    public void start(List<Long> ids, QueueFilter thenClaimNext) {
        upcoming.clear();
        upcoming.addAll(ids);
        claimNextFilter = thenClaimNext;
        finished.set(false);
        advance();
    }

    /** Leaves focus mode: hands back every claim still held. */
    public void close() {
        closed = true;
        outbox.removeListener(outboxListener);
        stopUndoCountdown();
        cancelRetry();
        ApplicationModel m = current.get();
        if (m != null) {
            m.deactivate(true);
        }
        returning.forEach(r -> r.deactivate(true));
        returning.clear();
        prefetched.forEach(f -> f.thenAccept(opt -> opt.ifPresent(p -> p.deactivate(true))));
        prefetched.clear();
        current.set(null);
    }

    // ---- commands --------------------------------------------------------------------------------------------

    /** Runs a command from the keymap (the controller owns the {@link ReviewKeymap} and its key events). */
    public void execute(ReviewCommand command) {
        switch (command.kind()) {
            case NEXT, SKIP -> skip();
            case PREVIOUS -> previous();
            case APPROVE -> approve();
            case ARM_REJECT -> notice.set(Notice.info("review.notice.pickReason"));
            case REJECT -> reject(command.reasonPosition());
            case NEEDS_INFO -> needsInfoRequested.set(current.get() != null);
            case UNDO -> undo();
            case HELP -> helpVisible.set(!helpVisible.get());
            case CANCEL -> {
                helpVisible.set(false);
                needsInfoRequested.set(false);
            }
            case PLAY_PAUSE -> playing.set(!playing.get());
            case SEEK_BACK -> seekRequest.set(new SeekRequest(++seekSequence, -SEEK_SECONDS));
            case SEEK_FORWARD -> seekRequest.set(new SeekRequest(++seekSequence, SEEK_SECONDS));
            case SLOWER -> rate.set(stepRate(-1));
            case FASTER -> rate.set(stepRate(1));
        }
    }

    private double stepRate(int direction) {
        int at = 0;
        for (int i = 0; i < RATES.length; i++) {
            if (Math.abs(RATES[i] - rate.get()) < 1e-6) {
                at = i;
            }
        }
        return RATES[Math.max(0, Math.min(RATES.length - 1, at + direction))];
    }

    // ---- decisions -------------------------------------------------------------------------------------------

    public void approve() {
        decide(new DecisionRequest(DecisionKind.APPROVE, null, null, null));
    }

    /** Rejects with the reason in {@code position} (1-based, in the order the reason list shows). */
    public void reject(int position) {
        List<ReasonCode> codes = activeReasons();
        if (position < 1 || position > codes.size()) {
            notice.set(Notice.warning("review.notice.noReason", position));
            return;
        }
        decide(new DecisionRequest(DecisionKind.REJECT, codes.get(position - 1).code(), null, null));
    }

    public void rejectWith(String reasonCode, String note) {
        decide(new DecisionRequest(DecisionKind.REJECT, reasonCode, note, null));
    }

    public void submitNeedsInfo(String question) {
        needsInfoRequested.set(false);
        if (question == null || question.isBlank()) {
            notice.set(Notice.warning("review.notice.questionRequired"));
            return;
        }
        decide(new DecisionRequest(DecisionKind.NEEDS_INFO, null, null, question.strip()));
    }

    private List<ReasonCode> activeReasons() {
        return reasonCodes.stream().filter(ReasonCode::active)
                .sorted(Comparator.comparingInt(ReasonCode::position)).limit(9).toList();
    }

    private void decide(DecisionRequest request) {
        ApplicationModel m = current.get();
        ApplicationDetail d = m == null ? null : m.detail();
        if (d == null) {
            return;
        }
        if (awaitingUndo.contains(d.id())) {
            notice.set(Notice.info("review.notice.undoSyncing", d.id()));
            return;
        }
        if (d.status() != ApplicationStatus.PENDING) {
            notice.set(Notice.warning("review.notice.notPending", d.id(), d.status().name()));
            return;
        }
        OutboxEntry entry;
        try {
            entry = outbox.submitDecision(d.id(), d.version(), request);
        } catch (UncheckedIOException e) {
            log.error("decision on {} could not be stored", d.id(), e);
            notice.set(Notice.error("review.notice.outboxWriteFailed", String.valueOf(e.getCause().getMessage())));
            return;
        }
        syncStates.put(d.id(), entry.state());
        refreshPendingSync();
        m.decided();
        undoable.put(entry.idempotencyKey(), m);
        decidedCount.set(decidedCount.get() + 1);
        decisionListeners.forEach(l -> l.changed(d.id(), true));
        offerUndo(new UndoOffer(d.id(), entry.idempotencyKey(), request.kind(), request.reasonCode(),
                d.applicant() == null ? "" : d.applicant().nickname(), clock.instant().plus(UNDO_WINDOW)));
        advance();
    }

    private void offerUndo(UndoOffer offer) {
        stopUndoCountdown();
        UndoOffer previous = undoOffer.get();
        if (previous != null) {
            undoable.remove(previous.decisionKey());
        }
        undoOffer.set(offer);
        updateUndoCountdown();
        undoCountdown = timers.every(Duration.ofSeconds(1), this::updateUndoCountdown);
    }

    /** The undo window has closed, or the decision was refused: the toast goes away. */
    private void withdrawUndoOffer(UndoOffer offer) {
        undoable.remove(offer.decisionKey());
        undoOffer.set(null);
        undoSecondsLeft.set(0);
        stopUndoCountdown();
    }

    private void updateUndoCountdown() {
        UndoOffer offer = undoOffer.get();
        if (offer == null) {
            stopUndoCountdown();
            return;
        }
        long millis = Duration.between(clock.instant(), offer.until()).toMillis();
        if (millis <= 0) {
            withdrawUndoOffer(offer);
            return;
        }
        undoSecondsLeft.set((int) ((millis + 999) / 1000));
    }

    private void stopUndoCountdown() {
        if (undoCountdown != null) {
            undoCountdown.unsubscribe();
            undoCountdown = null;
        }
    }

    /** Undoes the last decision if its window is still open, and brings that application back on screen. */
    public void undo() {
        UndoOffer offer = undoOffer.get();
        if (offer == null || !clock.instant().isBefore(offer.until())) {
            notice.set(Notice.info("review.notice.nothingToUndo"));
            return;
        }
        ApplicationModel m = undoable.remove(offer.decisionKey());
        undoOffer.set(null);
        stopUndoCountdown();
        OutboxEntry result = outbox.submitUndo(offer.decisionKey());
        decidedCount.set(decidedCount.get() - 1);
        decisionListeners.forEach(l -> l.changed(offer.applicationId(), false));
        if (result.state() == OutboxEntry.SyncState.CANCELLED) {
            syncStates.remove(offer.applicationId());
            notice.set(Notice.info("review.notice.undone", offer.applicationId()));
        } else {
            awaitingUndo.add(offer.applicationId());
            notice.set(Notice.info("review.notice.undoing", offer.applicationId()));
        }
        refreshPendingSync();
        if (m == null) {
            return;
        }
        m.reclaimed();
        ApplicationModel shown = current.get();
        if (shown != null) {
            shown.deactivate(false);
            returning.addFirst(shown);
        }
        show(m);
    }

    /** The server resolved these elsewhere (a bulk decision): drop them from the line-up, moving on if shown. */
    public void decidedElsewhere(java.util.Collection<Long> ids) {
        upcoming.removeAll(ids);
        returning.removeIf(m -> {
            boolean gone = ids.contains(m.applicationId());
            if (gone) {
                m.decided();
            }
            return gone;
        });
        prefetched.removeIf(f -> {
            boolean gone = f.isDone() && !f.isCompletedExceptionally()
                    && f.join().map(m -> ids.contains(m.applicationId())).orElse(false);
            if (gone) {
                f.join().ifPresent(ApplicationModel::decided);
            }
            return gone;
        });
        ApplicationModel shown = current.get();
        if (shown != null && ids.contains(shown.applicationId())) {
            shown.decided();
            advance();
        }
    }

    /** Where the media player fetches a video or poster URL from the application. */
    public String mediaUrl(String url) {
        return api.mediaUrl(url);
    }

    /** The application's video as a local file, downloaded off the FX thread once (see {@link MediaFiles}). */
    public CompletableFuture<java.nio.file.Path> mediaFile(String url) {
        return media.file(url);
    }

    // ---- moving ----------------------------------------------------------------------------------------------

    /** Leaves the current application undecided (its claim is released) and moves on. */
    public void skip() {
        ApplicationModel m = current.get();
        if (m == null) {
            if (retry != null && !loading.get()) {
                cancelRetry();
                advance(); // nothing on screen after a failure: J / S try again at once
            }
            return;
        }
        m.deactivate(true);
        skipped.add(m.applicationId());
        skippedOrder.push(m.applicationId());
        advance();
    }

    /** Goes back to the application skipped last. */
    public void previous() {
        Long id = skippedOrder.poll();
        if (id == null) {
            notice.set(Notice.info("review.notice.noPrevious"));
            return;
        }
        skipped.remove(id);
        ApplicationModel shown = current.get();
        ApplicationModel back = new ApplicationModel(api, fx, timers, id);
        loading.set(true);
        back.open().whenCompleteAsync((m, e) -> {
            loading.set(false);
            if (e != null) {
                openFailed(id, e);
                return;
            }
            if (shown != null && shown == current.get()) {
                shown.deactivate(false);
                returning.addFirst(shown);
            }
            show(m);
        }, fx);
    }

    /** Opens a specific application now (from the queue table or a failed decision's "open" link). */
    public void open(long id) {
        upcoming.remove(id);
        upcoming.addFirst(id);
        ApplicationModel shown = current.get();
        if (shown != null) {
            shown.deactivate(false);
            returning.addFirst(shown);
            current.set(null);
        }
        CompletableFuture<Optional<ApplicationModel>> next = fetchNext();
        loading.set(true);
        next.whenCompleteAsync(this::present, fx);
    }

    private void warmMedia(Optional<ApplicationModel> next) {
        next.map(ApplicationModel::detail).map(ApplicationDetail::video).ifPresent(v -> media.file(v.url())
                .exceptionally(e -> null));
    }

    private void tryAgainIn(Duration delay) {
        cancelRetry();
        retry = timers.every(delay, () -> {
            cancelRetry();
            if (!closed && current.get() == null && !loading.get()) {
                advance();
            }
        });
    }

    private void cancelRetry() {
        if (retry != null) {
            retry.unsubscribe();
            retry = null;
        }
    }

    private void advance() {
        if (closed) {
            return;
        }
        if (!returning.isEmpty()) {
            show(returning.pop());
            return;
        }
        CompletableFuture<Optional<ApplicationModel>> next = prefetched.poll();
        if (next == null || next.isDone() && (next.isCompletedExceptionally() || next.join().isEmpty())) {
            // Nothing ahead, or an old "none left" / failure: ask the server now rather than show a stale answer.
            next = fetchNext();
        }
        if (next.isDone() && !next.isCompletedExceptionally()) {
            present(next.join(), null);
            return;
        }
        loading.set(true);
        current.set(null);
        next.whenCompleteAsync(this::present, fx);
    }

    private void present(Optional<ApplicationModel> next, Throwable error) {
        loading.set(false);
        if (closed) {
            next.ifPresent(m -> m.deactivate(true));
            return;
        }
        if (error != null) {
            log.warn("could not load the next application: {}", describe(error));
            current.set(null);
            notice.set(Notice.error("review.notice.loadFailedRetrying", describe(error)));
            tryAgainIn(RETRY_AFTER);
            return;
        }
        if (next == null || next.isEmpty()) {
            current.set(null);
            finished.set(true);
            if (claimNextFilter != null) {
                tryAgainIn(LOOK_AGAIN_AFTER); // new applications keep arriving: pick them up without a key press
            }
            return;
        }
        show(next.get());
    }

    private void show(ApplicationModel m) {
        cancelRetry();
        finished.set(false);
        playing.set(false);
        rate.set(1.0);
        current.set(m);
        m.activate();
        ApplicationDetail d = m.detail();
        if (d != null && d.circle() != null) {
            useReasonCodesOf(d.circle().id());
        } else {
            useReasonCodesOf(0L);
        }
        while (prefetched.size() < PREFETCH_DEPTH && returning.isEmpty()) {
            CompletableFuture<Optional<ApplicationModel>> ahead = fetchNext();
            if (ahead.isDone() && (ahead.isCompletedExceptionally() || ahead.join().isEmpty())) {
                break; // nothing more to claim right now (or the server is away): don't keep a stale answer
            }
            prefetched.add(ahead);
            ahead.thenAccept(this::warmMedia); // its video downloads while the moderator reads this one
        }
    }

    /**
     * Claims and loads the next candidate, skipping ones another moderator holds or that are no longer pending.
     * Runs its continuations on whatever thread completes the HTTP call; only the deque and fx posts are shared.
     */
    private CompletableFuture<Optional<ApplicationModel>> fetchNext() {
        Long id = upcoming.poll();
        if (id == null) {
            QueueFilter filter = claimNextFilter;
            if (filter == null) {
                return CompletableFuture.completedFuture(Optional.empty());
            }
            return api.claimNext(filter).thenCompose(found -> {
                if (found.isEmpty()) {
                    return CompletableFuture.completedFuture(Optional.<ApplicationModel>empty());
                }
                ApplicationModel shown = current.get();
                long foundId = found.get().id();
                if (skipped.contains(foundId) || shown != null && shown.applicationId() == foundId) {
                    // The moderator passed this one over (or it is on screen): hand the fresh claim back and stop
                    // rather than loop over it.
                    if (shown == null || shown.applicationId() != foundId) {
                        api.release(foundId).exceptionally(e -> null);
                    }
                    return CompletableFuture.completedFuture(Optional.<ApplicationModel>empty());
                }
                ApplicationModel m = new ApplicationModel(api, fx, timers, found.get().id());
                return m.openClaimed(found.get()).thenApply(Optional::of);
            });
        }
        ApplicationModel m = new ApplicationModel(api, fx, timers, id);
        return m.open().thenApply(Optional::of).exceptionallyCompose(error -> {
            Throwable cause = DecisionOutbox.unwrap(error);
            if (cause instanceof ApplicationModel.ClaimConflictException c) {
                fx.execute(() -> {
                    conflict.set(c.conflict());
                    notice.set(Notice.warning("review.notice.claimedByOther", id, c.conflict().holder(),
                            String.valueOf(c.conflict().until())));
                });
                return fetchNext();
            }
            if (ApiException.find(cause).filter(p -> p.is(ProblemType.CONFLICT) || p.is(ProblemType.NOT_FOUND)
                    || p.is(ProblemType.OUT_OF_SCOPE)).isPresent()) {
                fx.execute(() -> notice.set(Notice.info("review.notice.gone", id)));
                return fetchNext();
            }
            return CompletableFuture.failedFuture(cause);
        });
    }

    private void openFailed(long id, Throwable error) {
        Throwable cause = DecisionOutbox.unwrap(error);
        if (cause instanceof ApplicationModel.ClaimConflictException c) {
            conflict.set(c.conflict());
            notice.set(Notice.warning("review.notice.claimedByOther", id, c.conflict().holder(),
                    String.valueOf(c.conflict().until())));
        } else {
            notice.set(Notice.error("review.notice.loadFailed", describe(cause)));
        }
    }

    private void useReasonCodesOf(long circleId) {
        List<ReasonCode> cached = reasonCodesByCircle.get(circleId);
        if (cached != null) {
            reasonCodes.setAll(cached);
            return;
        }
        api.reasonCodes(circleId == 0 ? null : circleId).whenCompleteAsync((codes, e) -> {
            if (e != null) {
                notice.set(Notice.error("review.notice.reasonsFailed", describe(e)));
                return;
            }
            reasonCodesByCircle.put(circleId, codes);
            ApplicationModel m = current.get();
            long shownCircle = m == null || m.detail() == null || m.detail().circle() == null
                    ? 0 : m.detail().circle().id();
            if (shownCircle == circleId) {
                reasonCodes.setAll(codes);
            }
        }, fx);
    }

    // ---- outbox ----------------------------------------------------------------------------------------------

    private void outboxChanged(OutboxEntry e) {
        if (e.kind() == OutboxEntry.Kind.DECISION) {
            if (e.state() == OutboxEntry.SyncState.CANCELLED || e.state() == OutboxEntry.SyncState.CONFIRMED
                    && !syncStates.containsKey(e.applicationId())) {
                syncStates.remove(e.applicationId());
            } else {
                syncStates.put(e.applicationId(), e.state());
            }
            if (e.state() == OutboxEntry.SyncState.FAILED) {
                decisionFailed(e);
            }
        } else if (e.kind() == OutboxEntry.Kind.UNDO) {
            if (e.state() == OutboxEntry.SyncState.CONFIRMED || e.state() == OutboxEntry.SyncState.CANCELLED) {
                syncStates.remove(e.applicationId());
                finishUndo(e.applicationId(), true);
            } else if (e.state() == OutboxEntry.SyncState.FAILED) {
                notice.set(Notice.error("review.notice.undoFailed", e.applicationId(),
                        String.valueOf(e.failureDetail())));
                finishUndo(e.applicationId(), false);
            }
        }
        refreshPendingSync();
    }

    private void finishUndo(long applicationId, boolean undone) {
        if (!awaitingUndo.remove(applicationId)) {
            return;
        }
        if (undone) {
            notice.set(Notice.info("review.notice.undone", applicationId));
        }
        ApplicationModel m = current.get();
        if (m != null && m.applicationId() == applicationId) {
            m.reload(); // the undo bumped the version; a new decision must carry the new one
        }
    }

    private void decisionFailed(OutboxEntry e) {
        if (failedDecisions.stream().noneMatch(f -> f.idempotencyKey().equals(e.idempotencyKey()))) {
            failedDecisions.add(e);
        }
        String type = String.valueOf(e.failureType());
        notice.set(Notice.error("review.notice.decisionFailed", e.applicationId(), type,
                String.valueOf(e.failureDetail())));
        // Nothing was decided, so there is nothing to undo: the toast must not go on counting down.
        UndoOffer offer = undoOffer.get();
        if (offer != null && offer.decisionKey().equals(e.idempotencyKey())) {
            withdrawUndoOffer(offer);
        }
        ApplicationModel m = current.get();
        if (m != null && m.applicationId() == e.applicationId()) {
            m.reload();
        }
    }

    /** The moderator has seen a failed decision: forget it here and in the outbox. */
    public void dismissFailure(OutboxEntry e) {
        failedDecisions.removeIf(f -> f.idempotencyKey().equals(e.idempotencyKey()));
        syncStates.remove(e.applicationId());
        outbox.dismiss(e.idempotencyKey());
        refreshPendingSync();
    }

    /** Opens a failed decision's application with its fresh state so the moderator can decide again. */
    public void reopenFailure(OutboxEntry e) {
        dismissFailure(e);
        open(e.applicationId());
    }

    private void refreshPendingSync() {
        pendingSync.set((int) syncStates.values().stream()
                .filter(s -> s == OutboxEntry.SyncState.PENDING_SYNC).count());
    }

    static String describe(Throwable error) {
        Throwable cause = DecisionOutbox.unwrap(error);
        return ApiException.find(cause).map(ApiException::getMessage).orElse(String.valueOf(cause.getMessage()));
    }

    // ---- properties ------------------------------------------------------------------------------------------

    public ReadOnlyObjectProperty<ApplicationModel> currentProperty() {
        return current;
    }

    public ApplicationModel current() {
        return current.get();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading;
    }

    public ReadOnlyBooleanProperty finishedProperty() {
        return finished;
    }

    public ObjectProperty<Notice> noticeProperty() {
        return notice;
    }

    public ReadOnlyObjectProperty<ApplicationModel.ClaimConflict> conflictProperty() {
        return conflict;
    }

    public BooleanProperty helpVisibleProperty() {
        return helpVisible;
    }

    public BooleanProperty needsInfoRequestedProperty() {
        return needsInfoRequested;
    }

    public ReadOnlyObjectProperty<UndoOffer> undoOfferProperty() {
        return undoOffer;
    }

    public ReadOnlyIntegerProperty undoSecondsLeftProperty() {
        return undoSecondsLeft;
    }

    public ReadOnlyIntegerProperty decidedCountProperty() {
        return decidedCount;
    }

    public ReadOnlyIntegerProperty pendingSyncProperty() {
        return pendingSync;
    }

    public ObservableList<ReasonCode> reasonCodes() {
        return FXCollections.unmodifiableObservableList(reasonCodes);
    }

    public ObservableMap<Long, OutboxEntry.SyncState> syncStates() {
        return FXCollections.unmodifiableObservableMap(syncStates);
    }

    public ObservableList<OutboxEntry> failedDecisions() {
        return FXCollections.unmodifiableObservableList(failedDecisions);
    }

    public BooleanProperty playingProperty() {
        return playing;
    }

    public DoubleProperty rateProperty() {
        return rate;
    }

    public ReadOnlyObjectProperty<SeekRequest> seekRequestProperty() {
        return seekRequest;
    }
}
