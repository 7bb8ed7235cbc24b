package dev.moddesk.app.creators;

import dev.moddesk.app.api.CreatorsApi;
import dev.moddesk.app.core.ErrorMessages;
import dev.moddesk.app.core.EventBus;
import dev.moddesk.app.core.Events;
import dev.moddesk.contract.creators.BulkResult;
import dev.moddesk.contract.creators.CreatorValues;
import dev.moddesk.contract.creators.FeatureFlag;
import dev.moddesk.contract.creators.Limit;
import dev.moddesk.contract.creators.Tier;
import dev.moddesk.contract.creators.TierChange;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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

/**
 * The tier defaults editor: pick a tier, edit its defaults, preview what that does to each of its creators (counts and
 * the per-creator outcomes), then apply exactly what was previewed (If-Match on the tier's version; a tier changed
 * meanwhile is shown fresh and asks for a new preview).
 */
public final class TierEditorModel {
    private final CreatorsApi api;
    private final CreatorText text;
    private final CreatorProblems problems;
    private final ErrorMessages errors;
    private final EventBus bus;
    private final Executor fx;
    private final boolean editable;

    private final ObservableList<Tier> tiers = FXCollections.observableArrayList();
    private final ObjectProperty<Tier> selected = new SimpleObjectProperty<>();
    private final Map<Limit, StringProperty> limits = new EnumMap<>(Limit.class);
    private final Map<FeatureFlag, BooleanProperty> flags = new EnumMap<>(FeatureFlag.class);
    private final StringProperty reason = new SimpleStringProperty("");
    private final BooleanProperty loading = new SimpleBooleanProperty();
    private final StringProperty loadError = new SimpleStringProperty("");
    private final ObjectProperty<BulkResult> result = new SimpleObjectProperty<>();
    private final OutcomePages outcomes;
    private final StringProperty summary = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final BooleanProperty previewed = new SimpleBooleanProperty();
    private TierChange previewedChange;
    private boolean syncing;

    public TierEditorModel(CreatorsApi api, CreatorText text, ErrorMessages errors, EventBus bus, Executor fx,
                           boolean editable) {
        this.api = Objects.requireNonNull(api);
        this.text = Objects.requireNonNull(text);
        this.problems = new CreatorProblems(text, errors);
        this.errors = errors;
        this.bus = Objects.requireNonNull(bus);
        this.fx = Objects.requireNonNull(fx);
        this.editable = editable;
        this.outcomes = new OutcomePages(text);
        for (Limit limit : Limit.values()) {
            StringProperty p = new SimpleStringProperty("");
            p.subscribe(v -> edited());
            limits.put(limit, p);
        }
        for (FeatureFlag flag : FeatureFlag.values()) {
            BooleanProperty p = new SimpleBooleanProperty();
            p.subscribe(v -> edited());
            flags.put(flag, p);
        }
        reason.subscribe(v -> edited());
        selected.subscribe(this::showDefaults);
    }

    private void edited() {
        if (!syncing) {
            previewed.set(false);
            error.set("");
        }
    }

    private void showDefaults(Tier tier) {
        syncing = true;
        try {
            result.set(null);
            outcomes.clear();
            summary.set("");
            previewed.set(false);
            if (tier == null) {
                return;
            }
            for (Limit limit : Limit.values()) {
                limits.get(limit).set(Integer.toString(tier.defaults().limit(limit)));
            }
            for (FeatureFlag flag : FeatureFlag.values()) {
                flags.get(flag).set(tier.defaults().on(flag));
            }
        } finally {
            syncing = false;
        }
    }

    public CompletableFuture<Void> refresh() {
        loading.set(true);
        loadError.set("");
        return api.tiers().handleAsync((list, failure) -> {
            loading.set(false);
            if (failure != null) {
                loadError.set(errors.describe(failure));
                return null;
            }
            String keep = selected.get() == null ? null : selected.get().code();
            tiers.setAll(list);
            selected.set(list.stream().filter(t -> t.code().equals(keep)).findFirst()
                    .orElse(list.isEmpty() ? null : list.getFirst()));
            return null;
        }, fx);
    }

    private TierChange change() {
        Map<FeatureFlag, Boolean> on = new EnumMap<>(FeatureFlag.class);
        flags.forEach((flag, p) -> on.put(flag, p.get()));
        int[] values = new int[Limit.values().length];
        for (Limit limit : Limit.values()) {
            try {
                values[limit.ordinal()] = Integer.parseInt(limits.get(limit).get().strip());
            } catch (NumberFormatException e) {
                error.set(text.i18n().get("creators.edit.notANumber", text.setting(limit.wireName())));
                return null;
            }
        }
        return new TierChange(new CreatorValues(values[0], values[1], values[2], on), reason.get().strip());
    }

    /** What the typed defaults would do to each of the tier's creators. */
    public CompletableFuture<Void> preview() {
        Tier tier = selected.get();
        TierChange change = tier == null ? null : change();
        if (change == null) {
            return CompletableFuture.completedFuture(null);
        }
        if (change.reason().isEmpty()) {
            error.set(text.i18n().get("creators.edit.reasonRequired"));
            return CompletableFuture.completedFuture(null);
        }
        error.set("");
        busy.set(true);
        return api.previewTier(tier.code(), change).handleAsync((bulk, failure) -> {
            busy.set(false);
            if (failure != null) {
                error.set(problems.describe(failure, List.of()));
                return null;
            }
            show(bulk);
            previewedChange = change;
            previewed.set(true);
            return null;
        }, fx);
    }

    /** Applies the previewed defaults to the tier (and so to every creator of it). */
    public CompletableFuture<Void> apply() {
        Tier tier = selected.get();
        TierChange change = previewedChange;
        if (tier == null || !previewed.get() || change == null) {
            return CompletableFuture.completedFuture(null);
        }
        busy.set(true);
        return api.changeTier(tier.code(), tier.version(), change).handleAsync((bulk, failure) -> {
            busy.set(false);
            if (failure != null) {
                if (CreatorProblems.stale(failure)) {
                    api.current(failure, Tier.class).ifPresent(this::replace);
                    error.set(text.i18n().get("creators.tiers.changed"));
                } else {
                    error.set(problems.describe(failure, List.of()));
                }
                return false;
            }
            show(bulk);
            previewed.set(false);
            bus.publish(new Events.NotificationEvent(Events.Severity.SUCCESS,
                    text.i18n().get("creators.tiers.applied", tier.name(), bulk.changed())));
            return true;
        }, fx).thenCompose(done -> done ? refresh() : CompletableFuture.completedFuture(null));
    }

    private void replace(Tier fresh) {
        for (int i = 0; i < tiers.size(); i++) {
            if (tiers.get(i).code().equals(fresh.code())) {
                tiers.set(i, fresh);
            }
        }
        BulkResult kept = result.get();
        selected.set(fresh);
        if (kept != null) {
            show(kept);
        }
    }

    private void show(BulkResult bulk) {
        result.set(bulk);
        outcomes.setAll(bulk.outcomes());
        summary.set(text.i18n().get(bulk.applied() ? "creators.tiers.appliedSummary" : "creators.tiers.previewSummary",
                bulk.changed(), bulk.unchanged(), bulk.refused()));
    }

    public boolean editable() {
        return editable;
    }

    public CreatorText text() {
        return text;
    }

    public ObservableList<Tier> tiers() {
        return tiers;
    }

    public ObjectProperty<Tier> selectedProperty() {
        return selected;
    }

    public StringProperty limitProperty(Limit limit) {
        return limits.get(limit);
    }

    public BooleanProperty flagProperty(FeatureFlag flag) {
        return flags.get(flag);
    }

    public StringProperty reasonProperty() {
        return reason;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading;
    }

    public ReadOnlyStringProperty loadErrorProperty() {
        return loadError;
    }

    public ReadOnlyObjectProperty<BulkResult> resultProperty() {
        return result;
    }

    public OutcomePages outcomes() {
        return outcomes;
    }

    /** "Preview: 120 creators change, 3,000 stay, 2 refused". */
    public ReadOnlyStringProperty summaryProperty() {
        return summary;
    }

    public ReadOnlyStringProperty errorProperty() {
        return error;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    /** Whether the typed defaults are the ones last previewed (apply sends exactly those). */
    public ReadOnlyBooleanProperty previewedProperty() {
        return previewed;
    }
}
