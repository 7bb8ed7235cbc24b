package dev.moddesk.app.integrations;

import dev.moddesk.app.api.PlatformApi;
import dev.moddesk.app.core.ErrorMessages;
import dev.moddesk.app.core.EventBus;
import dev.moddesk.app.core.Events;
import dev.moddesk.app.core.I18n;
import dev.moddesk.contract.platform.PlatformKey;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Platform service keys: the list (prefix, created, last used, revoked), a create form whose answer is the only time
 * the key itself is seen (held here until the admin dismisses it, never stored), and revoking.
 */
public final class ServiceKeysViewModel {

    private final PlatformApi api;
    private final ErrorMessages errors;
    private final EventBus bus;
    private final I18n i18n;
    private final Executor fx;

    private final ObservableList<PlatformKey> keys = FXCollections.observableArrayList();
    private final LoadStatus load = new LoadStatus();
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final StringProperty error = new SimpleStringProperty("");
    private final StringProperty newName = new SimpleStringProperty("");
    private final StringProperty nameError = new SimpleStringProperty("");
    private final StringProperty createdKey = new SimpleStringProperty("");
    private final StringProperty createdKeyName = new SimpleStringProperty("");
    private final BooleanProperty copied = new SimpleBooleanProperty();

    public ServiceKeysViewModel(PlatformApi api, ErrorMessages errors, EventBus bus, I18n i18n, Executor fx) {
        this.api = Objects.requireNonNull(api);
        this.errors = Objects.requireNonNull(errors);
        this.bus = Objects.requireNonNull(bus);
        this.i18n = Objects.requireNonNull(i18n);
        this.fx = Objects.requireNonNull(fx);
    }

    public CompletableFuture<Void> refresh() {
        load.loading(i18n.get("integrations.keys.loading"));
        return api.keys().handleAsync((list, failure) -> {
            if (failure != null) {
                keys.clear();
                load.failed(i18n.get("integrations.keys.loadFailed", errors.describe(failure)));
            } else {
                keys.setAll(list);
                load.loaded(i18n.get("integrations.keys.empty"));
            }
            return null;
        }, fx);
    }

    public CompletableFuture<Void> create() {
        nameError.set("");
        error.set("");
        busy.set(true);
        return api.createKey(newName.get().strip()).handleAsync((created, failure) -> {
            busy.set(false);
            if (failure != null) {
                FieldProblem.of(failure, "name").ifPresent(nameError::set);
                error.set(errors.describe(failure));
                return null;
            }
            createdKey.set(created.key());
            createdKeyName.set(created.info().name());
            copied.set(false);
            newName.set("");
            keys.add(created.info());
            load.loaded(i18n.get("integrations.keys.empty"));
            bus.publish(new Events.NotificationEvent(Events.Severity.SUCCESS,
                    i18n.get("integrations.keys.created", created.info().name())));
            return null;
        }, fx);
    }

    /** The controller put the new key on the clipboard. */
    public void copiedCreatedKey() {
        copied.set(!createdKey.get().isEmpty());
    }

    /** Forgets the new key: after this nobody can see it again, which is the point. */
    public void dismissCreatedKey() {
        createdKey.set("");
        createdKeyName.set("");
        copied.set(false);
    }

    public CompletableFuture<Void> revoke(PlatformKey key) {
        if (key == null || key.revokedAt() != null) {
            return CompletableFuture.completedFuture(null);
        }
        error.set("");
        busy.set(true);
        return api.revokeKey(key.id()).handleAsync((ignored, failure) -> {
            busy.set(false);
            if (failure != null) {
                error.set(errors.describe(failure));
                return false;
            }
            bus.publish(new Events.NotificationEvent(Events.Severity.SUCCESS,
                    i18n.get("integrations.keys.revoked", key.name())));
            return true;
        }, fx).thenCompose(revoked -> revoked ? refresh() : CompletableFuture.completedFuture(null));
    }

    public ObservableList<PlatformKey> keys() {
        return keys;
    }

    public LoadStatus load() {
        return load;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    public StringProperty errorProperty() {
        return error;
    }

    public StringProperty newNameProperty() {
        return newName;
    }

    public StringProperty nameErrorProperty() {
        return nameError;
    }

    /** The key just created, shown once; empty when there is none to show. */
    public StringProperty createdKeyProperty() {
        return createdKey;
    }

    public StringProperty createdKeyNameProperty() {
        return createdKeyName;
    }

    public BooleanProperty copiedProperty() {
        return copied;
    }
}
