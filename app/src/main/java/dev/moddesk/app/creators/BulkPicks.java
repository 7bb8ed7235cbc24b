package dev.moddesk.app.creators;

import dev.moddesk.contract.creators.CreatorSummary;
import java.util.Collection;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The creators an admin hand-picked for one bulk change, shared by the search (which adds its selected results) and
 * the bulk change tab (which previews and applies the change to them) within one loaded view. Each creator once, in
 * the order picked.
 */
public final class BulkPicks {
    /** The most creators one bulk change takes (the server's limit). */
    static final int MAX = 10_000;

    private final ObservableList<CreatorSummary> picked = FXCollections.observableArrayList();

    /** Adds the creators not picked yet, up to {@link #MAX}; returns how many were added. */
    public int add(Collection<CreatorSummary> creators) {
        int added = 0;
        for (CreatorSummary c : creators) {
            if (c != null && picked.size() < MAX && picked.stream().noneMatch(p -> p.id() == c.id())) {
                picked.add(c);
                added++;
            }
        }
        return added;
    }

    public void remove(Collection<CreatorSummary> creators) {
        picked.removeAll(creators);
    }

    public void clear() {
        picked.clear();
    }

    public ObservableList<CreatorSummary> picked() {
        return picked;
    }
}
