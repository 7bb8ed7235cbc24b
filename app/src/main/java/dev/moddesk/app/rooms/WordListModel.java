package dev.moddesk.app.rooms;

import dev.moddesk.app.api.ApiException;
import dev.moddesk.app.core.ErrorMessages;
import dev.moddesk.app.core.I18n;
import dev.moddesk.contract.FieldError;
import dev.moddesk.contract.rooms.WordTerm;
import dev.moddesk.contract.rooms.WordTermRequest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The word list editor: the list (with its version), and one form that adds a term or changes the one being edited
 * (term, category, FLAG/HOLD, an optional last day). The server judges every field; its keyed 422 lands under the
 * field it names, in the console's language, and what the user typed stays. A term someone changed meanwhile (412)
 * reloads the list and says so.
 */
public final class WordListModel {
    /** Form fields the server may name in a 422. */
    static final List<String> FIELDS = List.of("term", "category", "action", "expiresAt");

    private final WordsBackend backend;
    private final Executor fx;
    private final ZoneId zone;
    private final I18n i18n;
    private final ErrorMessages errors;
    private final ObservableList<WordTerm> terms = FXCollections.observableArrayList();
    private final LongProperty version = new SimpleLongProperty(-1);
    private final ObjectProperty<WordTerm> editing = new SimpleObjectProperty<>();
    private final StringProperty term = new SimpleStringProperty("");
    private final StringProperty category = new SimpleStringProperty("contact");
    private final StringProperty action = new SimpleStringProperty("FLAG");
    private final ObjectProperty<LocalDate> lastDay = new SimpleObjectProperty<>();
    private final Map<String, StringProperty> fieldErrors = Map.of("term", new SimpleStringProperty(""),
            "category", new SimpleStringProperty(""), "action", new SimpleStringProperty(""),
            "expiresAt", new SimpleStringProperty(""));
    private final StringProperty status = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();

    public WordListModel(WordsBackend backend, Executor fx, ZoneId zone, I18n i18n,
                         ErrorMessages errors) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.fx = Objects.requireNonNull(fx, "fx");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.i18n = Objects.requireNonNull(i18n, "i18n");
        this.errors = Objects.requireNonNull(errors, "errors");
    }

    public ObservableList<WordTerm> terms() {
        return terms;
    }

    public LongProperty versionProperty() {
        return version;
    }

    /** The term the form changes; null when the form adds a new one. */
    public ObjectProperty<WordTerm> editingProperty() {
        return editing;
    }

    public StringProperty termProperty() {
        return term;
    }

    public StringProperty categoryProperty() {
        return category;
    }

    public StringProperty actionProperty() {
        return action;
    }

    /** The last day the term matches (it expires at the start of the next day, here); null = never expires. */
    public ObjectProperty<LocalDate> lastDayProperty() {
        return lastDay;
    }

    public StringProperty fieldErrorProperty(String field) {
        return fieldErrors.get(field);
    }

    public StringProperty statusProperty() {
        return status;
    }

    public StringProperty errorProperty() {
        return error;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    public CompletableFuture<Void> refresh() {
        return backend.words().handleAsync((list, failure) -> {
            if (failure != null) {
                status.set(i18n.get("rooms.words.loadFailed", errors.describe(failure)));
                return null;
            }
            terms.setAll(list.terms());
            version.set(list.version());
            status.set(i18n.get("rooms.words.count", list.terms().size(), list.version()));
            return null;
        }, fx);
    }

    /** Fills the form with {@code t} to change it. */
    public void edit(WordTerm t) {
        clearErrors();
        editing.set(t);
        term.set(t.term());
        category.set(t.category());
        action.set(t.action());
        lastDay.set(t.expiresAt() == null ? null : t.expiresAt().minusNanos(1).atZone(zone).toLocalDate());
    }

    /** Empties the form for a new term. */
    public void startNew() {
        clearErrors();
        editing.set(null);
        term.set("");
        lastDay.set(null);
    }

    /** Adds the form's term, or saves the one being edited. The form is kept when the server refuses it. */
    public CompletableFuture<Void> save() {
        clearErrors();
        busy.set(true);
        WordTermRequest request = new WordTermRequest(term.get(), category.get(), action.get(), expiry());
        WordTerm current = editing.get();
        CompletableFuture<WordTerm> call = current == null ? backend.add(request)
                : backend.update(current.id(), current.version(), request);
        return call.handleAsync((saved, failure) -> {
            busy.set(false);
            if (failure != null) {
                refused(failure);
                return null;
            }
            status.set(i18n.get(current == null ? "rooms.words.added" : "rooms.words.changed", saved.term()));
            startNew();
            return null;
        }, fx).thenCompose(ignored -> error.get().isEmpty() && fieldsClean() ? refresh()
                : CompletableFuture.completedFuture(null));
    }

    public CompletableFuture<Void> remove(WordTerm t) {
        clearErrors();
        busy.set(true);
        return backend.remove(t.id(), t.version()).handleAsync((ignored, failure) -> {
            busy.set(false);
            if (failure != null) {
                error.set(i18n.get("rooms.words.failed", errors.describe(failure)));
                return null;
            }
            if (editing.get() != null && editing.get().id() == t.id()) {
                startNew();
            }
            status.set(i18n.get("rooms.words.removed", t.term()));
            return null;
        }, fx).thenCompose(ignored -> refresh());
    }

    private Instant expiry() {
        LocalDate day = lastDay.get();
        return day == null ? null : day.plusDays(1).atStartOfDay(zone).toInstant();
    }

    private void refused(Throwable failure) {
        List<FieldError> named = ApiException.find(failure).flatMap(ApiException::problem)
                .map(p -> p.errors()).orElse(List.of());
        boolean shown = false;
        for (FieldError e : named) {
            StringProperty field = fieldErrors.get(e.field());
            if (field != null) {
                field.set(field.get().isEmpty() ? e.message() : field.get() + "; " + e.message());
                shown = true;
            }
        }
        if (!shown) {
            error.set(i18n.get("rooms.words.failed", errors.describe(failure)));
        }
    }

    private boolean fieldsClean() {
        return fieldErrors.values().stream().allMatch(p -> p.get().isEmpty());
    }

    private void clearErrors() {
        error.set("");
        fieldErrors.values().forEach(p -> p.set(""));
    }

}
