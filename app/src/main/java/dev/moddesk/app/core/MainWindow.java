package dev.moddesk.app.core;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.util.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one window: shows the login view or the shell, switching on sign-in and sign-out, and reloads whatever it
 * shows through the registry when the language changes.
 */
public final class MainWindow {
    private static final Logger LOG = LoggerFactory.getLogger(MainWindow.class);
    public static final String LOGIN = "login";
    public static final String SHELL = "shell";

    private final Stage stage;
    private final AppContext context;
    private final List<Subscription> subscriptions = new ArrayList<>();
    private ViewRegistry.LoadedView showing;

    public MainWindow(Stage stage, AppContext context) {
        this.stage = stage;
        this.context = context;
    }

    public void open() {
        Warmup.awaitStylesheets();
        FirstPaint.mark("warm");
        context.themes().applyUserAgentStylesheet();
        FirstPaint.mark("theme");
        EventBus bus = context.bus();
        subscriptions.add(bus.subscribe(Events.SignedInEvent.class, e -> {
            if (!SHELL.equals(showingId())) {
                show(SHELL);
            }
        }));
        subscriptions.add(bus.subscribe(Events.SignedOutEvent.class, e -> show(LOGIN)));
        subscriptions.add(bus.subscribe(Events.LanguageChangedEvent.class, e -> reload()));
        subscriptions.add(bus.subscribe(Events.ThemeChangedEvent.class, e -> LOG.debug("theme now {}", e.theme())));
        stage.setTitle(context.i18n().get("app.window.title"));
        show(context.sessions().current() == null ? LOGIN : SHELL);
        stage.setMinWidth(900);
        stage.setMinHeight(600);
        FirstPaint.mark("viewLoaded");
        stage.show();
        FirstPaint.mark("shown");
    }

    public void close() {
        subscriptions.forEach(Subscription::unsubscribe);
        subscriptions.clear();
        deactivate();
    }

    public String showingId() {
        return showing == null ? null : showing.spec().id();
    }

    private void reload() {
        stage.setTitle(context.i18n().get("app.window.title"));
        if (showing != null) {
            show(showing.spec().id());
        }
    }

    private void show(String id) {
        deactivate();
        ViewRegistry.LoadedView view = context.views().load(id);
        FirstPaint.mark("view");
        showing = view;
        Parent root = view.root();
        Scene scene = stage.getScene();
        if (scene == null) {
            scene = new Scene(root, 1280, 800);
            stage.setScene(scene);
            FirstPaint.mark("scene");
        } else {
            scene.setRoot(root);
        }
        context.themes().attach(scene);
        FirstPaint.mark("styled");
        if (view.controller() instanceof ActiveView active) {
            active.activate();
        }
    }

    private void deactivate() {
        if (showing != null && showing.controller() instanceof ActiveView active) {
            active.deactivate();
        }
    }
}
