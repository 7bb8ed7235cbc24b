package dev.moddesk.app.core;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import javafx.application.Application;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.Scene;

/**
 * Light or dark: AtlantaFX Primer as the user-agent stylesheet, then our colour tokens, the dark token overlay when
 * dark, and the app stylesheet. Switching re-applies to every attached scene, no restart.
 */
public final class ThemeService {
    public static final String TOKENS = "/styles/tokens.css";
    public static final String TOKENS_DARK = "/styles/tokens-dark.css";
    public static final String APP = "/styles/app.css";

    private final ReadOnlyObjectWrapper<Theme> theme;
    private final List<Scene> scenes = new ArrayList<>();

    public ThemeService(Theme initial) {
        this.theme = new ReadOnlyObjectWrapper<>(initial);
    }

    public ReadOnlyObjectProperty<Theme> themeProperty() {
        return theme.getReadOnlyProperty();
    }

    public Theme getTheme() {
        return theme.get();
    }

    public void setTheme(Theme t) {
        theme.set(t);
        scenes.forEach(this::style);
    }

    /** Styles the scene now and whenever the theme changes. */
    public void attach(Scene scene) {
        if (!scenes.contains(scene)) {
            scenes.add(scene);
        }
        style(scene);
    }

    public void detach(Scene scene) {
        scenes.remove(scene);
    }

    public static List<String> stylesheetsFor(Theme t) {
        List<String> out = new ArrayList<>();
        out.add(external(TOKENS));
        if (t == Theme.DARK) {
            out.add(external(TOKENS_DARK));
        }
        out.add(external(APP));
        return out;
    }

    /**
     * Makes AtlantaFX Primer the user-agent stylesheet now. Called before the first control exists: the first control
     * class to load otherwise has JavaFX load its own Modena stylesheet first, only to be replaced (a cold start's
     * time for nothing).
     */
    public void applyUserAgentStylesheet() {
        Theme t = theme.get();
        String ua = t == Theme.DARK ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet();
        if (!ua.equals(Application.getUserAgentStylesheet())) { // setting it again would load it again
            Application.setUserAgentStylesheet(ua);
        }
    }

    private void style(Scene scene) {
        Theme t = theme.get();
        applyUserAgentStylesheet();
        scene.getStylesheets().setAll(stylesheetsFor(t));
        if (scene.getRoot() != null) {
            scene.getRoot().getStyleClass().removeAll("theme-light", "theme-dark");
            scene.getRoot().getStyleClass().add(t == Theme.DARK ? "theme-dark" : "theme-light");
        }
    }

    private static String external(String resource) {
        URL url = ThemeService.class.getResource(resource);
        if (url == null) {
            throw new IllegalStateException("Stylesheet not on the class path: " + resource);
        }
        return url.toExternalForm();
    }
}
