package dev.moddesk.app.integrations;

import dev.moddesk.app.api.PlatformApi;
import dev.moddesk.app.core.ErrorMessages;
import dev.moddesk.app.core.EventBus;
import dev.moddesk.app.core.Events;
import dev.moddesk.app.core.I18n;
import dev.moddesk.contract.platform.DeliveryStatus;
import dev.moddesk.contract.platform.Webhook;
import dev.moddesk.contract.platform.WebhookDelivery;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Webhook endpoints: add one (the server's refusal of its URL is shown at the URL field; the signing secret is shown
 * once), send a test ping, delete; and the selected endpoint's recent deliveries, where a FAILED one, or all failed
 * ones of the endpoint, can be sent again.
 */
public final class WebhooksViewModel {

    /** How many recent deliveries of an endpoint are shown. */
    static final int DELIVERIES_SHOWN = 50;

    private final PlatformApi api;
    private final ErrorMessages errors;
    private final EventBus bus;
    private final I18n i18n;
    private final Executor fx;

    private final ObservableList<Webhook> endpoints = FXCollections.observableArrayList();
    private final LoadStatus endpointsLoad = new LoadStatus();
    private final ObjectProperty<Webhook> selected = new SimpleObjectProperty<>();
    private final ObservableList<WebhookDelivery> deliveries = FXCollections.observableArrayList();
    private final LoadStatus deliveriesLoad = new LoadStatus();
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final StringProperty error = new SimpleStringProperty("");
    private final StringProperty newUrl = new SimpleStringProperty("");
    private final StringProperty urlError = new SimpleStringProperty("");
    private final StringProperty createdSecret = new SimpleStringProperty("");
    private final BooleanProperty secretCopied = new SimpleBooleanProperty();

    public WebhooksViewModel(PlatformApi api, ErrorMessages errors, EventBus bus, I18n i18n, Executor fx) {
        this.api = Objects.requireNonNull(api);
        this.errors = Objects.requireNonNull(errors);
        this.bus = Objects.requireNonNull(bus);
        this.i18n = Objects.requireNonNull(i18n);
        this.fx = Objects.requireNonNull(fx);
        deliveriesLoad.loaded(i18n.get("integrations.deliveries.noEndpoint"));
        selected.subscribe(endpoint -> loadDeliveries());
    }

    public CompletableFuture<Void> refresh() {
        endpointsLoad.loading(i18n.get("integrations.webhooks.loading"));
        return api.webhooks().handleAsync((list, failure) -> {
            if (failure != null) {
                endpoints.clear();
                endpointsLoad.failed(i18n.get("integrations.webhooks.loadFailed", errors.describe(failure)));
                return null;
            }
            long keep = selected.get() == null ? -1 : selected.get().id();
            endpoints.setAll(list);
            endpointsLoad.loaded(i18n.get("integrations.webhooks.empty"));
            selected.set(endpoints.stream().filter(w -> w.id() == keep).findFirst().orElse(null));
            return null;
        }, fx).thenCompose(ignored -> loadDeliveries());
    }

    public CompletableFuture<Void> add() {
        urlError.set("");
        error.set("");
        busy.set(true);
        return api.createWebhook(newUrl.get().strip()).handleAsync((created, failure) -> {
            busy.set(false);
            if (failure != null) {
                // The server refuses loopback, private and link-local targets with a 422 naming url: say it there.
                FieldProblem.of(failure, "url").ifPresentOrElse(urlError::set, () -> error.set(errors.describe(failure)));
                return null;
            }
            createdSecret.set(created.secret());
            secretCopied.set(false);
            newUrl.set("");
            endpoints.add(created.webhook());
            endpointsLoad.loaded(i18n.get("integrations.webhooks.empty"));
            selected.set(created.webhook());
            notifySuccess(i18n.get("integrations.webhooks.added", created.webhook().url()));
            return null;
        }, fx);
    }

    public void copiedSecret() {
        secretCopied.set(!createdSecret.get().isEmpty());
    }

    public void dismissSecret() {
        createdSecret.set("");
        secretCopied.set(false);
    }

    public CompletableFuture<Void> sendTest() {
        Webhook endpoint = selected.get();
        if (endpoint == null) {
            return CompletableFuture.completedFuture(null);
        }
        error.set("");
        busy.set(true);
        return api.testWebhook(endpoint.id()).handleAsync((sent, failure) -> {
            busy.set(false);
            if (failure != null) {
                error.set(errors.describe(failure));
                return null;
            }
            notifySuccess(i18n.get("integrations.webhooks.testSent", endpoint.url(), sent.actionId()));
            return null;
        }, fx).thenCompose(ignored -> loadDeliveries());
    }

    public CompletableFuture<Void> delete() {
        Webhook endpoint = selected.get();
        if (endpoint == null) {
            return CompletableFuture.completedFuture(null);
        }
        error.set("");
        busy.set(true);
        return api.deleteWebhook(endpoint.id()).handleAsync((ignored, failure) -> {
            busy.set(false);
            if (failure != null) {
                error.set(errors.describe(failure));
                return null;
            }
            endpoints.removeIf(w -> w.id() == endpoint.id());
            if (endpoints.isEmpty()) {
                endpointsLoad.loaded(i18n.get("integrations.webhooks.empty"));
            }
            selected.set(null);
            notifySuccess(i18n.get("integrations.webhooks.deleted", endpoint.url()));
            return null;
        }, fx);
    }

    /** Reloads the selected endpoint's recent deliveries; an answer for an endpoint no longer selected is dropped. */
    public CompletableFuture<Void> loadDeliveries() {
        Webhook endpoint = selected.get();
        if (endpoint == null) {
            deliveries.clear();
            deliveriesLoad.loaded(i18n.get("integrations.deliveries.noEndpoint"));
            return CompletableFuture.completedFuture(null);
        }
        deliveriesLoad.loading(i18n.get("integrations.deliveries.loading"));
        return api.deliveries(endpoint.id(), DELIVERIES_SHOWN).handleAsync((list, failure) -> {
            if (!isSelected(endpoint)) {
                return null;
            }
            if (failure != null) {
                deliveries.clear();
                deliveriesLoad.failed(i18n.get("integrations.deliveries.loadFailed", errors.describe(failure)));
            } else {
                deliveries.setAll(list);
                deliveriesLoad.loaded(i18n.get("integrations.deliveries.empty"));
            }
            return null;
        }, fx);
    }

    /** Sends one FAILED delivery again; its row shows it queued. */
    public CompletableFuture<Void> redeliver(WebhookDelivery delivery) {
        Webhook endpoint = selected.get();
        if (endpoint == null || delivery == null || delivery.status() != DeliveryStatus.FAILED) {
            return CompletableFuture.completedFuture(null);
        }
        error.set("");
        busy.set(true);
        return api.redeliver(endpoint.id(), delivery.id()).handleAsync((queued, failure) -> {
            busy.set(false);
            if (failure != null) {
                error.set(errors.describe(failure));
                return null;
            }
            if (isSelected(endpoint)) {
                deliveries.replaceAll(d -> d.id() == queued.id() ? queued : d);
            }
            notifySuccess(i18n.get("integrations.deliveries.redelivered", delivery.actionId()));
            return null;
        }, fx);
    }

    /** Sends every FAILED delivery of the selected endpoint again, also ones older than the rows shown. */
    public CompletableFuture<Void> redeliverFailed() {
        Webhook endpoint = selected.get();
        if (endpoint == null) {
            return CompletableFuture.completedFuture(null);
        }
        error.set("");
        busy.set(true);
        return api.redeliverFailed(endpoint.id()).handleAsync((queued, failure) -> {
            busy.set(false);
            if (failure != null) {
                error.set(errors.describe(failure));
                return null;
            }
            bus.publish(new Events.NotificationEvent(queued.count() == 0 ? Events.Severity.INFO : Events.Severity.SUCCESS,
                    queued.count() == 0 ? i18n.get("integrations.deliveries.noneFailed")
                            : i18n.get("integrations.deliveries.redeliveredAll", queued.count())));
            return null;
        }, fx).thenCompose(ignored -> loadDeliveries());
    }

    private boolean isSelected(Webhook endpoint) {
        return selected.get() != null && selected.get().id() == endpoint.id();
    }

    private void notifySuccess(String message) {
        bus.publish(new Events.NotificationEvent(Events.Severity.SUCCESS, message));
    }

    public ObservableList<Webhook> endpoints() {
        return endpoints;
    }

    public LoadStatus endpointsLoad() {
        return endpointsLoad;
    }

    public ObjectProperty<Webhook> selectedProperty() {
        return selected;
    }

    public ObservableList<WebhookDelivery> deliveries() {
        return deliveries;
    }

    public LoadStatus deliveriesLoad() {
        return deliveriesLoad;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    public StringProperty errorProperty() {
        return error;
    }

    public StringProperty newUrlProperty() {
        return newUrl;
    }

    public StringProperty urlErrorProperty() {
        return urlError;
    }

    /** The new endpoint's signing secret, shown once; empty when there is none to show. */
    public StringProperty createdSecretProperty() {
        return createdSecret;
    }

    public BooleanProperty secretCopiedProperty() {
        return secretCopied;
    }
}
