package dev.moddesk.app.staff;

import dev.moddesk.app.api.StaffApi;
import dev.moddesk.app.core.AppContext;
import dev.moddesk.app.core.ControllerFactory;
import dev.moddesk.app.core.FeatureModule;
import dev.moddesk.app.core.ViewSpec;
import dev.moddesk.contract.Role;
import java.util.List;
import org.kordamp.ikonli.feather.Feather;

/** The admins' staff accounts view, on {@link StaffApi}. */
public final class StaffModule implements FeatureModule {

    @Override
    public List<ViewSpec> views() {
        return List.of(ViewSpec.nav("staff", "/fxml/staff/staff.fxml", "nav.staff", Feather.USERS, Role.ADMIN,
                "/styles/staff.css"));
    }

    @Override
    public void registerControllers(ControllerFactory controllers, AppContext app) {
        controllers.register(StaffController.class, () -> new StaffController(new StaffViewModel(
                StaffDirectory.of(new StaffApi(app.requireSession().api())), app.errors(), app.bus(), app.i18n(),
                app.fx()), app.i18n()));
    }
}
