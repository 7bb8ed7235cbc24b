package dev.moddesk.app.core;

import javafx.scene.control.Label;

/** How views show badges and notices: labels with a coloured background that take space only while they say something. */
public final class LabelVisibility {
    private LabelVisibility() {
    }

    /** JavaFX CSS has no {@code :empty}, so an empty badge would be a coloured blob. */
    public static void hideWhenEmpty(Label label) {
        label.visibleProperty().bind(label.textProperty().isNotEmpty());
        label.managedProperty().bind(label.visibleProperty());
    }
}
