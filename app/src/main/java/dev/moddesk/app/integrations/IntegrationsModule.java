package dev.moddesk.app.integrations;

import dev.moddesk.app.api.PlatformApi;
import dev.moddesk.app.core.AppContext;
import dev.moddesk.app.core.ControllerFactory;
import dev.moddesk.app.core.FeatureModule;
import dev.moddesk.app.core.ViewSpec;
import dev.moddesk.contract.Role;
import java.util.List;
import org.kordamp.ikonli.feather.Feather;

/**
 * The admins' Integrations view on {@link PlatformApi}: service keys, webhook endpoints and their deliveries, ingest
 * status. Admin-only in the navigation; the server refuses these routes to other roles anyway.
 */
public final class IntegrationsModule implements FeatureModule {

    @Override
    public List<ViewSpec> views() {
        return List.of(ViewSpec.nav("integrations", "/fxml/integrations/integrations.fxml", "nav.integrations",
                Feather.LINK, Role.ADMIN, "/styles/integrations.css"));
    }

    @Override
    public void registerControllers(ControllerFactory controllers, AppContext app) {
        controllers.register(IntegrationsController.class, IntegrationsController::new);
        controllers.register(ServiceKeysController.class, () -> new ServiceKeysController(new ServiceKeysViewModel(
                api(app), app.errors(), app.bus(), app.i18n(), app.fx()), app.i18n()));
        controllers.register(WebhooksController.class, () -> new WebhooksController(new WebhooksViewModel(
                api(app), app.errors(), app.bus(), app.i18n(), app.fx()), app.i18n()));
        controllers.register(IngestStatusController.class, () -> new IngestStatusController(new IngestStatusViewModel(
                api(app), app.errors(), app.i18n(), app.fx()), app.i18n()));
    }

    private static PlatformApi api(AppContext app) {
        return new PlatformApi(app.requireSession().api());
    }
}
