package dev.moddesk.app.creators;

import dev.moddesk.app.core.ActiveView;
import dev.moddesk.app.core.LabelVisibility;
import dev.moddesk.contract.creators.CreatorSummary;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.util.StringConverter;

/**
 * The bulk change tab: the creators picked in the search (remove some, or all), one setting to set or clear for all
 * of them with why, Preview (the server's per-creator outcome), then Apply exactly that; the outcome list names each
 * creator and pages when large.
 */
public final class BulkController implements ActiveView {
    private final BulkChangeModel vm;
    private final CreatorText text;

    @FXML
    private Label bulkPickedLabel;
    @FXML
    private ListView<CreatorSummary> bulkPickedList;
    @FXML
    private Button bulkRemoveButton;
    @FXML
    private Button bulkClearPicksButton;
    @FXML
    private ComboBox<String> bulkSettingChoice;
    @FXML
    private TextField bulkNumberField;
    @FXML
    private CheckBox bulkEnabledBox;
    @FXML
    private CheckBox bulkClearBox;
    @FXML
    private TextField bulkReasonField;
    @FXML
    private javafx.scene.control.DatePicker bulkExpiryPicker;
    @FXML
    private Button bulkPreviewButton;
    @FXML
    private Button bulkApplyButton;
    @FXML
    private Label bulkErrorLabel;
    @FXML
    private Label bulkSummaryLabel;
    @FXML
    private OutcomesController bulkOutcomesController;

    public BulkController(BulkChangeModel vm) {
        this.vm = vm;
        this.text = vm.text();
    }

    @FXML
    private void initialize() {
        BulkPicks picks = vm.picks();
        bulkPickedLabel.textProperty().bind(Bindings.createStringBinding(
                () -> text.i18n().get("creators.bulk.picked", picks.picked().size()), picks.picked()));
        Label none = new Label(text.i18n().get("creators.bulk.pickHint"));
        none.getStyleClass().add("text-muted");
        none.setWrapText(true);
        bulkPickedList.setPlaceholder(none);
        bulkPickedList.setItems(picks.picked());
        bulkPickedList.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        bulkPickedList.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(CreatorSummary item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : CreatorText.oneLine(item.displayName()) + " · " + item.tier());
            }
        });
        bulkPickedList.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.DELETE || e.getCode() == KeyCode.BACK_SPACE) {
                onRemove();
                e.consume();
            }
        });
        bulkRemoveButton.disableProperty().bind(Bindings.isEmpty(bulkPickedList.getSelectionModel()
                .getSelectedItems()));
        bulkClearPicksButton.disableProperty().bind(Bindings.isEmpty(picks.picked()));

        bulkSettingChoice.getItems().setAll(BulkChangeModel.settings());
        bulkSettingChoice.setConverter(new StringConverter<>() {
            @Override
            public String toString(String wireName) {
                return text.setting(wireName);
            }

            @Override
            public String fromString(String s) {
                return null;
            }
        });
        bulkSettingChoice.valueProperty().bindBidirectional(vm.settingProperty());
        bulkNumberField.textProperty().bindBidirectional(vm.numberProperty());
        bulkEnabledBox.selectedProperty().bindBidirectional(vm.enabledProperty());
        bulkClearBox.selectedProperty().bindBidirectional(vm.clearProperty());
        var isLimit = Bindings.createBooleanBinding(() -> vm.isLimit(vm.settingProperty().get()), vm.settingProperty());
        bulkNumberField.visibleProperty().bind(isLimit.and(vm.clearProperty().not()));
        bulkNumberField.managedProperty().bind(bulkNumberField.visibleProperty());
        bulkEnabledBox.visibleProperty().bind(isLimit.not().and(vm.clearProperty().not()));
        bulkEnabledBox.managedProperty().bind(bulkEnabledBox.visibleProperty());
        bulkReasonField.textProperty().bindBidirectional(vm.reasonProperty());
        bulkExpiryPicker.valueProperty().bindBidirectional(vm.expiryProperty());
        // No end date for giving settings back to the tier; read-only for OPS.
        bulkExpiryPicker.disableProperty().bind(vm.clearProperty().or(
                new javafx.beans.property.SimpleBooleanProperty(!vm.editable())));

        for (var control : List.of(bulkSettingChoice, bulkNumberField, bulkEnabledBox, bulkClearBox, bulkReasonField)) {
            control.setDisable(!vm.editable());
        }
        if (vm.editable()) {
            bulkPreviewButton.disableProperty().bind(vm.busyProperty().or(Bindings.isEmpty(picks.picked())));
        } else {
            bulkPreviewButton.setDisable(true);
        }
        bulkApplyButton.disableProperty().bind(vm.busyProperty().or(vm.previewedProperty().not()));
        bulkApplyButton.setVisible(vm.editable());
        bulkErrorLabel.textProperty().bind(vm.errorProperty());
        bulkSummaryLabel.textProperty().bind(vm.summaryProperty());
        LabelVisibility.hideWhenEmpty(bulkErrorLabel);
        LabelVisibility.hideWhenEmpty(bulkSummaryLabel);
        bulkOutcomesController.show(vm.outcomes(), "creators.bulk.noPreview");
    }

    @Override
    public void activate() {
        // Nothing to load: the picks come from the search.
    }

    @Override
    public void deactivate() {
        // Nothing to stop.
    }

    @FXML
    private void onRemove() {
        vm.picks().remove(List.copyOf(bulkPickedList.getSelectionModel().getSelectedItems()));
    }

    @FXML
    private void onClearPicks() {
        vm.picks().clear();
    }

    @FXML
    private void onPreview() {
        vm.preview();
    }

    @FXML
    private void onApply() {
        vm.apply();
    }
}
