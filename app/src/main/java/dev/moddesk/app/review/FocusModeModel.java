package dev.moddesk.app.review;

import dev.moddesk.app.api.ReviewApi;
import dev.moddesk.app.core.ErrorMessages;
import dev.moddesk.app.core.Futures;
import dev.moddesk.contract.review.ApplicationDetail;
import dev.moddesk.contract.review.ApplicationStatus;
import dev.moddesk.contract.review.DecisionKind;
import dev.moddesk.contract.review.DecisionRequest;
import dev.moddesk.contract.review.QueueFilter;
import dev.moddesk.contract.review.ReasonCode;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;
import javafx.util.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Focus mode: one application at a time, decided from the keyboard, advancing on each decision. This class runs the
 * commands and decisions; the parts it coordinates each do one job: {@link FocusLineUp} (what is on screen and
 * what comes next, claimed ahead), {@link UndoWindow} (the last decision, undoable for {@link UndoWindow#LENGTH}),
 * {@link DecisionSyncState} (what the durable outbox made of each decision), {@link ReasonCodeCache} (the reject
 * reasons of the circle on screen) and {@link VideoTransport} (play, seek, speed). Conflicts (another moderator
 * holds it, it changed, the claim ran out) become notices and fresh state, never silent failures.
 *
 * <p>Thread: the FX thread, like every part above; HTTP continuations come back through {@code fx}.
 */
public final class FocusModeModel {

    private static final Logger log = LoggerFactory.getLogger(FocusModeModel.class);

    /** Told when an application leaves the queue by a decision here, or comes back by undo. */
    public interface DecisionListener {
        void changed(long applicationId, boolean decided);
    }

    private final DecisionOutbox outbox;
    private final Executor fx;
    private final Clock clock;
    private final ObjectProperty<UndoWindow.Offer> saving = new SimpleObjectProperty<>(this, "saving");
    /** The key of the latest decision made here: only it may open the undo window once it is on disk. */
    private String latestDecision;
    private final ObjectProperty<Notice> notice = new SimpleObjectProperty<>(this, "notice");
    private final BooleanProperty helpVisible = new SimpleBooleanProperty(this, "helpVisible");
    private final BooleanProperty needsInfoRequested = new SimpleBooleanProperty(this, "needsInfoRequested");
    private final IntegerProperty decidedCount = new SimpleIntegerProperty(this, "decidedCount");
    private final List<DecisionListener> decisionListeners = new CopyOnWriteArrayList<>();
    private final VideoTransport video;
    private final UndoWindow undoWindow;
    private final FocusLineUp lineUp;
    private final ReasonCodeCache reasons;
    private final DecisionSyncState sync;

    public FocusModeModel(ReviewApi api, DecisionOutbox outbox, Executor fx, ReviewTimers timers, Clock clock,
                          ErrorMessages errors) {
        this.outbox = outbox;
        this.fx = fx;
        this.clock = clock;
        this.video = new VideoTransport(api);
        this.undoWindow = new UndoWindow(timers, clock);
        this.lineUp = new FocusLineUp(api, fx, timers, notice::set, errors::describe, video::warm,
                m -> video.reset(), this::shown);
        this.reasons = new ReasonCodeCache(api, fx, notice::set, errors::describe, this::shownCircle);
        this.sync = new DecisionSyncState(outbox, notice::set, this::refused, lineUp::reloadIfShown);
    }

    public Subscription addDecisionListener(DecisionListener listener) {
        decisionListeners.add(listener);
        return () -> decisionListeners.remove(listener);
    }

    /**
     * Starts on {@code ids} in that order (the queue as the moderator sees it); when they run out and
     * {@code thenClaimNext} is not null, goes on with claim-next on that filter.
     */
    public void start(List<Long> ids, QueueFilter thenClaimNext) {
        lineUp.start(ids, thenClaimNext);
    }

    /** Leaves focus mode: hands back every claim still held. */
    public void close() {
        sync.close();
        undoWindow.dispose();
        lineUp.close();
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
            case NEEDS_INFO -> needsInfoRequested.set(current() != null);
            case UNDO -> undo();
            case HELP -> helpVisible.set(!helpVisible.get());
            case CANCEL -> {
                helpVisible.set(false);
                needsInfoRequested.set(false);
            }
            case PLAY_PAUSE -> video.togglePlaying();
            case SEEK_BACK -> video.seekBack();
            case SEEK_FORWARD -> video.seekForward();
            case SLOWER -> video.slower();
            case FASTER -> video.faster();
        }
    }

    /** Leaves the current application undecided (its claim is released) and moves on. */
    public void skip() {
        lineUp.skip();
    }

    /** Goes back to the application skipped last. */
    public void previous() {
        lineUp.previous();
    }

    /** Opens a specific application now (from the queue table or a failed decision's "open" link). */
    public void open(long id) {
        lineUp.open(id);
    }

    /** The server resolved these elsewhere (a bulk decision): drop them from the line-up, moving on if shown. */
    public void decidedElsewhere(Collection<Long> ids) {
        lineUp.decidedElsewhere(ids);
    }

    // ---- decisions -------------------------------------------------------------------------------------------

    public void approve() {
        decide(new DecisionRequest(DecisionKind.APPROVE, null, null, null));
    }

    /** Rejects with the reason in {@code position} (1-based, in the order the reason list shows). */
    public void reject(int position) {
        List<ReasonCode> codes = reasons.keyed();
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

    private void decide(DecisionRequest request) {
        ApplicationModel m = current();
        ApplicationDetail d = m == null ? null : m.detail();
        if (d == null) {
            return;
        }
        if (sync.awaitingUndo(d.id())) {
            notice.set(Notice.info("review.notice.undoSyncing", d.id()));
            return;
        }
        if (d.status() != ApplicationStatus.PENDING) {
            notice.set(Notice.warning("review.notice.notPending", d.id(), d.status().name()));
            return;
        }
        DecisionOutbox.Submission submission;
        try {
            submission = outbox.submitDecision(d.id(), d.version(), request);
        } catch (RuntimeException e) {
            log.error("decision on {} could not be stored", d.id(), e);
            notice.set(Notice.error("review.notice.outboxWriteFailed", String.valueOf(e.getMessage())));
            return;
        }
        // Saved on the outbox's thread: the window moves on at once, and shows "saving" until the file is on disk.
        UndoWindow.Offer offer = new UndoWindow.Offer(d.id(), submission.idempotencyKey(), request.kind(),
                request.reasonCode(), d.applicant() == null ? "" : d.applicant().nickname(), null);
        latestDecision = offer.decisionKey();
        undoWindow.clear();
        saving.set(offer);
        sync.saving(d.id());
        m.decided();
        lineUp.advance();
        submission.durable().whenCompleteAsync((entry, error) -> onDisk(m, offer, entry, error), fx);
    }

    /** A decision counts as made only now, once it is durable: counted, listed as decided, undoable. */
    private void onDisk(ApplicationModel m, UndoWindow.Offer offer, OutboxEntry entry, Throwable error) {
        if (saving.get() == offer) {
            saving.set(null);
        }
        long id = offer.applicationId();
        if (error != null || entry == null || entry.state() == OutboxEntry.SyncState.CANCELLED) {
            sync.submitted(id, null);
            if (error != null) {
                Throwable cause = Futures.unwrap(error);
                log.error("decision on {} could not be stored", id, cause);
                notice.set(Notice.error("review.notice.outboxWriteFailed", String.valueOf(
                        cause instanceof UncheckedIOException io ? io.getCause().getMessage() : cause.getMessage())));
                m.reclaimed();
                lineUp.bringBack(m); // not made: the moderator's work is back on screen
            }
            return;
        }
        sync.submitted(id, entry.state());
        decidedCount.set(decidedCount.get() + 1);
        decisionListeners.forEach(l -> l.changed(id, true));
        if (offer.decisionKey().equals(latestDecision)) {
            undoWindow.open(new UndoWindow.Offer(id, offer.decisionKey(), offer.kind(), offer.reasonCode(),
                    offer.nickname(), clock.instant().plus(UndoWindow.LENGTH)), m);
        }
    }

    /** Undoes the last decision if its window is still open, and brings that application back on screen. */
    public void undo() {
        UndoWindow.Taken taken = undoWindow.take().orElse(null);
        if (taken == null) {
            notice.set(Notice.info("review.notice.nothingToUndo"));
            return;
        }
        UndoWindow.Offer offer = taken.offer();
        DecisionOutbox.Submission result = outbox.submitUndo(offer.decisionKey());
        decidedCount.set(decidedCount.get() - 1);
        decisionListeners.forEach(l -> l.changed(offer.applicationId(), false));
        sync.undoSubmitted(offer.applicationId(), result.entry());
        if (result.entry().state() == OutboxEntry.SyncState.CANCELLED) {
            result.durable().whenCompleteAsync((e, error) -> sync.cancelledLocally(offer.applicationId()), fx);
        }
        ApplicationModel m = taken.application();
        if (m == null) {
            return;
        }
        m.reclaimed();
        lineUp.bringBack(m);
    }

    /** The server refused a decision: nothing was decided, so nothing to undo, and the shown state is stale. */
    private void refused(OutboxEntry e) {
        undoWindow.withdraw(e.idempotencyKey());
        lineUp.reloadIfShown(e.applicationId());
    }

    /** The moderator has seen a failed decision: forget it here and in the outbox. */
    public void dismissFailure(OutboxEntry e) {
        sync.dismiss(e);
    }

    /** Opens a failed decision's application with its fresh state so the moderator can decide again. */
    public void reopenFailure(OutboxEntry e) {
        dismissFailure(e);
        open(e.applicationId());
    }

    private void shown(ApplicationModel m) {
        ApplicationDetail d = m.detail();
        reasons.use(d != null && d.circle() != null ? d.circle().id() : 0L);
    }

    private long shownCircle() {
        ApplicationModel m = current();
        return m == null || m.detail() == null || m.detail().circle() == null ? 0 : m.detail().circle().id();
    }

    // ---- parts and properties --------------------------------------------------------------------------------

    public FocusLineUp lineUp() {
        return lineUp;
    }

    public UndoWindow undoWindow() {
        return undoWindow;
    }

    public VideoTransport video() {
        return video;
    }

    public ReadOnlyObjectProperty<ApplicationModel> currentProperty() {
        return lineUp.currentProperty();
    }

    public ApplicationModel current() {
        return lineUp.current();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return lineUp.loadingProperty();
    }

    public ReadOnlyBooleanProperty finishedProperty() {
        return lineUp.finishedProperty();
    }

    public ObjectProperty<Notice> noticeProperty() {
        return notice;
    }

    public ReadOnlyObjectProperty<ApplicationModel.ClaimConflict> conflictProperty() {
        return lineUp.conflictProperty();
    }

    public BooleanProperty helpVisibleProperty() {
        return helpVisible;
    }

    public BooleanProperty needsInfoRequestedProperty() {
        return needsInfoRequested;
    }

    public ReadOnlyObjectProperty<UndoWindow.Offer> undoOfferProperty() {
        return undoWindow.offerProperty();
    }

    /** The decision being written to disk (the toast says "saving" and offers no undo yet), or null. */
    public ReadOnlyObjectProperty<UndoWindow.Offer> savingProperty() {
        return saving;
    }

    public ReadOnlyIntegerProperty undoSecondsLeftProperty() {
        return undoWindow.secondsLeftProperty();
    }

    public ReadOnlyIntegerProperty decidedCountProperty() {
        return decidedCount;
    }

    public ReadOnlyIntegerProperty pendingSyncProperty() {
        return sync.pendingProperty();
    }

    public ObservableList<ReasonCode> reasonCodes() {
        return reasons.reasonCodes();
    }

    public ObservableMap<Long, OutboxEntry.SyncState> syncStates() {
        return sync.states();
    }

    public ObservableList<OutboxEntry> failedDecisions() {
        return sync.failed();
    }
}
