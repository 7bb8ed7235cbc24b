package dev.moddesk.app.shell;

import dev.moddesk.app.core.AppContext;
import dev.moddesk.app.core.ControllerFactory;
import dev.moddesk.app.core.FeatureModule;
import dev.moddesk.app.core.MainWindow;
import dev.moddesk.app.core.ViewSpec;
import java.util.List;

/** The sign-in screen and the shell (navigation, status bar) around every other view. */
public final class ShellModule implements FeatureModule {

    @Override
    public List<ViewSpec> views() {
        return List.of(ViewSpec.built(MainWindow.LOGIN, LoginController.class, "login.form.signIn"),
                ViewSpec.screen(MainWindow.SHELL, "/fxml/shell/shell.fxml", "app.name"),
                ViewSpec.screen(PasswordChangeController.VIEW, "/fxml/shell/password_change.fxml",
                        "password.change.title"));
    }

    @Override
    public void registerControllers(ControllerFactory controllers, AppContext app) {
        controllers.register(LoginController.class, () -> new LoginController(new LoginViewModel(app.sessions(),
                        app.settings(), app.errors(), app.fx(), app.options().server(), app.options().user(),
                        app.options().caFile()), app.i18n(), app.views()))
                .register(ShellController.class, () -> new ShellController(new ShellViewModel(app.sessions(),
                        app.monitor(), app.views(), app.navigation()), app.views(), app.i18n(), app.bus()))
                .register(PasswordChangeController.class, () -> new PasswordChangeController(
                        new PasswordChangeViewModel(app.i18n(), app.errors(), app.fx()), app.i18n()));
    }
}
