package dev.moddesk.app.creators;

import dev.moddesk.app.core.ActiveView;
import dev.moddesk.contract.creators.CreatorSummary;
import dev.moddesk.contract.creators.FeatureFlag;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import javafx.util.Subscription;

/**
 * Creator search: suggestions as you type (name, creator or user id), filtered by tier and feature. Down moves from
 * the field into the list; Enter or a double click opens the creator's page.
 */
public final class CreatorSearchController implements ActiveView {
    private final CreatorSearchModel vm;
    private final CreatorSelection selection;
    private final CreatorText text;
    private final BulkPicks picks;
    private final boolean editable;
    private final Label placeholder = new Label();
    private final List<Subscription> subscriptions = new ArrayList<>();

    @FXML
    private TextField searchField;
    @FXML
    private ComboBox<String> tierChoice;
    @FXML
    private ComboBox<FeatureFlag> featureChoice;
    @FXML
    private ListView<CreatorSummary> resultsList;
    @FXML
    private Button addToBulkButton;

    public CreatorSearchController(CreatorSearchModel vm, CreatorSelection selection, CreatorText text,
                                   BulkPicks picks, boolean editable) {
        this.vm = vm;
        this.selection = selection;
        this.text = text;
        this.picks = picks;
        this.editable = editable;
    }

    @FXML
    private void initialize() {
        searchField.textProperty().bindBidirectional(vm.queryProperty());
        List<String> tiers = new ArrayList<>();
        tiers.add(null);
        tierChoice.getItems().setAll(tiers);
        vm.tiers().subscribe(() -> {
            List<String> all = new ArrayList<>();
            all.add(null);
            all.addAll(vm.tiers());
            tierChoice.getItems().setAll(all);
        });
        tierChoice.setConverter(converter(code -> code == null ? text.i18n().get("creators.search.anyTier") : code));
        tierChoice.valueProperty().bindBidirectional(vm.tierProperty());
        List<FeatureFlag> flags = new ArrayList<>();
        flags.add(null);
        flags.addAll(Arrays.asList(FeatureFlag.values()));
        featureChoice.getItems().setAll(flags);
        featureChoice.setConverter(converter(f -> f == null ? text.i18n().get("creators.search.anyFeature") : text.flag(f)));
        featureChoice.valueProperty().bindBidirectional(vm.featureProperty());

        placeholder.setWrapText(true);
        placeholder.getStyleClass().add("table-placeholder");
        placeholder.textProperty().bind(Bindings.createStringBinding(() -> {
            if (vm.loadingProperty().get()) {
                return text.i18n().get("common.table.loading");
            }
            String why = vm.failureProperty().get();
            return why.isEmpty() ? vm.emptyTextProperty().get() : text.i18n().get("common.table.loadFailed", why);
        }, vm.loadingProperty(), vm.failureProperty(), vm.emptyTextProperty()));
        resultsList.setPlaceholder(placeholder);
        resultsList.setItems(vm.results());
        resultsList.setCellFactory(list -> new ResultCell());
        // Ctrl/Shift-click picks several for a bulk change; Enter and double click still open the focused one.
        resultsList.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        addToBulkButton.setVisible(editable);
        addToBulkButton.setManaged(editable);
        addToBulkButton.disableProperty().bind(Bindings.isEmpty(resultsList.getSelectionModel().getSelectedItems()));
        resultsList.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                openSelected();
                e.consume();
            }
        });
        resultsList.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                openSelected();
            }
        });
        searchField.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.DOWN && !vm.results().isEmpty()) {
                resultsList.requestFocus();
                resultsList.getSelectionModel().selectFirst();
                e.consume();
            } else if (e.getCode() == KeyCode.ENTER) {
                if (vm.results().size() == 1) {
                    resultsList.getSelectionModel().selectFirst();
                    openSelected();
                } else {
                    vm.search();
                }
                e.consume();
            }
        });
    }

    @FXML
    private void onAddToBulk() {
        picks.add(List.copyOf(resultsList.getSelectionModel().getSelectedItems()));
    }

    private void openSelected() {
        CreatorSummary chosen = resultsList.getSelectionModel().getSelectedItem();
        if (chosen != null) {
            selection.open(chosen.id());
        }
    }

    @Override
    public void activate() {
        vm.loadTiers();
    }

    @Override
    public void deactivate() {
        subscriptions.forEach(Subscription::unsubscribe);
        subscriptions.clear();
    }

    private static <T> StringConverter<T> converter(java.util.function.Function<T, String> show) {
        return new StringConverter<>() {
            @Override
            public String toString(T value) {
                return show.apply(value);
            }

            @Override
            public T fromString(String s) {
                return null;
            }
        };
    }

    /** A result: name with its tier and verified mark, ids, followers and groups. */
    private final class ResultCell extends ListCell<CreatorSummary> {
        private final Label name = new Label();
        private final Label tier = new Label();
        private final Label details = new Label();
        private final VBox box;

        ResultCell() {
            name.getStyleClass().add("creators-result-name");
            tier.getStyleClass().add("creator-badge");
            details.getStyleClass().add("text-muted");
            Region gap = new Region();
            HBox.setHgrow(gap, Priority.ALWAYS);
            box = new VBox(2, new HBox(6, name, gap, tier), details);
        }

        @Override
        protected void updateItem(CreatorSummary item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            name.setText(text.name(item.displayName()) + (item.verified() ? " ✓" : ""));
            tier.setText(item.tier());
            details.setText(text.i18n().get("creators.search.details", CreatorText.oneLine(item.externalId()), text.count(item.followers()),
                    Integer.toString(item.groupsOwned())));
            setText(null);
            setGraphic(box);
        }
    }
}
