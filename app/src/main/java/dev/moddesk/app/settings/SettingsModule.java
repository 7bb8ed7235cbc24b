package dev.moddesk.app.settings;

import dev.moddesk.app.core.AppContext;
import dev.moddesk.app.core.ControllerFactory;
import dev.moddesk.app.core.FeatureModule;
import dev.moddesk.app.core.ViewSpec;
import dev.moddesk.contract.Role;
import java.util.List;
import org.kordamp.ikonli.feather.Feather;

/** Language and theme, stored in the settings file. */
public final class SettingsModule implements FeatureModule {

    @Override
    public List<ViewSpec> views() {
        return List.of(ViewSpec.nav("settings", "/fxml/settings/settings.fxml", "nav.settings", Feather.SETTINGS,
                Role.MODERATOR));
    }

    @Override
    public void registerControllers(ControllerFactory controllers, AppContext app) {
        controllers.register(SettingsController.class, () -> new SettingsController(new SettingsViewModel(
                app.settings(), app.i18n(), app.themes(), app.bus())));
    }
}
