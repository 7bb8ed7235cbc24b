package dev.moddesk.app.creators;

import dev.moddesk.app.api.CreatorsApi;
import dev.moddesk.app.core.ErrorMessages;
import dev.moddesk.app.core.EventBus;
import dev.moddesk.app.core.Events;
import dev.moddesk.contract.creators.ChangeResult;
import dev.moddesk.contract.creators.CreatorChange;
import dev.moddesk.contract.creators.CreatorDetail;
import dev.moddesk.contract.creators.FeatureFlag;
import dev.moddesk.contract.creators.GroupOrder;
import dev.moddesk.contract.creators.HistoryEntry;
import dev.moddesk.contract.creators.SettingChange;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;

/**
 * One creator's page: the creator as loaded (its version is what a save sends as If-Match), the admin's draft with
 * the server's preview of its effect, the display order being arranged, the change history, and the conflict view a
 * 412 opens. Each save intent carries its own Idempotency-Key: a retry of the same body at the same version reuses
 * it, anything else gets a new one.
 */
public final class CreatorPageModel {
    public enum State { EMPTY, LOADING, LOADED, FAILED }

    private final CreatorsApi api;
    private final CreatorText text;
    private final CreatorProblems problems;
    private final ErrorMessages errors;
    private final EventBus bus;
    private final Executor fx;
    private final Debouncer previews;
    private final ZoneId zone;
    private final boolean editable;

    private final ObjectProperty<State> state = new SimpleObjectProperty<>(State.EMPTY);
    private final StringProperty loadError = new SimpleStringProperty("");
    private final ObjectProperty<CreatorDetail> creator = new SimpleObjectProperty<>();
    private final CreatorDraft draft = new CreatorDraft();
    private final DisplayOrder order = new DisplayOrder();
    private final ObservableList<HistoryEntry> history = FXCollections.observableArrayList();
    private final StringProperty historyError = new SimpleStringProperty("");
    private final StringProperty preview = new SimpleStringProperty("");
    private final StringProperty formError = new SimpleStringProperty("");
    private final ObservableMap<FeatureFlag, String> ruleHints = FXCollections.observableHashMap();
    private final BooleanProperty pending = new SimpleBooleanProperty();
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final ObjectProperty<CreatorConflict> conflict = new SimpleObjectProperty<>();
    private long loadSequence;
    private long previewSequence;
    private String intentKey;
    private Object intentBody;
    private int intentVersion;

    public CreatorPageModel(CreatorsApi api, CreatorText text, ErrorMessages errors, EventBus bus, Executor fx,
                            Debouncer previews, ZoneId zone, boolean editable) {
        this.api = Objects.requireNonNull(api);
        this.text = Objects.requireNonNull(text);
        this.problems = new CreatorProblems(text, errors);
        this.errors = errors;
        this.bus = Objects.requireNonNull(bus);
        this.fx = Objects.requireNonNull(fx);
        this.previews = Objects.requireNonNull(previews);
        this.zone = Objects.requireNonNull(zone);
        this.editable = editable;
        draft.onEdit(() -> {
            formError.set("");
            pending.set(!draft.changes(zone).isEmpty() || draft.unreadable().isPresent());
            previews.submit(this::preview);
        });
    }

    /** Loads the creator and its history; an answer for a creator no longer asked for is dropped. */
    public CompletableFuture<Void> open(long id) {
        long mine = ++loadSequence;
        previews.cancel();
        conflict.set(null);
        state.set(State.LOADING);
        loadError.set("");
        return api.creator(id).handleAsync((detail, failure) -> {
            if (mine != loadSequence) {
                return null;
            }
            if (failure != null) {
                state.set(State.FAILED);
                loadError.set(errors.describe(failure));
                return null;
            }
            show(detail, false);
            return null;
        }, fx).thenCompose(ignored -> mine == loadSequence && state.get() == State.LOADED ? loadHistory(id, mine)
                : CompletableFuture.completedFuture(null));
    }

    /** Loads the creator shown again (after "reload", or a change elsewhere). */
    public CompletableFuture<Void> reload() {
        CreatorDetail shown = creator.get();
        return shown == null ? CompletableFuture.completedFuture(null) : open(shown.id());
    }

    private CompletableFuture<Void> loadHistory(long id, long mine) {
        historyError.set("");
        return api.history(id, 50).handleAsync((entries, failure) -> {
            if (mine != loadSequence) {
                return null;
            }
            if (failure != null) {
                history.clear();
                historyError.set(errors.describe(failure));
            } else {
                history.setAll(entries);
            }
            return null;
        }, fx);
    }

    private void show(CreatorDetail detail, boolean keepReason) {
        creator.set(detail);
        draft.reset(detail, keepReason);
        order.reset(detail);
        ruleHints.clear();
        preview.set("");
        formError.set("");
        pending.set(false);
        state.set(State.LOADED);
    }

    /** Asks the server what the draft would do (also what tells why a feature cannot be turned on). */
    public CompletableFuture<Void> preview() {
        CreatorDetail shown = creator.get();
        if (shown == null || !editable) {
            return CompletableFuture.completedFuture(null);
        }
        long mine = ++previewSequence;
        if (draft.unreadable().isPresent()) {
            preview.set("");
            formError.set(text.i18n().get("creators.edit.notANumber", text.setting(draft.unreadable().get().wireName())));
            return CompletableFuture.completedFuture(null);
        }
        List<SettingChange> changes = draft.changes(zone);
        if (changes.isEmpty()) {
            preview.set("");
            ruleHints.clear();
            return CompletableFuture.completedFuture(null);
        }
        String reason = draft.reasonProperty().get().isBlank() ? "preview" : draft.reasonProperty().get().strip();
        return api.preview(shown.id(), new CreatorChange(changes, reason)).handleAsync((effect, failure) -> {
            if (mine != previewSequence) {
                return null;
            }
            ruleHints.clear();
            if (failure == null) {
                preview.set(text.effect(effect, order.groups()));
                return null;
            }
            preview.set("");
            problems.rule(failure).ifPresentOrElse(hint -> ruleHints.put(hint.flag(), hint.sentence()),
                    () -> formError.set(problems.describe(failure, changes)));
            return null;
        }, fx).whenComplete(this::unexpected).thenApply(ignored -> null);
    }

    /** Saves the draft's overrides; a reason is required, and a 412 opens the conflict view with their state. */
    public CompletableFuture<Void> save() {
        CreatorDetail base = creator.get();
        List<SettingChange> changes = draft.changes(zone);
        if (base == null || changes.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        String reason = draft.reasonProperty().get().strip();
        if (reason.isEmpty()) {
            formError.set(text.i18n().get("creators.edit.reasonRequired"));
            return CompletableFuture.completedFuture(null);
        }
        CreatorChange change = new CreatorChange(changes, reason);
        return submit(base, change, () -> api.change(base.id(), base.version(), keyFor(change, base.version()), change),
                CreatorConflict.settings(changes, reason));
    }

    /** Saves the arranged display order (the reason goes into the history, so it is required too). */
    public CompletableFuture<Void> saveOrder() {
        CreatorDetail base = creator.get();
        if (base == null || !order.movedProperty().get()) {
            return CompletableFuture.completedFuture(null);
        }
        String reason = draft.reasonProperty().get().strip();
        if (reason.isEmpty()) {
            formError.set(text.i18n().get("creators.edit.reasonRequired"));
            return CompletableFuture.completedFuture(null);
        }
        GroupOrder body = new GroupOrder(order.ids(), reason);
        return submit(base, body, () -> api.reorder(base.id(), base.version(), body),
                CreatorConflict.order(order.ids(), reason));
    }

    private CompletableFuture<Void> submit(CreatorDetail base, Object body,
                                           java.util.function.Supplier<CompletableFuture<ChangeResult>> call,
                                           CreatorConflict.Yours yours) {
        formError.set("");
        busy.set(true);
        return call.get().handleAsync((result, failure) -> {
            busy.set(false);
            if (failure == null) {
                intentBody = null;
                show(result.creator(), false);
                preview.set(text.i18n().get("creators.edit.saved", text.effect(result.effect(), order.groups())));
                bus.publish(new Events.NotificationEvent(Events.Severity.SUCCESS,
                        text.i18n().get("creators.edit.savedNotice", text.name(result.creator().displayName()))));
                return true;
            }
            if (CreatorProblems.stale(failure)) {
                api.current(failure, CreatorDetail.class).ifPresentOrElse(
                        theirs -> conflict.set(CreatorConflict.between(base, theirs, yours, text)),
                        () -> formError.set(errors.describe(failure)));
                return false;
            }
            problems.rule(failure).ifPresent(hint -> ruleHints.put(hint.flag(), hint.sentence()));
            formError.set(problems.describe(failure, yours.changes()));
            return false;
        }, fx).thenCompose(saved -> saved ? loadHistory(base.id(), loadSequence)
                : CompletableFuture.completedFuture(null)).whenComplete(this::unexpected);
    }

    /** A failure of this model's own code (not the server's answer) is shown and logged, never swallowed. */
    private void unexpected(Object ignored, Throwable failure) {
        if (failure != null) {
            fx.execute(() -> {
                busy.set(false);
                formError.set(errors.describe(failure));
            });
        }
    }

    private String keyFor(Object body, int version) {
        if (!body.equals(intentBody) || version != intentVersion) {
            intentKey = UUID.randomUUID().toString();
            intentBody = body;
            intentVersion = version;
        }
        return intentKey;
    }

    /** Conflict: drop my edit and show their state. */
    public CompletableFuture<Void> takeTheirs() {
        CreatorConflict c = conflict.get();
        if (c == null) {
            return CompletableFuture.completedFuture(null);
        }
        conflict.set(null);
        show(c.theirs(), false);
        return loadHistory(c.theirs().id(), loadSequence);
    }

    /** Conflict: put my edit on top of their state and save it (a new intent, so a new Idempotency-Key). */
    public CompletableFuture<Void> applyMineOnTop() {
        CreatorConflict c = conflict.get();
        if (c == null) {
            return CompletableFuture.completedFuture(null);
        }
        conflict.set(null);
        show(c.theirs(), true);
        draft.reasonProperty().set(c.yours().reason());
        if (c.yours().order() != null) {
            order.arrange(c.yours().order());
            return saveOrder();
        }
        draft.rebase(c.theirs(), c.yours().changes());
        return save();
    }

    /** Drops the draft's values (the reason stays) and shows the creator as loaded. */
    public void revert() {
        CreatorDetail shown = creator.get();
        if (shown != null) {
            ++previewSequence;
            previews.cancel();
            show(shown, true);
        }
    }

    /** Gives a setting back to its tier default (saved with the next save). */
    public void clearOverride(String setting) {
        if (editable) {
            draft.clear(setting);
        }
    }

    /** Forgets the open creator (another session, or the page was left). */
    public void close() {
        ++loadSequence;
        ++previewSequence;
        previews.cancel();
        creator.set(null);
        history.clear();
        conflict.set(null);
        state.set(State.EMPTY);
    }

    public boolean editable() {
        return editable;
    }

    public CreatorText text() {
        return text;
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state;
    }

    public ReadOnlyStringProperty loadErrorProperty() {
        return loadError;
    }

    public ReadOnlyObjectProperty<CreatorDetail> creatorProperty() {
        return creator;
    }

    public CreatorDraft draft() {
        return draft;
    }

    public DisplayOrder order() {
        return order;
    }

    public ObservableList<HistoryEntry> history() {
        return history;
    }

    public ReadOnlyStringProperty historyErrorProperty() {
        return historyError;
    }

    /** The server's preview of the draft, in the UI language ("Fan-group quota 5 → 50; can open 45 more groups"). */
    public ReadOnlyStringProperty previewProperty() {
        return preview;
    }

    /** Why the edit cannot be saved as it is (the input is kept). */
    public ReadOnlyStringProperty formErrorProperty() {
        return formError;
    }

    /** Per feature, the server's sentence saying why it cannot be turned on. */
    public ObservableMap<FeatureFlag, String> ruleHints() {
        return ruleHints;
    }

    /** Whether the draft differs from the creator's values. */
    public ReadOnlyBooleanProperty pendingProperty() {
        return pending;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    public ReadOnlyObjectProperty<CreatorConflict> conflictProperty() {
        return conflict;
    }
}
