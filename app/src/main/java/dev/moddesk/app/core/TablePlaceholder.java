package dev.moddesk.app.core;

import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableStringValue;
import javafx.scene.control.Label;

/**
 * What an empty table says: "loading" while its first answer is on the way, "could not load" with the reason after a
 * failure, and "none" only when the server really answered with nothing. Saying "no entries" when the server was
 * unreachable misleads the user into thinking there is nothing to do.
 */
public final class TablePlaceholder {
    private TablePlaceholder() {
    }

    /**
     * @param loading true while a load is in flight
     * @param failure the last load's failure, described for the user; empty after a successful load
     * @param emptyText what to say when the server answered with no rows
     */
    public static Label of(I18n i18n, ObservableBooleanValue loading, ObservableStringValue failure, String emptyText) {
        Label label = new Label();
        label.setWrapText(true);
        label.getStyleClass().add("table-placeholder");
        label.textProperty().bind(Bindings.createStringBinding(() -> {
            String why = failure.get();
            if (loading.get()) {
                return i18n.get("common.table.loading");
            }
            return why == null || why.isEmpty() ? emptyText : i18n.get("common.table.loadFailed", why);
        }, loading, failure));
        return label;
    }
}
