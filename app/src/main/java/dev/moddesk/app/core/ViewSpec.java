package dev.moddesk.app.core;

import dev.moddesk.contract.Role;
import java.util.List;
import java.util.Objects;
import org.kordamp.ikonli.Ikon;

/**
 * One view the shell can show: its id, FXML under /fxml (or, for a view built in code, the {@link BuiltView}
 * controller that builds it), title key, navigation icon, the lowest role that sees it, whether it appears in the
 * navigation, and its feature stylesheets under /styles.
 */
public record ViewSpec(String id, String fxml, Class<? extends BuiltView> builtBy, String titleKey, Ikon icon,
                       Role minRole, boolean inNavigation, List<String> stylesheets) {
    public ViewSpec {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("id is required");
        }
        if (builtBy == null && (fxml == null || !fxml.startsWith("/fxml/") || !fxml.endsWith(".fxml"))) {
            throw new IllegalArgumentException("fxml must be /fxml/<feature>/<view>.fxml, was " + fxml);
        }
        if (builtBy != null && fxml != null) {
            throw new IllegalArgumentException("a view comes from FXML or is built in code, not both: " + id);
        }
        Objects.requireNonNull(titleKey, "titleKey");
        Objects.requireNonNull(minRole, "minRole");
        stylesheets = stylesheets == null ? List.of() : List.copyOf(stylesheets);
    }

    public static ViewSpec nav(String id, String fxml, String titleKey, Ikon icon, Role minRole, String... styles) {
        return new ViewSpec(id, fxml, null, titleKey, icon, minRole, true, List.of(styles));
    }

    public static ViewSpec screen(String id, String fxml, String titleKey, String... styles) {
        return new ViewSpec(id, fxml, null, titleKey, null, Role.MODERATOR, false, List.of(styles));
    }

    /** A screen outside the navigation whose controller builds its nodes in code. */
    public static ViewSpec built(String id, Class<? extends BuiltView> controller, String titleKey, String... styles) {
        return new ViewSpec(id, null, Objects.requireNonNull(controller, "controller"), titleKey, null,
                Role.MODERATOR, false, List.of(styles));
    }
}
