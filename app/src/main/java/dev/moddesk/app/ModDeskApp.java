package dev.moddesk.app;

import dev.moddesk.app.core.AppContext;
import dev.moddesk.app.core.AppPaths;
import dev.moddesk.app.core.ErrorDialog;
import dev.moddesk.app.core.FirstPaint;
import dev.moddesk.app.core.I18n;
import dev.moddesk.app.core.LaunchOptions;
import dev.moddesk.app.core.MainWindow;
import dev.moddesk.app.core.SandboxServer;
import dev.moddesk.app.core.Theme;
import dev.moddesk.app.core.ThemeService;
import dev.moddesk.app.core.UncaughtErrors;
import dev.moddesk.contract.Role;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextArea;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The JavaFX application: builds the context, optionally starts the sandbox server, opens the main window. */
public final class ModDeskApp extends Application {
    private static final Logger LOG = LoggerFactory.getLogger(ModDeskApp.class);

    private AppContext context;
    private MainWindow window;
    private volatile SandboxServer sandbox;

    @Override
    public void start(Stage stage) {
        FirstPaint.mark("start");
        LaunchOptions options;
        try {
            options = LaunchOptions.parse(getParameters().getRaw());
        } catch (IllegalArgumentException e) {
            fail(new I18n(Locale.ENGLISH), e.getMessage(), List.of());
            return;
        }
        context = Wiring.context(options, AppPaths.configDir());
        FirstPaint.mark("context");
        AppContext ctx = context;
        // Logged and shown with copyable details, never swallowed: every thread, the FX thread included.
        ErrorDialog.install(stage, ctx);
        window = new MainWindow(stage, context);
        FirstPaint.mark("window");
        FirstPaint.whenPainted(stage, ms -> {
            LOG.info("{}{} {}", FirstPaint.LINE_PREFIX, ms, FirstPaint.marks());
            ctx.prepareNetwork();
        });
        if (Boolean.getBoolean("moddesk.aot.training")) {
            trainAndExit(stage);
            return;
        }
        if (!options.sandbox()) {
            window.open();
            return;
        }
        startSandbox(stage, options);
    }

    /**
     * The training run behind the JDK AOT cache (scripts/aot-cache.sh): opens the sign-in window in both themes and
     * languages, so the classes a cold start needs (JavaFX, CSS, FXML, fonts, HTTP client) are recorded, then exits.
     */
    private void trainAndExit(Stage stage) {
        stage.setOpacity(0); // rendered, but not a flash on the user's screen
        window.open();
        Platform.runLater(() -> {
            context.themes().setTheme(Theme.DARK);
            context.i18n().setLocale(Locale.ENGLISH);
            Platform.runLater(() -> {
                context.themes().setTheme(Theme.LIGHT);
                context.i18n().setLocale(I18n.CHINESE);
                LOG.info("AOT training run done");
                Platform.runLater(Platform::exit);
            });
        });
    }

    /** The sandbox account to sign in as: {@code --user NAME} (admin, ops, moderator), else the admin. */
    static SandboxServer.Account sandboxAccount(SandboxServer server, String user) throws SandboxServer.StartException {
        if (user == null || user.isBlank()) {
            return server.account(Role.ADMIN).orElseThrow(() -> new SandboxServer.StartException(
                    "The sandbox server printed no admin account", List.of(), null));
        }
        return server.accounts().stream().filter(a -> a.username().equalsIgnoreCase(user.strip())).findFirst()
                .orElseThrow(() -> new SandboxServer.StartException("The sandbox has no account \"" + user
                        + "\"; it has " + server.accounts().stream().map(SandboxServer.Account::username).toList(),
                        List.of(), null));
    }

    private void startSandbox(Stage stage, LaunchOptions options) {
        I18n i18n = context.i18n();
        Label label = new Label(i18n.get("app.sandbox.starting"));
        VBox splash = new VBox(16, new ProgressIndicator(), label);
        splash.setAlignment(Pos.CENTER);
        splash.getStyleClass().add("app-splash");
        Scene scene = new Scene(splash, 1280, 800);
        context.themes().attach(scene);
        stage.setScene(scene);
        stage.setTitle(i18n.get("app.window.title"));
        stage.show();
        Thread starter = new Thread(() -> {
            try {
                SandboxServer server = SandboxServer.start(options.resolvedServerJar().orElse(null),
                        AppPaths.sandboxDataDir(), Duration.ofSeconds(120));
                sandbox = server;
                // Also on Ctrl+C or a kill: stop the server instead of leaving it to notice stdin closing.
                Runtime.getRuntime().addShutdownHook(new Thread(server::close, "sandbox-stop"));
                SandboxServer.Account account = sandboxAccount(server, options.user());
                context.sessions().signIn(server.url(), account.username(), account.password())
                        .whenCompleteAsync((session, error) -> {
                            if (error != null) {
                                fail(i18n, i18n.get("app.sandbox.failed", context.errors().describe(error)), List.of());
                                return;
                            }
                            context.navigation().go(dev.moddesk.app.shell.ShellViewModel.DEFAULT_VIEW);
                            context.sessions().begin(session);
                            window.open();
                        }, context.fx());
            } catch (SandboxServer.StartException e) {
                LOG.error("Sandbox server did not start: {}", e.getMessage());
                Platform.runLater(() -> fail(i18n, i18n.get("app.sandbox.failed", e.getMessage()), e.output()));
            }
        }, "sandbox-start");
        starter.setDaemon(true);
        starter.start();
    }

    private void fail(I18n i18n, String message, List<String> output) {
        Alert alert = new Alert(Alert.AlertType.ERROR);
        alert.setTitle(i18n.get("app.window.title"));
        alert.setHeaderText(i18n.get("app.error.header"));
        alert.setContentText(message);
        // The dialog is its own scene: give it our fonts and colours so Chinese renders and the theme matches.
        alert.getDialogPane().getStylesheets().addAll(ThemeService.stylesheetsFor(
                context == null ? Theme.LIGHT : context.themes().getTheme()));
        if (!output.isEmpty()) {
            TextArea details = new TextArea(String.join("\n", output));
            details.setEditable(false);
            details.setWrapText(true);
            alert.getDialogPane().setExpandableContent(details);
        }
        alert.showAndWait();
        Platform.exit();
    }

    @Override
    public void stop() {
        UncaughtErrors.uninstall();
        if (window != null) {
            window.close();
        }
        if (context != null) {
            context.close();
        }
        SandboxServer s = sandbox;
        if (s != null) {
            s.close();
        }
    }
}
