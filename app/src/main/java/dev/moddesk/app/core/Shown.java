package dev.moddesk.app.core;

import javafx.scene.Node;

/** Shows or hides a node so that a hidden one also takes no space in its layout (visible and managed together). */
public final class Shown {
    private Shown() {
    }

    public static void set(Node node, boolean shown) {
        node.setVisible(shown);
        node.setManaged(shown);
    }

    public static void show(Node node) {
        set(node, true);
    }

    public static void hide(Node node) {
        set(node, false);
    }
}
