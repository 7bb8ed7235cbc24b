package dev.moddesk.app.privacy;

import dev.moddesk.app.api.LifecycleApi;
import dev.moddesk.app.core.AppContext;
import dev.moddesk.app.core.ControllerFactory;
import dev.moddesk.app.core.FeatureModule;
import dev.moddesk.app.core.ViewSpec;
import dev.moddesk.contract.Role;
import java.util.List;
import org.kordamp.ikonli.feather.Feather;

/** The admins' data and privacy view (retention, access request, erasure), on {@link LifecycleApi}. */
public final class PrivacyModule implements FeatureModule {

    public static final ViewSpec VIEW = ViewSpec.nav("privacy", "/fxml/privacy/privacy.fxml", "nav.privacy",
            Feather.SHIELD, Role.ADMIN, "/styles/privacy.css");

    private final SaveTarget saveTarget;

    public PrivacyModule() {
        this(SaveTarget.dialog());
    }

    /** With another way of picking the export file (tests). */
    public PrivacyModule(SaveTarget saveTarget) {
        this.saveTarget = saveTarget;
    }

    @Override
    public List<ViewSpec> views() {
        return List.of(VIEW);
    }

    @Override
    public void registerControllers(ControllerFactory controllers, AppContext app) {
        controllers.register(PrivacyController.class, () -> new PrivacyController(new PrivacyViewModel(
                new LifecycleApi(app.requireSession().api()), app.errors(), app.i18n(), app.fx(), app.io()),
                app.i18n(), saveTarget));
    }
}
