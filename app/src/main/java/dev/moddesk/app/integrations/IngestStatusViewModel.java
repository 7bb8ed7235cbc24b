package dev.moddesk.app.integrations;

import dev.moddesk.app.api.PlatformApi;
import dev.moddesk.app.core.ErrorMessages;
import dev.moddesk.app.core.I18n;
import dev.moddesk.contract.platform.PlatformStatus;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * How the integration stands: applied, duplicate and rejected events, the event types this server accepts, pending and
 * failed deliveries. A failed load keeps the last figures visible but says they could not be refreshed.
 */
public final class IngestStatusViewModel {

    private final PlatformApi api;
    private final ErrorMessages errors;
    private final I18n i18n;
    private final Executor fx;

    private final ObjectProperty<PlatformStatus> status = new SimpleObjectProperty<>();
    private final LoadStatus load = new LoadStatus();

    public IngestStatusViewModel(PlatformApi api, ErrorMessages errors, I18n i18n, Executor fx) {
        this.api = Objects.requireNonNull(api);
        this.errors = Objects.requireNonNull(errors);
        this.i18n = Objects.requireNonNull(i18n);
        this.fx = Objects.requireNonNull(fx);
    }

    public CompletableFuture<Void> refresh() {
        load.loading(i18n.get("integrations.status.loading"));
        return api.status().handleAsync((answer, failure) -> {
            if (failure != null) {
                load.failed(i18n.get("integrations.status.loadFailed", errors.describe(failure)));
            } else {
                status.set(answer);
                load.loaded("");
            }
            return null;
        }, fx);
    }

    /** The last figures the server gave; null until the first load succeeds. */
    public ObjectProperty<PlatformStatus> statusProperty() {
        return status;
    }

    public LoadStatus load() {
        return load;
    }
}
