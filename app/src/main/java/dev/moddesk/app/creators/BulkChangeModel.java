package dev.moddesk.app.creators;

import dev.moddesk.app.api.CreatorsApi;
import dev.moddesk.app.core.ErrorMessages;
import dev.moddesk.app.core.EventBus;
import dev.moddesk.app.core.Events;
import dev.moddesk.contract.creators.BulkChange;
import dev.moddesk.contract.creators.BulkResult;
import dev.moddesk.contract.creators.CreatorSummary;
import dev.moddesk.contract.creators.FeatureFlag;
import dev.moddesk.contract.creators.Limit;
import dev.moddesk.contract.creators.SettingChange;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
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

/**
 * One change to a hand-picked set of creators ({@link BulkPicks}): a setting (a limit with a number, or a feature
 * on or off, or the override cleared so the tier default applies), why, the server's preview per creator, then apply
 * exactly what was previewed to exactly those creators; each creator is changed or refused on its own.
 */
public final class BulkChangeModel {
    private final CreatorsApi api;
    private final CreatorText text;
    private final CreatorProblems problems;
    private final EventBus bus;
    private final Executor fx;
    private final boolean editable;
    private final BulkPicks picks;

    private final StringProperty setting = new SimpleStringProperty(Limit.FAN_GROUP_QUOTA.wireName());
    private final StringProperty number = new SimpleStringProperty("");
    private final BooleanProperty enabled = new SimpleBooleanProperty(true);
    private final BooleanProperty clear = new SimpleBooleanProperty();
    private final StringProperty reason = new SimpleStringProperty("");
    /** The last day the overrides hold (null: no end); they lapse at the end of it, local time. */
    private final ObjectProperty<LocalDate> expiry = new SimpleObjectProperty<>();
    private final OutcomePages outcomes;
    private final StringProperty summary = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final BooleanProperty previewed = new SimpleBooleanProperty();
    private BulkChange previewedChange;

    public BulkChangeModel(CreatorsApi api, CreatorText text, ErrorMessages errors, EventBus bus,
                           Executor fx, boolean editable, BulkPicks picks) {
        this.api = Objects.requireNonNull(api);
        this.text = Objects.requireNonNull(text);
        this.problems = new CreatorProblems(text, errors);
        this.bus = Objects.requireNonNull(bus);
        this.fx = Objects.requireNonNull(fx);
        this.editable = editable;
        this.picks = Objects.requireNonNull(picks);
        this.outcomes = new OutcomePages(text);
        setting.subscribe(v -> edited());
        number.subscribe(v -> edited());
        enabled.subscribe(v -> edited());
        clear.subscribe(v -> edited());
        reason.subscribe(v -> edited());
        expiry.subscribe(v -> edited());
        picks.picked().subscribe(this::edited);
    }

    private void edited() {
        previewed.set(false);
        error.set("");
    }

    /** Every setting a bulk change can set: the limits' wire names, then the feature flags' names. */
    public static List<String> settings() {
        List<String> all = new ArrayList<>();
        for (Limit limit : Limit.values()) {
            all.add(limit.wireName());
        }
        for (FeatureFlag flag : FeatureFlag.values()) {
            all.add(flag.name());
        }
        return List.copyOf(all);
    }

    /** Whether the chosen setting is a number (else a feature turned on or off). */
    public boolean isLimit(String wireName) {
        return Limit.named(wireName).isPresent();
    }

    /** The change as typed, or null (with the error set) when it cannot be sent. */
    private BulkChange change() {
        if (picks.picked().isEmpty()) {
            error.set(text.i18n().get("creators.bulk.nonePicked"));
            return null;
        }
        String name = setting.get();
        SettingChange one;
        if (clear.get()) {
            one = SettingChange.cleared(name);
        } else if (isLimit(name)) {
            try {
                one = SettingChange.limit(Limit.named(name).orElseThrow(), Integer.parseInt(number.get().strip()));
            } catch (NumberFormatException e) {
                error.set(text.i18n().get("creators.edit.notANumber", text.setting(name)));
                return null;
            }
        } else {
            one = SettingChange.flag(FeatureFlag.named(name).orElseThrow(), enabled.get());
        }
        if (reason.get().isBlank()) {
            error.set(text.i18n().get("creators.edit.reasonRequired"));
            return null;
        }
        if (!clear.get() && expiry.get() != null) {
            one = new SettingChange(one.setting(), one.number(), one.enabled(), false,
                    expiry.get().plusDays(1).atStartOfDay(ZoneId.systemDefault()).toInstant());
        }
        return new BulkChange(picks.picked().stream().map(CreatorSummary::id).toList(), List.of(one),
                reason.get().strip());
    }

    /** What the change would do to each picked creator. */
    public CompletableFuture<Void> preview() {
        BulkChange change = change();
        if (change == null) {
            return CompletableFuture.completedFuture(null);
        }
        error.set("");
        busy.set(true);
        return api.previewBulk(change).handleAsync((bulk, failure) -> {
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

    /** Applies exactly the previewed change to exactly the previewed creators. */
    public CompletableFuture<Void> apply() {
        BulkChange change = previewedChange;
        if (!previewed.get() || change == null) {
            return CompletableFuture.completedFuture(null);
        }
        busy.set(true);
        return api.applyBulk(change).handleAsync((bulk, failure) -> {
            busy.set(false);
            if (failure != null) {
                error.set(problems.describe(failure, List.of()));
                return null;
            }
            show(bulk);
            previewed.set(false);
            bus.publish(new Events.NotificationEvent(Events.Severity.SUCCESS,
                    text.i18n().get("creators.bulk.applied", bulk.changed(), bulk.refused())));
            return null;
        }, fx);
    }

    private void show(BulkResult bulk) {
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

    public BulkPicks picks() {
        return picks;
    }

    public ObjectProperty<LocalDate> expiryProperty() {
        return expiry;
    }

    public StringProperty settingProperty() {
        return setting;
    }

    public StringProperty numberProperty() {
        return number;
    }

    public BooleanProperty enabledProperty() {
        return enabled;
    }

    public BooleanProperty clearProperty() {
        return clear;
    }

    public StringProperty reasonProperty() {
        return reason;
    }

    public OutcomePages outcomes() {
        return outcomes;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary;
    }

    public ReadOnlyStringProperty errorProperty() {
        return error;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    /** Whether the typed change and the picked creators are the ones last previewed (apply sends exactly those). */
    public ReadOnlyBooleanProperty previewedProperty() {
        return previewed;
    }
}
