package dev.moddesk.app.audit;

import dev.moddesk.app.api.AuditApi;
import dev.moddesk.app.core.AppContext;
import dev.moddesk.app.core.ControllerFactory;
import dev.moddesk.app.core.FeatureModule;
import dev.moddesk.app.core.ViewSpec;
import dev.moddesk.contract.Role;
import java.time.ZoneId;
import java.util.List;
import org.kordamp.ikonli.feather.Feather;

/** The audit log view, reading the signed-in session's log through {@link AuditApi}. */
public final class AuditModule implements FeatureModule {

    @Override
    public List<ViewSpec> views() {
        return List.of(ViewSpec.nav("audit", "/fxml/audit/audit_log.fxml", "nav.audit", Feather.LIST, Role.MODERATOR,
                "/styles/audit.css"));
    }

    @Override
    public void registerControllers(ControllerFactory controllers, AppContext app) {
        controllers.register(AuditController.class, () -> new AuditController(new AuditViewModel(
                AuditLogSource.of(new AuditApi(app.requireSession().api())), app.errors(), app.fx(),
                ZoneId.systemDefault()), app.i18n(), app.bus(), app.io()));
    }
}
