package dev.moddesk.app.creators;

import dev.moddesk.app.api.CreatorsApi;
import dev.moddesk.app.core.ErrorMessages;
import dev.moddesk.app.core.EventBus;
import dev.moddesk.app.core.Events;
import dev.moddesk.contract.creators.QuotaDecision;
import dev.moddesk.contract.creators.QuotaRequest;
import dev.moddesk.contract.creators.QuotaRequestView;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The quota request queue: requests of one status (pending first of all) with the creator's usage and earlier
 * requests; approve, approve part (an amount), or deny with a note. A request decided or changed meanwhile (409/412)
 * is shown as it is now, and the typed amount and note stay.
 */
public final class QuotaRequestsModel {
    static final int PAGE = 100;

    private final CreatorsApi api;
    private final CreatorText text;
    private final CreatorProblems problems;
    private final ErrorMessages errors;
    private final EventBus bus;
    private final Executor fx;
    private final boolean editable;

    private final ObjectProperty<QuotaRequest.Status> status = new SimpleObjectProperty<>(QuotaRequest.Status.PENDING);
    private final ObservableList<QuotaRequestView> requests = FXCollections.observableArrayList();
    private final ObjectProperty<QuotaRequestView> selected = new SimpleObjectProperty<>();
    private final BooleanProperty loading = new SimpleBooleanProperty();
    private final StringProperty loadError = new SimpleStringProperty("");
    private final StringProperty amount = new SimpleStringProperty("");
    private final StringProperty note = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private long loadSequence;

    public QuotaRequestsModel(CreatorsApi api, CreatorText text, ErrorMessages errors, EventBus bus, Executor fx,
                              boolean editable) {
        this.api = Objects.requireNonNull(api);
        this.text = Objects.requireNonNull(text);
        this.problems = new CreatorProblems(text, errors);
        this.errors = errors;
        this.bus = Objects.requireNonNull(bus);
        this.fx = Objects.requireNonNull(fx);
        this.editable = editable;
        status.subscribe((was, now) -> refresh());
        selected.subscribe((was, now) -> {
            if (was == null || now == null || was.request().id() != now.request().id()) {
                amount.set("");
                note.set("");
                error.set("");
            }
        });
    }

    public CompletableFuture<Void> refresh() {
        long mine = ++loadSequence;
        loading.set(true);
        loadError.set("");
        return api.quotaRequests(status.get() == null ? null : status.get().name(), PAGE)
                .handleAsync((page, failure) -> {
                    if (mine != loadSequence) {
                        return null;
                    }
                    loading.set(false);
                    if (failure != null) {
                        requests.clear();
                        loadError.set(errors.describe(failure));
                        return null;
                    }
                    long keep = selected.get() == null ? -1 : selected.get().request().id();
                    requests.setAll(page.items());
                    selected.set(requests.stream().filter(r -> r.request().id() == keep).findFirst()
                            .orElse(requests.isEmpty() ? null : requests.getFirst()));
                    return null;
                }, fx);
    }

    public CompletableFuture<Void> approve() {
        return decide(new QuotaDecision(QuotaDecision.Kind.APPROVE, null, blankToNull(note.get())));
    }

    /** Approves the typed amount (a total above the current value and below the one requested); needs a note. */
    public CompletableFuture<Void> approvePart() {
        Integer granted;
        try {
            granted = Integer.valueOf(amount.get().strip());
        } catch (NumberFormatException e) {
            error.set(text.i18n().get("creators.requests.amountRequired"));
            return CompletableFuture.completedFuture(null);
        }
        if (note.get().isBlank()) {
            error.set(text.i18n().get("creators.requests.noteRequired"));
            return CompletableFuture.completedFuture(null);
        }
        return decide(new QuotaDecision(QuotaDecision.Kind.APPROVE_PART, granted, note.get().strip()));
    }

    /** Denies with the typed note (required). */
    public CompletableFuture<Void> deny() {
        if (note.get().isBlank()) {
            error.set(text.i18n().get("creators.requests.noteRequired"));
            return CompletableFuture.completedFuture(null);
        }
        return decide(new QuotaDecision(QuotaDecision.Kind.DENY, null, note.get().strip()));
    }

    private CompletableFuture<Void> decide(QuotaDecision decision) {
        QuotaRequestView view = selected.get();
        if (view == null || !editable || busy.get()) {
            return CompletableFuture.completedFuture(null);
        }
        QuotaRequest r = view.request();
        error.set("");
        busy.set(true);
        return api.decide(r.id(), r.version(), decision).handleAsync((decided, failure) -> {
            busy.set(false);
            if (failure != null) {
                api.current(failure, QuotaRequestView.class).ifPresent(this::replace);
                error.set(CreatorProblems.stale(failure) ? text.i18n().get("creators.requests.changed")
                        : problems.describe(failure, List.of()));
                return null;
            }
            bus.publish(new Events.NotificationEvent(Events.Severity.SUCCESS, text.i18n().get(
                    "creators.requests.decided", text.name(r.creatorName()), outcome(decided.request()))));
            int index = indexOf(r.id());
            if (status.get() == QuotaRequest.Status.PENDING && index >= 0) {
                requests.remove(index);
                selected.set(requests.isEmpty() ? null : requests.get(Math.min(index, requests.size() - 1)));
            } else {
                replace(decided);
            }
            return null;
        }, fx);
    }

    private void replace(QuotaRequestView now) {
        int index = indexOf(now.request().id());
        if (index >= 0) {
            requests.set(index, now);
            selected.set(now);
        }
    }

    private int indexOf(long id) {
        for (int i = 0; i < requests.size(); i++) {
            if (requests.get(i).request().id() == id) {
                return i;
            }
        }
        return -1;
    }

    /** "approved 50", "approved 20 of 50", "denied". */
    String outcome(QuotaRequest r) {
        return switch (r.status()) {
            case PENDING -> text.status(QuotaRequest.Status.PENDING);
            case APPROVED -> text.i18n().get("creators.requests.outcome.approved", r.granted());
            case PARTLY_APPROVED -> text.i18n().get("creators.requests.outcome.part", r.granted(), r.requested());
            case DENIED -> text.i18n().get("creators.requests.outcome.denied");
        };
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    public boolean editable() {
        return editable;
    }

    public CreatorText text() {
        return text;
    }

    public ObjectProperty<QuotaRequest.Status> statusProperty() {
        return status;
    }

    public ObservableList<QuotaRequestView> requests() {
        return requests;
    }

    public ObjectProperty<QuotaRequestView> selectedProperty() {
        return selected;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading;
    }

    public ReadOnlyStringProperty loadErrorProperty() {
        return loadError;
    }

    public StringProperty amountProperty() {
        return amount;
    }

    public StringProperty noteProperty() {
        return note;
    }

    public ReadOnlyStringProperty errorProperty() {
        return error;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }
}
