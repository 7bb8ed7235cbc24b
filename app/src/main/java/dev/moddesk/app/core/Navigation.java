package dev.moddesk.app.core;

import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** Which view the shell shows; kept outside the shell so a reload (new language) lands on the same view. */
public final class Navigation {
    private final StringProperty current = new SimpleStringProperty();

    public StringProperty currentProperty() {
        return current;
    }

    public String current() {
        return current.get();
    }

    public void go(String viewId) {
        current.set(viewId);
    }
}
