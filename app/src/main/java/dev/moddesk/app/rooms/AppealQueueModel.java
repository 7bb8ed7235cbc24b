package dev.moddesk.app.rooms;

import dev.moddesk.app.api.ApiException;
import dev.moddesk.app.core.ErrorMessages;
import dev.moddesk.app.core.I18n;
import dev.moddesk.contract.ProblemType;
import dev.moddesk.contract.rooms.Appeal;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
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
 * The appeal queue as the view shows it: open appeals, oldest first, each with its sanction and evidence; uphold or
 * lift one with staff's note. One Idempotency-Key per intent, kept until it succeeds (a retry sends the same key). A
 * 409 (decided elsewhere, lifted meanwhile, not liftable) shows the server's reason and reloads the list.
 */
public final class AppealQueueModel {
    /** Sanctions the server can undo, so an appeal about them can be lifted. */
    static final Set<String> LIFTABLE = Set.of("user.mute", "user.kick");

    private final AppealsBackend backend;
    private final Executor fx;
    private final I18n i18n;
    private final ErrorMessages errors;
    private final ObservableList<Appeal> items = FXCollections.observableArrayList();
    private final StringProperty note = new SimpleStringProperty("");
    private final StringProperty status = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final Map<String, String> pendingKeys = new HashMap<>();

    public AppealQueueModel(AppealsBackend backend, Executor fx, I18n i18n, ErrorMessages errors) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.fx = Objects.requireNonNull(fx, "fx");
        this.i18n = Objects.requireNonNull(i18n, "i18n");
        this.errors = Objects.requireNonNull(errors, "errors");
    }

    public ObservableList<Appeal> items() {
        return items;
    }

    /** Staff's note for the next decision (kept in the audit log; not sent to the user). */
    public StringProperty noteProperty() {
        return note;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status;
    }

    public ReadOnlyStringProperty errorProperty() {
        return error;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    public CompletableFuture<Void> refresh() {
        if (items.isEmpty()) {
            status.set(i18n.get("rooms.appeals.loading"));
        }
        return backend.open().handleAsync((list, failure) -> {
            if (failure != null) {
                status.set(i18n.get("rooms.appeals.loadFailed", errors.describe(failure)));
                return null;
            }
            items.setAll(list);
            showCount();
            return null;
        }, fx);
    }

    static boolean liftable(Appeal a) {
        return a.action() != null && LIFTABLE.contains(a.action().action()) && !a.lifted();
    }

    public CompletableFuture<Void> decide(Appeal appeal, boolean lift) {
        String text = note.get() == null || note.get().isBlank() ? null : note.get().strip();
        String intent = appeal.id() + "\u0000" + lift + "\u0000" + text;
        String key = pendingKeys.computeIfAbsent(intent, k -> UUID.randomUUID().toString());
        error.set("");
        busy.set(true);
        return backend.decide(appeal.id(), lift, key, text).handleAsync((decided, failure) -> {
            busy.set(false);
            if (failure != null) {
                error.set(i18n.get("rooms.appeals.failed", errors.describe(failure)));
                if (ApiException.find(failure).map(e -> e.is(ProblemType.CONFLICT)).orElse(false)) {
                    // Decided elsewhere, lifted meanwhile, or not liftable: the server's list says which remain.
                    pendingKeys.remove(intent);
                    refresh();
                }
                return null;
            }
            pendingKeys.remove(intent);
            note.set("");
            items.removeIf(a -> a.id() == appeal.id());
            status.set(i18n.get(lift ? "rooms.appeals.lifted" : "rooms.appeals.upheld", appeal.userId()));
            return null;
        }, fx);
    }

    private void showCount() {
        status.set(items.isEmpty() ? i18n.get("rooms.appeals.empty") : i18n.get("rooms.appeals.count", items.size()));
    }
}
