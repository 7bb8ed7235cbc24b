package dev.moddesk.app.rooms;

import dev.moddesk.app.core.ErasedUsers;
import dev.moddesk.app.core.ErrorMessages;
import dev.moddesk.app.core.I18n;
import dev.moddesk.contract.ProblemType;
import dev.moddesk.contract.rooms.HeldMessage;
import dev.moddesk.app.api.ApiException;
import java.time.Clock;
import java.time.Duration;
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
 */
public final class HeldQueueModel {
    private final WordsBackend backend;
    private final Executor fx;
    private final Clock clock;
    private final I18n i18n;
    private final ErrorMessages errors;
    private final ObservableList<HeldMessage> items = FXCollections.observableArrayList();
    private final StringProperty status = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();

    public HeldQueueModel(WordsBackend backend, Executor fx, Clock clock, I18n i18n, ErrorMessages errors) {
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
        return backend.held().handleAsync((list, failure) -> {
            if (failure != null) {
                status.set(i18n.get("rooms.held.loadFailed", errors.describe(failure)));
                return null;
            }
            items.setAll(list);
            showCount();
            return null;
        }, fx);
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
