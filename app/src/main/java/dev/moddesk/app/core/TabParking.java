package dev.moddesk.app.core;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.util.Subscription;

/**
 * Keeps only the selected tab's content in the scene: a tab that goes behind another gives its content back to this
 * class, and gets it again when it comes to the front. JavaFX walks every node of a scene in every pulse (bounds,
 * CSS, layout requests), hidden tabs included; with the wall, four queues and several live monitors behind the one
 * in front that walk was a third of the FX thread's time in the rooms benchmark. The controllers behind the parked
 * content keep running (a hidden monitor keeps buffering); only drawing waits. FX thread only.
 */
public final class TabParking {
    private final TabPane tabs;
    private final Map<Tab, Node> parked = new HashMap<>();

    public TabParking(TabPane tabs) {
        this.tabs = Objects.requireNonNull(tabs, "tabs");
    }

    /** Parks every tab but the selected one, from now until the subscription is cancelled (which restores them). */
    public Subscription start() {
        ListChangeListener<Tab> changed = change -> {
            while (change.next()) {
                change.getRemoved().forEach(this::restore);
                change.getAddedSubList().forEach(this::parkUnlessSelected);
            }
        };
        tabs.getTabs().addListener(changed);
        tabs.getTabs().forEach(this::parkUnlessSelected);
        Subscription selection = tabs.getSelectionModel().selectedItemProperty().subscribe((was, now) -> {
            if (now != null) {
                restore(now);
            }
            if (was != null && was != now && tabs.getTabs().contains(was)) {
                park(was);
            }
        });
        return () -> {
            selection.unsubscribe();
            tabs.getTabs().removeListener(changed);
            Map.copyOf(parked).keySet().forEach(this::restore);
        };
    }

    private void parkUnlessSelected(Tab tab) {
        if (tab != tabs.getSelectionModel().getSelectedItem()) {
            park(tab);
        }
    }

    private void park(Tab tab) {
        Node content = tab.getContent();
        if (content != null) {
            parked.put(tab, content);
            tab.setContent(null);
        }
    }

    private void restore(Tab tab) {
        Node content = parked.remove(tab);
        if (content != null) {
            tab.setContent(content);
        }
    }
}
