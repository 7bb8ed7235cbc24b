package dev.moddesk.app.rooms;

import dev.moddesk.app.core.ErasedUsers;
import dev.moddesk.app.core.ErrorMessages;
import dev.moddesk.app.core.I18n;
import dev.moddesk.contract.ProblemType;
import dev.moddesk.contract.rooms.HeldMessage;
import dev.moddesk.contract.rooms.HeldStatus;
import dev.moddesk.contract.rooms.RoomStream;
import dev.moddesk.app.api.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The held-for-review queue as the view shows it: the messages the platform withheld, nearest deadline first, and
 * the release and deny decisions (one at a time per message; the server makes a repeat harmless). Continuations run
 * on {@code fx}. A message someone else settled meanwhile (409) leaves the list with a note, like a decided one.
 *
 * <p>Live: the room stream tells it ({@link RoomsHub.HeldSink}, FX thread) of each message the platform holds and
 * each one settled by anyone on any node; the list follows at once, naming another staff member who decided. It
 * loads when its tab comes into view and whenever the stream says it follows the queue afresh (each (re)connect),
 * so nothing held during a gap is missed. Changes heard while a load runs wait and are applied on top of its answer.
 */
public final class HeldQueueModel implements RoomsHub.HeldSink {
    private final WordsBackend backend;
    private final Executor fx;
    private final Clock clock;
    private final I18n i18n;
    private final ErrorMessages errors;
    private final ObservableList<HeldMessage> items = FXCollections.observableArrayList();
    private final StringProperty status = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final String me;
    /** Live changes heard while a load runs (HeldMessage or HeldSettled), applied on top of its answer. */
    private final List<Object> pending = new ArrayList<>();
    private long loadGeneration;
    private boolean loading;
    private boolean shown;

    /** @param me the signed-in staff member's id (their own decisions need no note), null when unknown */
    public HeldQueueModel(WordsBackend backend, Executor fx, Clock clock, I18n i18n, ErrorMessages errors, String me) {
        this.me = me;
        this.backend = Objects.requireNonNull(backend, "backend");
        this.fx = Objects.requireNonNull(fx, "fx");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.i18n = Objects.requireNonNull(i18n, "i18n");
        this.errors = Objects.requireNonNull(errors, "errors");
    }

    public ObservableList<HeldMessage> items() {
        return items;
    }

    /** "N waiting", "Nothing is held", or loading / failed. */
    public ReadOnlyStringProperty statusProperty() {
        return status;
    }

    /** The last decision's failure, empty when none. */
    public ReadOnlyStringProperty errorProperty() {
        return error;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    public CompletableFuture<Void> refresh() {
        if (items.isEmpty()) {
            status.set(i18n.get("rooms.held.loading"));
        }
        long generation = ++loadGeneration;
        loading = true;
        return backend.held().handleAsync((list, failure) -> {
            if (generation != loadGeneration) {
                return null; // a newer load answers for both
            }
            loading = false;
            if (failure != null) {
                status.set(i18n.get("rooms.held.loadFailed", errors.describe(failure)));
            } else {
                items.setAll(list);
                showCount();
            }
            List<Object> heard = List.copyOf(pending);
            pending.clear();
            heard.forEach(this::apply);
            return null;
        }, fx);
    }

    /** Whether the tab is in view: only then does a fresh follow of the queue reload it (coming into view does). */
    public void setShown(boolean shown) {
        this.shown = shown;
    }

    @Override
    public void heldFollowing() {
        if (shown) {
            refresh();
        }
    }

    @Override
    public void heldQueued(HeldMessage message) {
        heard(message);
    }

    @Override
    public void heldSettled(String room, RoomStream.HeldSettled settled) {
        heard(settled);
    }

    private void heard(Object change) {
        if (loading) {
            pending.add(change);
        } else {
            apply(change);
        }
    }

    private void apply(Object change) {
        switch (change) {
            case HeldMessage m when m.status() == HeldStatus.HELD -> insert(m);
            case RoomStream.HeldSettled s -> settled(s);
            default -> { }
        }
    }

    /** In deadline order; a message already listed (the load had it) stays as it is. */
    private void insert(HeldMessage m) {
        int at = 0;
        for (HeldMessage h : items) {
            if (h.id() == m.id()) {
                return;
            }
            if (h.deadline().isAfter(m.deadline()) || (h.deadline().equals(m.deadline()) && h.id() > m.id())) {
                break;
            }
            at++;
        }
        for (int i = at; i < items.size(); i++) {
            if (items.get(i).id() == m.id()) {
                return;
            }
        }
        items.add(at, m);
        showCount();
    }

    private void settled(RoomStream.HeldSettled s) {
        HeldMessage gone = items.stream().filter(h -> h.id() == s.id()).findFirst().orElse(null);
        if (gone == null) {
            return;
        }
        items.remove(gone);
        String author = ErasedUsers.name(i18n, gone.userId(), gone.nickname());
        boolean byOther = s.decidedById() != null && !s.decidedById().equals(me);
        if (s.status() == HeldStatus.DROPPED) {
            status.set(i18n.get("rooms.held.droppedLive", author));
        } else if (byOther) {
            status.set(i18n.get(s.status() == HeldStatus.RELEASED ? "rooms.held.releasedBy" : "rooms.held.deniedBy",
                    ChatLines.oneLine(s.decidedBy() == null ? s.decidedById() : s.decidedBy(), 80), author));
        } else {
            showCount();
        }
    }

    public CompletableFuture<Void> release(HeldMessage message) {
        return decide(message, backend.release(message.id()), "rooms.held.released");
    }

    public CompletableFuture<Void> deny(HeldMessage message) {
        return decide(message, backend.deny(message.id()), "rooms.held.denied");
    }

    /** Time until the message is dropped (zero or less: due now). */
    public Duration timeLeft(HeldMessage message) {
        return Duration.between(clock.instant(), message.deadline());
    }

    /** "4:05 left" / "due now", for a row. */
    public String timeLeftText(HeldMessage message) {
        long seconds = timeLeft(message).toSeconds();
        if (seconds <= 0) {
            return i18n.get("rooms.held.due");
        }
        return i18n.get("rooms.held.left", String.format(i18n.getLocale(), "%d:%02d", seconds / 60, seconds % 60));
    }

    private CompletableFuture<Void> decide(HeldMessage message, CompletableFuture<HeldMessage> call, String done) {
        error.set("");
        busy.set(true);
        return call.handleAsync((settled, failure) -> {
            busy.set(false);
            if (failure != null) {
                boolean settledElsewhere = ApiException.find(failure).map(e -> e.is(ProblemType.CONFLICT)
                        || e.is(ProblemType.NOT_FOUND)).orElse(false);
                error.set(i18n.get("rooms.held.failed", errors.describe(failure)));
                if (settledElsewhere) {
                    items.removeIf(h -> h.id() == message.id());
                    showCount();
                }
                return null;
            }
            items.removeIf(h -> h.id() == message.id());
            status.set(i18n.get(done, ErasedUsers.name(i18n, message.userId(), message.nickname())));
            return null;
        }, fx);
    }

    private void showCount() {
        status.set(items.isEmpty() ? i18n.get("rooms.held.empty") : i18n.get("rooms.held.count", items.size()));
    }

    /** For tests: the items' ids in order. */
    List<Long> ids() {
        return items.stream().map(HeldMessage::id).toList();
    }
}
