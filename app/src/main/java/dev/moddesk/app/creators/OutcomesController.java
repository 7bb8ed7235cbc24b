package dev.moddesk.app.creators;

import dev.moddesk.contract.creators.CreatorOutcome;
import java.util.List;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;

/**
 * The per-creator outcome list of a tier or bulk change (outcomes.fxml, included by both): the creator by display
 * name, the outcome, what it does or why it was refused, a page of {@link OutcomePages#PAGE} at a time.
 */
public final class OutcomesController {
    private final CreatorText text;

    @FXML
    private TableView<CreatorOutcome> outcomesTable;
    @FXML
    private TableColumn<CreatorOutcome, String> outcomeCreatorColumn;
    @FXML
    private TableColumn<CreatorOutcome, String> outcomeStatusColumn;
    @FXML
    private TableColumn<CreatorOutcome, String> outcomeEffectColumn;
    @FXML
    private HBox outcomesPager;
    @FXML
    private Label outcomesRangeLabel;
    @FXML
    private Button outcomesPreviousButton;
    @FXML
    private Button outcomesNextButton;
    private OutcomePages pages;

    public OutcomesController(CreatorText text) {
        this.text = text;
    }

    @FXML
    private void initialize() {
        outcomeCreatorColumn.setCellValueFactory(c -> cell(text.creatorName(c.getValue())));
        outcomeStatusColumn.setCellValueFactory(c -> cell(text.outcome(c.getValue().status())));
        outcomeEffectColumn.setCellValueFactory(c -> cell(effect(c.getValue())));
    }

    /** Shows {@code pages}; {@code placeholderKey} is what the empty table says. */
    void show(OutcomePages outcomes, String placeholderKey) {
        this.pages = outcomes;
        Label none = new Label(text.i18n().get(placeholderKey));
        none.getStyleClass().add("text-muted");
        none.setWrapText(true);
        outcomesTable.setPlaceholder(none);
        outcomesTable.setItems(outcomes.page());
        outcomesRangeLabel.textProperty().bind(outcomes.rangeProperty());
        outcomesPager.visibleProperty().bind(outcomes.hasPreviousProperty().or(outcomes.hasNextProperty()));
        outcomesPager.managedProperty().bind(outcomesPager.visibleProperty());
        outcomesPreviousButton.disableProperty().bind(outcomes.hasPreviousProperty().not());
        outcomesNextButton.disableProperty().bind(outcomes.hasNextProperty().not());
    }

    private String effect(CreatorOutcome o) {
        if (o.problem() != null) {
            return CreatorText.oneLine(o.problem().detail() != null ? o.problem().detail() : o.problem().title());
        }
        return o.effect() == null ? "" : text.effect(o.effect(), List.of());
    }

    private static ReadOnlyStringWrapper cell(String s) {
        return new ReadOnlyStringWrapper(s);
    }

    @FXML
    private void onPrevious() {
        pages.previous();
        outcomesTable.scrollTo(0);
    }

    @FXML
    private void onNext() {
        pages.next();
        outcomesTable.scrollTo(0);
    }
}
