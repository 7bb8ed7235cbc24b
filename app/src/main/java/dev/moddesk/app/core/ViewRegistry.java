package dev.moddesk.app.core;

import dev.moddesk.contract.Role;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;

/**
 * Every view of the console by id. A {@link FeatureModule} lists its views and registers their controllers
 * in the {@link ControllerFactory}; the shell builds its navigation from here.
 */
public final class ViewRegistry {

    /** A view loaded with its controller. */
    public record LoadedView(ViewSpec spec, Parent root, Object controller) {
    }

    private final Map<String, ViewSpec> specs = new LinkedHashMap<>();
    private final ControllerFactory controllers;
    private final I18n i18n;

    public ViewRegistry(ControllerFactory controllers, I18n i18n) {
        this.controllers = controllers;
        this.i18n = i18n;
    }

    public ViewRegistry register(ViewSpec spec) {
        if (specs.putIfAbsent(spec.id(), spec) != null) {
            throw new IllegalStateException("View registered twice: " + spec.id());
        }
        return this;
    }

    public List<ViewSpec> all() {
        return List.copyOf(specs.values());
    }

    public Optional<ViewSpec> find(String id) {
        return Optional.ofNullable(specs.get(id));
    }

    /** The navigation entries a role may see, in registration order. */
    public List<ViewSpec> navigationFor(Role role) {
        List<ViewSpec> out = new ArrayList<>();
        for (ViewSpec s : specs.values()) {
            if (s.inNavigation() && role.covers(s.minRole())) {
                out.add(s);
            }
        }
        return out;
    }

    public LoadedView load(String id) {
        ViewSpec spec = find(id).orElseThrow(() -> new IllegalArgumentException("Unknown view " + id));
        if (spec.builtBy() != null) {
            BuiltView view = (BuiltView) controllers.call(spec.builtBy());
            return new LoadedView(spec, withStylesheets(spec, view.root()), view);
        }
        URL url = ViewRegistry.class.getResource(spec.fxml());
        if (url == null) {
            throw new IllegalStateException("FXML not on the class path: " + spec.fxml());
        }
        FXMLLoader loader = new FXMLLoader(url, i18n.bundle());
        loader.setControllerFactory(controllers);
        try {
            Parent root = loader.load();
            return new LoadedView(spec, withStylesheets(spec, root), loader.getController());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot load view " + id + " from " + spec.fxml(), e);
        }
    }

    private static Parent withStylesheets(ViewSpec spec, Parent root) {
        for (String css : spec.stylesheets()) {
            URL cssUrl = ViewRegistry.class.getResource(css);
            if (cssUrl == null) {
                throw new IllegalStateException("Stylesheet not on the class path: " + css);
            }
            root.getStylesheets().add(cssUrl.toExternalForm());
        }
        return root;
    }
}
