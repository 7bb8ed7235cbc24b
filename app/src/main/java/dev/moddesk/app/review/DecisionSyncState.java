package dev.moddesk.app.review;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;

/**
 * What the durable outbox has made of this focus session's decisions: each application's sync state ("pending sync"
 * until the server confirms), how many are still pending, the refused ones kept visible until dismissed, and the
 * undos still on their way (a new decision on such an application must wait for it).
 *
 * <p>Thread: the FX thread. The outbox calls {@link #outboxChanged} through the executor it was given, which in the
 * console is the FX thread.
 */
public final class DecisionSyncState {

    private final DecisionOutbox outbox;
    private final Consumer<Notice> notices;
    private final Consumer<OutboxEntry> refused;
    private final LongConsumer undoSettled;
    private final ObservableMap<Long, OutboxEntry.SyncState> states = FXCollections.observableHashMap();
    private final ObservableList<OutboxEntry> failed = FXCollections.observableArrayList();
    private final IntegerProperty pending = new SimpleIntegerProperty(this, "pending");
    private final Set<Long> awaitingUndo = new HashSet<>();
    private final Consumer<OutboxEntry> listener = this::outboxChanged;

    /**
     * {@code refused} hears of a decision the server refused (after it is listed and the notice is set);
     * {@code undoSettled} of an application whose undo has come back, either way.
     */
    public DecisionSyncState(DecisionOutbox outbox, Consumer<Notice> notices, Consumer<OutboxEntry> refused,
                             LongConsumer undoSettled) {
        this.outbox = outbox;
        this.notices = notices;
        this.refused = refused;
        this.undoSettled = undoSettled;
        outbox.addListener(listener);
        // A review view opened again (the moderator looked at another view meanwhile) starts from what the outbox
        // still holds: its decisions still pending sync, and the refused ones not yet dismissed, stay in sight.
        for (OutboxEntry e : outbox.entries()) {
            if (e.kind() != OutboxEntry.Kind.DECISION) {
                continue;
            }
            if (e.unsettled() || e.state() == OutboxEntry.SyncState.FAILED
                    || e.state() == OutboxEntry.SyncState.NEEDS_ATTENTION) {
                states.put(e.applicationId(), e.state());
            }
            if (!e.unsettled() && states.containsKey(e.applicationId())) {
                failed.add(e);
            }
        }
        refreshPending();
    }

    public void close() {
        outbox.removeListener(listener);
    }

    /** A decision on {@code applicationId} has just been made; it is being written to disk. */
    public void saving(long applicationId) {
        states.put(applicationId, OutboxEntry.SyncState.SAVING);
        refreshPending();
    }

    /** A decision on {@code applicationId} is on disk (or could not be written: {@code state} null). */
    public void submitted(long applicationId, OutboxEntry.SyncState state) {
        if (state == null) {
            states.remove(applicationId);
        } else if (states.get(applicationId) == OutboxEntry.SyncState.SAVING) {
            states.put(applicationId, state); // unless the outbox already told a later state
        }
        refreshPending();
    }

    /**
     * An undo has gone into the outbox. Either way it is "undoing" until settled: a local cancel once the decision's
     * file is gone ({@link #cancelledLocally}), a server undo once the server confirms it. Never "undone" before.
     */
    public void undoSubmitted(long applicationId, OutboxEntry result) {
        awaitingUndo.add(applicationId);
        notices.accept(Notice.info("review.notice.undoing", applicationId));
        if (result.state() == OutboxEntry.SyncState.CANCELLED) {
            states.remove(applicationId);
        }
        refreshPending();
    }

    /** A decision that never left this machine is cancelled and its file is gone. */
    public void cancelledLocally(long applicationId) {
        finishUndo(applicationId, true);
        refreshPending();
    }

    /** True while an undo of {@code applicationId} has not come back from the server. */
    public boolean awaitingUndo(long applicationId) {
        return awaitingUndo.contains(applicationId);
    }

    /** The moderator has seen a failed decision: forget it here and in the outbox. */
    public void dismiss(OutboxEntry e) {
        failed.removeIf(f -> f.idempotencyKey().equals(e.idempotencyKey()));
        states.remove(e.applicationId());
        outbox.dismiss(e.idempotencyKey());
        refreshPending();
    }

    private void outboxChanged(OutboxEntry e) {
        if (e.kind() == OutboxEntry.Kind.DECISION) {
            if (e.state() == OutboxEntry.SyncState.SAVING) {
                return; // the maker has said so already
            }
            if (e.state() == OutboxEntry.SyncState.CANCELLED || e.state() == OutboxEntry.SyncState.CONFIRMED
                    && !states.containsKey(e.applicationId())) {
                states.remove(e.applicationId());
            } else {
                states.put(e.applicationId(), e.state());
            }
            if (e.state() == OutboxEntry.SyncState.FAILED || e.state() == OutboxEntry.SyncState.NEEDS_ATTENTION) {
                decisionFailed(e);
            }
        } else if (e.kind() == OutboxEntry.Kind.UNDO) {
            if (e.state() == OutboxEntry.SyncState.CONFIRMED || e.state() == OutboxEntry.SyncState.CANCELLED) {
                states.remove(e.applicationId());
                finishUndo(e.applicationId(), true);
            } else if (e.state() == OutboxEntry.SyncState.FAILED) {
                notices.accept(Notice.error("review.notice.undoFailed", e.applicationId(),
                        String.valueOf(e.failureDetail())));
                finishUndo(e.applicationId(), false);
            }
        }
        refreshPending();
    }

    private void finishUndo(long applicationId, boolean undone) {
        if (!awaitingUndo.remove(applicationId)) {
            return;
        }
        if (undone) {
            notices.accept(Notice.info("review.notice.undone", applicationId));
        }
        undoSettled.accept(applicationId);
    }

    private void decisionFailed(OutboxEntry e) {
        if (failed.stream().noneMatch(f -> f.idempotencyKey().equals(e.idempotencyKey()))) {
            failed.add(e);
        }
        if (e.state() == OutboxEntry.SyncState.NEEDS_ATTENTION) {
            notices.accept(Notice.warning("review.notice.needsAttention", e.applicationId()));
        } else {
            notices.accept(Notice.error("review.notice.decisionFailed", e.applicationId(),
                    String.valueOf(e.failureType()), String.valueOf(e.failureDetail())));
        }
        refused.accept(e);
    }

    private void refreshPending() {
        pending.set((int) states.values().stream().filter(s -> s == OutboxEntry.SyncState.PENDING_SYNC
                || s == OutboxEntry.SyncState.SAVING).count());
    }

    public ObservableMap<Long, OutboxEntry.SyncState> states() {
        return FXCollections.unmodifiableObservableMap(states);
    }

    public ObservableList<OutboxEntry> failed() {
        return FXCollections.unmodifiableObservableList(failed);
    }

    public ReadOnlyIntegerProperty pendingProperty() {
        return pending;
    }
}
