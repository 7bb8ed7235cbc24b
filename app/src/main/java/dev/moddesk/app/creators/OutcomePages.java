package dev.moddesk.app.creators;

import dev.moddesk.contract.creators.CreatorOutcome;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The per-creator outcomes of a bulk or tier change, a page at a time: a change over 10,000 creators answers 10,000
 * outcomes, of which the table shows {@link #PAGE} with "1–100 of 10,000" and Previous / Next.
 */
public final class OutcomePages {
    static final int PAGE = 100;

    private final CreatorText text;
    private final ObservableList<CreatorOutcome> page = FXCollections.observableArrayList();
    private final StringProperty range = new SimpleStringProperty("");
    private final BooleanProperty hasPrevious = new SimpleBooleanProperty();
    private final BooleanProperty hasNext = new SimpleBooleanProperty();
    private List<CreatorOutcome> all = List.of();
    private int first;

    public OutcomePages(CreatorText text) {
        this.text = text;
    }

    /** Shows {@code outcomes} from the first page. */
    public void setAll(List<CreatorOutcome> outcomes) {
        all = List.copyOf(outcomes);
        show(0);
    }

    public void clear() {
        setAll(List.of());
    }

    public void next() {
        if (hasNext.get()) {
            show(first + PAGE);
        }
    }

    public void previous() {
        if (hasPrevious.get()) {
            show(Math.max(0, first - PAGE));
        }
    }

    private void show(int from) {
        first = from;
        int to = Math.min(all.size(), from + PAGE);
        page.setAll(all.subList(from, to));
        hasPrevious.set(from > 0);
        hasNext.set(to < all.size());
        range.set(all.size() <= PAGE ? "" : text.i18n().get("creators.outcomes.range", from + 1, to, all.size()));
    }

    /** Every outcome, not only the page shown. */
    public List<CreatorOutcome> all() {
        return all;
    }

    public ObservableList<CreatorOutcome> page() {
        return page;
    }

    /** "101–200 of 10,000"; empty when everything fits on one page. */
    public ReadOnlyStringProperty rangeProperty() {
        return range;
    }

    public ReadOnlyBooleanProperty hasPreviousProperty() {
        return hasPrevious;
    }

    public ReadOnlyBooleanProperty hasNextProperty() {
        return hasNext;
    }
}
