package dev.moddesk.app.creators;

import dev.moddesk.app.api.CreatorsApi;
import dev.moddesk.app.core.ErrorMessages;
import dev.moddesk.app.core.I18n;
import dev.moddesk.contract.creators.CreatorSummary;
import dev.moddesk.contract.creators.FeatureFlag;
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
 * Creator search with suggestions as you type: every change of the query, tier or feature asks the server once the
 * input has been quiet ({@link Debouncer}); the call runs on the HTTP client's threads, and only the answer to the
 * latest search is shown (an older one arriving late is dropped, and its request cancelled).
 */
public final class CreatorSearchModel {
    static final int SUGGESTIONS = 20;

    private final CreatorsApi api;
    private final ErrorMessages errors;
    private final I18n i18n;
    private final Executor fx;
    private final Debouncer debouncer;

    private final StringProperty query = new SimpleStringProperty("");
    private final ObjectProperty<String> tier = new SimpleObjectProperty<>();
    private final ObjectProperty<FeatureFlag> feature = new SimpleObjectProperty<>();
    private final ObservableList<String> tiers = FXCollections.observableArrayList();
    private final ObservableList<CreatorSummary> results = FXCollections.observableArrayList();
    private final BooleanProperty loading = new SimpleBooleanProperty();
    private final StringProperty failure = new SimpleStringProperty("");
    private final StringProperty emptyText = new SimpleStringProperty("");
    private long sequence;
    private CompletableFuture<?> inFlight = CompletableFuture.completedFuture(null);

    public CreatorSearchModel(CreatorsApi api, ErrorMessages errors, I18n i18n, Executor fx, Debouncer debouncer) {
        this.api = Objects.requireNonNull(api);
        this.errors = Objects.requireNonNull(errors);
        this.i18n = Objects.requireNonNull(i18n);
        this.fx = Objects.requireNonNull(fx);
        this.debouncer = Objects.requireNonNull(debouncer);
        query.subscribe(q -> debouncer.submit(this::search));
        tier.subscribe(t -> debouncer.submit(this::search));
        feature.subscribe(f -> debouncer.submit(this::search));
    }

    /** Searches now with the current input (the debouncer calls this; so does Enter). */
    public CompletableFuture<Void> search() {
        debouncer.cancel();
        long mine = ++sequence;
        inFlight.cancel(true);
        loading.set(true);
        failure.set("");
        String q = query.get() == null ? "" : query.get().strip();
        var call = api.search(q, tier.get(), feature.get() == null ? null : feature.get().name(), SUGGESTIONS);
        inFlight = call;
        return call.handleAsync((page, error) -> {
                    if (mine != sequence) {
                        return null; // a newer search is on its way: this answer is stale
                    }
                    loading.set(false);
                    if (error != null) {
                        results.clear();
                        failure.set(errors.describe(error));
                        return null;
                    }
                    results.setAll(page.items());
                    emptyText.set(q.isEmpty() ? i18n.get("creators.search.none")
                            : i18n.get("creators.search.noMatch", q));
                    return null;
                }, fx);
    }

    /** Loads the tiers the tier filter offers (a failure leaves the filter with "any tier" only). */
    public CompletableFuture<Void> loadTiers() {
        return api.tiers().handleAsync((list, error) -> {
            if (error == null) {
                tiers.setAll(list.stream().map(t -> t.code()).toList());
            }
            return null;
        }, fx);
    }

    public ObservableList<String> tiers() {
        return tiers;
    }

    public StringProperty queryProperty() {
        return query;
    }

    /** Only this tier (null: all). */
    public ObjectProperty<String> tierProperty() {
        return tier;
    }

    /** Only creators with this feature on (null: any). */
    public ObjectProperty<FeatureFlag> featureProperty() {
        return feature;
    }

    public ObservableList<CreatorSummary> results() {
        return results;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading;
    }

    /** Why the last search failed, described; empty after an answer. */
    public ReadOnlyStringProperty failureProperty() {
        return failure;
    }

    /** What an empty answer says ("no creator starts with …"). */
    public ReadOnlyStringProperty emptyTextProperty() {
        return emptyText;
    }
}
