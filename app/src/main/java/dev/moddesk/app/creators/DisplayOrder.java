package dev.moddesk.app.creators;

import dev.moddesk.contract.creators.CreatorDetail;
import dev.moddesk.contract.creators.FanGroup;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * A creator's fan groups in display order as the admin arranges them (by drag or Alt+Up/Down) before saving: the
 * first {@link #slotsProperty() slots} are the ones the profile shows.
 */
public final class DisplayOrder {
    private final ObservableList<FanGroup> groups = FXCollections.observableArrayList();
    private final BooleanProperty moved = new SimpleBooleanProperty();
    private final IntegerProperty slots = new SimpleIntegerProperty();
    private List<Long> saved = List.of();

    void reset(CreatorDetail detail) {
        groups.setAll(detail.groups());
        saved = ids();
        slots.set(detail.effective().displaySlots());
        moved.set(false);
    }

    /** Moves the group at {@code from} to {@code to} (both 0-based, clamped); false when nothing moved. */
    public boolean move(int from, int to) {
        if (from < 0 || from >= groups.size()) {
            return false;
        }
        int target = Math.max(0, Math.min(groups.size() - 1, to));
        if (target == from) {
            return false;
        }
        FanGroup group = groups.remove(from);
        groups.add(target, group);
        moved.set(!ids().equals(saved));
        return true;
    }

    /** Puts the saved order of {@code ids} back after a conflict: these first, the others after in their order. */
    void arrange(List<Long> ids) {
        List<FanGroup> ordered = new java.util.ArrayList<>();
        for (Long id : ids) {
            groups.stream().filter(g -> g.id() == id).findFirst().ifPresent(ordered::add);
        }
        groups.stream().filter(g -> !ordered.contains(g)).forEach(ordered::add);
        groups.setAll(ordered);
        moved.set(!ids().equals(saved));
    }

    List<Long> ids() {
        return groups.stream().map(FanGroup::id).toList();
    }

    public ObservableList<FanGroup> groups() {
        return groups;
    }

    /** Whether the list differs from the saved order. */
    public ReadOnlyBooleanProperty movedProperty() {
        return moved;
    }

    /** How many groups the profile shows (the effective display slots). */
    public ReadOnlyIntegerProperty slotsProperty() {
        return slots;
    }

    /** Whether the group at {@code index} is among those shown. */
    public boolean shownAt(int index) {
        return index < slots.get();
    }
}
