package dev.moddesk.app.creators;

import dev.moddesk.app.core.ActiveView;
import dev.moddesk.app.core.LabelVisibility;
import dev.moddesk.contract.creators.FeatureFlag;
import dev.moddesk.contract.creators.Limit;
import dev.moddesk.contract.creators.Tier;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.util.StringConverter;
import javafx.util.Subscription;

/** The tier defaults editor: the tier's values, Preview (counts and per-creator outcomes), then Apply. */
public final class TiersController implements ActiveView {
    private final TierEditorModel vm;
    private final CreatorText text;
    private Subscription info = Subscription.EMPTY;

    @FXML
    private ComboBox<Tier> tierPicker;
    @FXML
    private Label tierInfo;
    @FXML
    private Label tierLoadErrorLabel;
    @FXML
    private GridPane defaultsGrid;
    @FXML
    private TextField tierReasonField;
    @FXML
    private Button tierPreviewButton;
    @FXML
    private Button tierApplyButton;
    @FXML
    private Label tierErrorLabel;
    @FXML
    private Label tierSummaryLabel;
    @FXML
    private OutcomesController tierOutcomesController;

    public TiersController(TierEditorModel vm) {
        this.vm = vm;
        this.text = vm.text();
    }

    @FXML
    private void initialize() {
        tierPicker.setItems(vm.tiers());
        tierPicker.setConverter(new StringConverter<>() {
            @Override
            public String toString(Tier t) {
                return t == null ? "" : CreatorText.oneLine(t.name()) + " (" + t.code() + ")";
            }

            @Override
            public Tier fromString(String s) {
                return null;
            }
        });
        tierPicker.valueProperty().bindBidirectional(vm.selectedProperty());
        int row = 0;
        for (Limit limit : Limit.values()) {
            TextField field = new TextField();
            field.setId("tier-" + limit.wireName());
            field.setPrefColumnCount(7);
            field.setEditable(vm.editable());
            field.textProperty().bindBidirectional(vm.limitProperty(limit));
            defaultsGrid.addRow(row++, new Label(text.setting(limit.wireName())), field);
        }
        int column = 2;
        int flagRow = 0;
        for (FeatureFlag flag : FeatureFlag.values()) {
            CheckBox box = new CheckBox(text.flag(flag));
            box.setId("tier-flag-" + flag.name());
            box.setDisable(!vm.editable());
            box.selectedProperty().bindBidirectional(vm.flagProperty(flag));
            defaultsGrid.add(box, column + flagRow / 4, flagRow % 4);
            flagRow++;
        }
        tierReasonField.textProperty().bindBidirectional(vm.reasonProperty());
        tierReasonField.setDisable(!vm.editable());
        if (vm.editable()) {
            tierPreviewButton.disableProperty().bind(vm.busyProperty());
        } else {
            tierPreviewButton.setDisable(true);
        }
        tierApplyButton.disableProperty().bind(vm.busyProperty().or(vm.previewedProperty().not()));
        tierApplyButton.setVisible(vm.editable());
        tierLoadErrorLabel.textProperty().bind(vm.loadErrorProperty());
        tierErrorLabel.textProperty().bind(vm.errorProperty());
        tierSummaryLabel.textProperty().bind(vm.summaryProperty());
        LabelVisibility.hideWhenEmpty(tierLoadErrorLabel);
        LabelVisibility.hideWhenEmpty(tierErrorLabel);
        LabelVisibility.hideWhenEmpty(tierSummaryLabel);
        tierOutcomesController.show(vm.outcomes(), "creators.tiers.noPreview");
    }

    @Override
    public void activate() {
        info = vm.selectedProperty().subscribe(t -> tierInfo.setText(t == null ? ""
                : text.i18n().get("creators.tiers.info", text.count(t.creators()))));
        vm.refresh();
    }

    @Override
    public void deactivate() {
        info.unsubscribe();
    }

    @FXML
    private void onRefresh() {
        vm.refresh();
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
