package dev.moddesk.app.creators;

import dev.moddesk.contract.creators.CreatorDetail;
import dev.moddesk.contract.creators.CreatorValues;
import dev.moddesk.contract.creators.FeatureFlag;
import dev.moddesk.contract.creators.Limit;
import dev.moddesk.contract.creators.SettingChange;
import dev.moddesk.contract.creators.ValueSource;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;

/**
 * The values an admin is editing on a creator page, against the creator's effective values: each limit as typed
 * text, each flag, the settings to give back to the tier, the reason and an optional expiry date. {@link #changes}
 * turns the difference into the overrides to send; {@link #rebase} puts the same intent on top of fresher values.
 */
public final class CreatorDraft {
    private final Map<Limit, StringProperty> limits = new EnumMap<>(Limit.class);
    private final Map<FeatureFlag, BooleanProperty> flags = new EnumMap<>(FeatureFlag.class);
    private final ObservableSet<String> cleared = FXCollections.observableSet();
    private final ObjectProperty<LocalDate> expiry = new SimpleObjectProperty<>();
    private final StringProperty reason = new SimpleStringProperty("");
    private final List<Runnable> editListeners = new ArrayList<>();
    private CreatorValues base = CreatorValues.of(0, 0, 0, java.util.Set.of());
    private CreatorValues tierDefaults = base;
    private Map<String, ValueSource> sources = Map.of();
    private boolean syncing;

    CreatorDraft() {
        for (Limit limit : Limit.values()) {
            StringProperty text = new SimpleStringProperty("");
            text.subscribe(v -> {
                if (!syncing) {
                    cleared.remove(limit.wireName());
                    edited();
                }
            });
            limits.put(limit, text);
        }
        for (FeatureFlag flag : FeatureFlag.values()) {
            BooleanProperty on = new SimpleBooleanProperty();
            on.subscribe(v -> {
                if (!syncing) {
                    cleared.remove(flag.name());
                    edited();
                }
            });
            flags.put(flag, on);
        }
        expiry.subscribe(v -> {
            if (!syncing) {
                edited();
            }
        });
    }

    /** Runs {@code listener} after every edit a person makes (not when the draft is reset). */
    void onEdit(Runnable listener) {
        editListeners.add(listener);
    }

    private void edited() {
        editListeners.forEach(Runnable::run);
    }

    /** Starts over from {@code detail}'s effective values: nothing pending, reason and expiry kept only if asked. */
    void reset(CreatorDetail detail, boolean keepReason) {
        syncing = true;
        try {
            base = detail.effective();
            tierDefaults = detail.tierDefaults();
            sources = detail.sources();
            cleared.clear();
            for (Limit limit : Limit.values()) {
                limits.get(limit).set(Integer.toString(base.limit(limit)));
            }
            for (FeatureFlag flag : FeatureFlag.values()) {
                flags.get(flag).set(base.on(flag));
            }
            if (!keepReason) {
                reason.set("");
                expiry.set(null);
            }
        } finally {
            syncing = false;
        }
    }

    /** Puts {@code changes} (an intent made against older values) on top of {@code detail}. */
    void rebase(CreatorDetail detail, List<SettingChange> changes) {
        reset(detail, true);
        syncing = true;
        try {
            for (SettingChange c : changes) {
                if (c.clear()) {
                    clearQuietly(c.setting());
                    continue;
                }
                Limit.named(c.setting()).ifPresent(l -> limits.get(l).set(Integer.toString(c.number())));
                FeatureFlag.named(c.setting()).ifPresent(f -> flags.get(f).set(Boolean.TRUE.equals(c.enabled())));
            }
        } finally {
            syncing = false;
        }
    }

    /** Gives {@code setting} back to the tier: its override is dropped on save and the tier's value shows. */
    void clear(String setting) {
        clearQuietly(setting);
        edited();
    }

    private void clearQuietly(String setting) {
        boolean was = syncing;
        syncing = true;
        try {
            Limit.named(setting).ifPresent(l -> limits.get(l).set(Integer.toString(tierDefaults.limit(l))));
            FeatureFlag.named(setting).ifPresent(f -> flags.get(f).set(tierDefaults.on(f)));
            cleared.add(setting);
        } finally {
            syncing = was;
        }
    }

    /** The first limit whose text is not a whole number, if any (nothing is sent then). */
    Optional<Limit> unreadable() {
        for (Limit limit : Limit.values()) {
            if (number(limit).isEmpty()) {
                return Optional.of(limit);
            }
        }
        return Optional.empty();
    }

    private Optional<Integer> number(Limit limit) {
        String text = limits.get(limit).get() == null ? "" : limits.get(limit).get().strip();
        try {
            return Optional.of(Integer.parseInt(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * The overrides to send: each value that differs from the effective one (with the expiry, when set: the end of
     * that day in {@code zone}), and each cleared override. Empty when nothing changed or a number is unreadable.
     */
    List<SettingChange> changes(ZoneId zone) {
        Instant until = expiry.get() == null ? null : expiry.get().plusDays(1).atStartOfDay(zone).toInstant();
        List<SettingChange> out = new ArrayList<>();
        for (Limit limit : Limit.values()) {
            if (cleared.contains(limit.wireName())) {
                if (overridden(limit.wireName())) {
                    out.add(SettingChange.cleared(limit.wireName()));
                }
                continue;
            }
            Optional<Integer> value = number(limit);
            if (value.isEmpty()) {
                return List.of();
            }
            if (value.get() != base.limit(limit)) {
                out.add(SettingChange.limit(limit, value.get()).until(until));
            }
        }
        for (FeatureFlag flag : FeatureFlag.values()) {
            if (cleared.contains(flag.name())) {
                if (overridden(flag.name())) {
                    out.add(SettingChange.cleared(flag.name()));
                }
                continue;
            }
            boolean on = flags.get(flag).get();
            if (on != base.on(flag)) {
                out.add(SettingChange.flag(flag, on).until(until));
            }
        }
        return out;
    }

    private boolean overridden(String setting) {
        ValueSource source = sources.get(setting);
        return source != null && source.kind() == ValueSource.Kind.OVERRIDE;
    }

    public StringProperty limitProperty(Limit limit) {
        return limits.get(limit);
    }

    public BooleanProperty flagProperty(FeatureFlag flag) {
        return flags.get(flag);
    }

    public ObservableSet<String> cleared() {
        return cleared;
    }

    public ObjectProperty<LocalDate> expiryProperty() {
        return expiry;
    }

    public StringProperty reasonProperty() {
        return reason;
    }
}
