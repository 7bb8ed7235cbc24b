package dev.moddesk.app.shell;

import dev.moddesk.app.core.AppContext;
import dev.moddesk.app.core.ControllerFactory;
import dev.moddesk.app.core.FeatureModule;
import dev.moddesk.app.core.ViewSpec;
import dev.moddesk.contract.Role;
import java.util.List;
import org.kordamp.ikonli.Ikon;

/**
 * A navigation entry for a feature not built yet, shown with the shell's placeholder view (whose controller
 * {@link ShellModule} registers). The feature's own module replaces it in {@code Wiring}.
 */
public record PlaceholderModule(String id, String titleKey, Ikon icon, Role minRole) implements FeatureModule {

    @Override
    public List<ViewSpec> views() {
        return List.of(ViewSpec.nav(id, "/fxml/shell/placeholder.fxml", titleKey, icon, minRole));
    }

    @Override
    public void registerControllers(ControllerFactory controllers, AppContext app) {
        // PlaceholderController is registered once, by ShellModule.
    }
}
