package dev.moddesk.app.shell;

import dev.moddesk.app.core.AppContext;
import dev.moddesk.app.core.ControllerFactory;
import dev.moddesk.app.core.FeatureModule;
import dev.moddesk.app.core.MainWindow;
import dev.moddesk.app.core.ViewSpec;
import java.util.List;

/** The sign-in screen and the shell (navigation, status bar) around every other view; also the placeholder view. */
public final class ShellModule implements FeatureModule {

    @Override
    public List<ViewSpec> views() {
        return List.of(ViewSpec.screen(MainWindow.LOGIN, "/fxml/shell/login.fxml", "login.form.signIn"),
                ViewSpec.screen(MainWindow.SHELL, "/fxml/shell/shell.fxml", "app.name"));
    }

    @Override
    public void registerControllers(ControllerFactory controllers, AppContext app) {
        controllers.register(LoginController.class, () -> new LoginController(new LoginViewModel(app.sessions(),
                        app.settings(), app.errors(), app.fx(), app.options().server(), app.options().user()), app.i18n()))
                .register(ShellController.class, () -> new ShellController(new ShellViewModel(app.sessions(),
                        app.monitor(), app.views(), app.navigation()), app.views(), app.i18n(), app.bus()))
                .register(PlaceholderController.class, PlaceholderController::new);
    }
}
