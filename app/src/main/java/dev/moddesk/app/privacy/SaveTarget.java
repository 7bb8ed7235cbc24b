package dev.moddesk.app.privacy;

import java.nio.file.Path;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** Where an export is saved: the admin picks it (a save dialog offering a safe name); null when they cancel. */
@FunctionalInterface
public interface SaveTarget {

    Path choose(Window owner, String suggestedName, String title, String filterName);

    /** The platform's save dialog. */
    static SaveTarget dialog() {
        return (owner, suggestedName, title, filterName) -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle(title);
            chooser.setInitialFileName(suggestedName);
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(filterName, "*.json"));
            java.io.File file = chooser.showSaveDialog(owner);
            return file == null ? null : file.toPath();
        };
    }
}
