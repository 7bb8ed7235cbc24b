package dev.moddesk.app.integrations;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Where a list's loading stands, and the sentence its empty table shows: "loading", "none yet" and "could not load
 * (why)" are three different things to a person, so an empty table never reads as "none" after a failure.
 */
public final class LoadStatus {

    public enum State { LOADING, LOADED, FAILED }

    private final ObjectProperty<State> state = new SimpleObjectProperty<>(State.LOADING);
    private final StringProperty placeholder = new SimpleStringProperty("");

    void loading(String text) {
        state.set(State.LOADING);
        placeholder.set(text);
    }

    void loaded(String emptyText) {
        state.set(State.LOADED);
        placeholder.set(emptyText);
    }

    void failed(String text) {
        state.set(State.FAILED);
        placeholder.set(text);
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state;
    }

    /** What an empty table says: loading, none, or why it could not load. */
    public ReadOnlyStringProperty placeholderProperty() {
        return placeholder;
    }
}
