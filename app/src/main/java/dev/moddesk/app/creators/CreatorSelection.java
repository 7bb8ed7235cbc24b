package dev.moddesk.app.creators;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * Which creator the page shows, shared by the search (which picks one) and the page and the quota requests (which
 * open one) within one signed-in session.
 */
public final class CreatorSelection {
    private final ObjectProperty<Long> creatorId = new SimpleObjectProperty<>();
    private final ObjectProperty<Runnable> showPage = new SimpleObjectProperty<>(() -> { });

    public ObjectProperty<Long> creatorIdProperty() {
        return creatorId;
    }

    /** Opens the creator's page (and brings the creators tab forward). */
    public void open(long id) {
        creatorId.set(id);
        showPage.get().run();
    }

    /** What the view does to bring the page forward; set by the feature's main controller. */
    void onShowPage(Runnable action) {
        showPage.set(action == null ? () -> { } : action);
    }
}
