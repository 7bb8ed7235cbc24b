package dev.moddesk.app.review;

import dev.moddesk.app.core.ActiveView;
import dev.moddesk.app.core.I18n;
import dev.moddesk.app.core.LabelVisibility;
import dev.moddesk.contract.review.ReasonCode;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.util.Subscription;

/** The admin's reason code editor: pick a code, edit titles, templates and cooldown, save or deactivate. */
public final class ReasonCodesController implements ActiveView {

    private final ReasonCodesModel model;
    private final ReviewText text;
    private Subscription subscriptions = Subscription.EMPTY;

    @FXML
    private Label noticeLabel;
    @FXML
    private TableView<ReasonCode> codeTable;
    @FXML
    private TableColumn<ReasonCode, String> positionColumn;
    @FXML
    private TableColumn<ReasonCode, String> codeColumn;
    @FXML
    private TableColumn<ReasonCode, String> titleColumn;
    @FXML
    private TableColumn<ReasonCode, String> cooldownColumn;
    @FXML
    private TableColumn<ReasonCode, String> activeColumn;
    @FXML
    private TextField codeField;
    @FXML
    private TextField positionField;
    @FXML
    private TextField cooldownField;
    @FXML
    private TextField titleZhField;
    @FXML
    private TextField titleEnField;
    @FXML
    private TextArea templateZhField;
    @FXML
    private TextArea templateEnField;
    @FXML
    private Button saveButton;
    @FXML
    private Button deactivateButton;

    public ReasonCodesController(ReasonCodesModel model, I18n i18n) {
        this.model = model;
        this.text = new ReviewText(i18n, ZoneId.systemDefault());
    }

    @FXML
    private void initialize() {
        LabelVisibility.hideWhenEmpty(noticeLabel);
        codeTable.setItems(model.codes());
        positionColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(String.valueOf(c.getValue().position())));
        codeColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().code()));
        titleColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(text.reasonTitle(c.getValue())));
        cooldownColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(
                text.get("review.reasons.days", c.getValue().cooldownDays())));
        activeColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().active()
                ? text.get("review.reasons.yes") : text.get("review.reasons.no")));
        deactivateButton.disableProperty().bind(codeTable.getSelectionModel().selectedItemProperty().isNull());
        codeTable.setRowFactory(table -> new javafx.scene.control.TableRow<>() {
            @Override
            protected void updateItem(ReasonCode item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().remove("review-reason-inactive");
                if (!empty && item != null && !item.active()) {
                    getStyleClass().add("review-reason-inactive");
                }
            }
        });
    }

    /** The one button deactivates an active code and reactivates an inactive one. */
    private void updateToggle(ReasonCode r) {
        boolean reactivate = r != null && !r.active();
        deactivateButton.setText(text.get(reactivate ? "review.reasons.reactivate" : "review.reasons.deactivate"));
        deactivateButton.getStyleClass().remove("danger");
        if (!reactivate) {
            deactivateButton.getStyleClass().add("danger");
        }
    }

    @Override
    public void activate() {
        subscriptions = Subscription.combine(
                codeTable.getSelectionModel().selectedItemProperty().subscribe(this::edit),
                codeTable.getSelectionModel().selectedItemProperty().subscribe(this::updateToggle),
                model.noticeProperty().subscribe(n -> noticeLabel.setText(text.notice(n))));
        model.load(null);
    }

    @Override
    public void deactivate() {
        subscriptions.unsubscribe();
    }

    private void edit(ReasonCode r) {
        if (r == null) {
            return;
        }
        codeField.setText(r.code());
        codeField.setEditable(false);
        positionField.setText(String.valueOf(r.position()));
        cooldownField.setText(String.valueOf(r.cooldownDays()));
        titleZhField.setText(r.titles().getOrDefault("zh-CN", ""));
        titleEnField.setText(r.titles().getOrDefault("en", ""));
        templateZhField.setText(r.templates().getOrDefault("zh-CN", ""));
        templateEnField.setText(r.templates().getOrDefault("en", ""));
    }

    @FXML
    private void onNew() {
        codeTable.getSelectionModel().clearSelection();
        codeField.setEditable(true);
        for (TextField f : new TextField[] {codeField, positionField, cooldownField, titleZhField, titleEnField}) {
            f.clear();
        }
        templateZhField.clear();
        templateEnField.clear();
        positionField.setText(String.valueOf(model.codes().size() + 1));
        cooldownField.setText("7");
        codeField.requestFocus();
    }

    @FXML
    private void onSave() {
        String code = codeField.getText() == null ? "" : codeField.getText().strip().toUpperCase();
        int position;
        int cooldown;
        try {
            position = Integer.parseInt(positionField.getText().strip());
            cooldown = Integer.parseInt(cooldownField.getText().strip());
        } catch (NumberFormatException | NullPointerException e) {
            noticeLabel.setText(text.get("review.reasons.numbers"));
            return;
        }
        if (code.isEmpty() || titleZhField.getText().isBlank() || titleEnField.getText().isBlank()) {
            noticeLabel.setText(text.get("review.reasons.required"));
            return;
        }
        ReasonCode selected = codeTable.getSelectionModel().getSelectedItem();
        Map<String, String> titles = new LinkedHashMap<>();
        titles.put("zh-CN", titleZhField.getText().strip());
        titles.put("en", titleEnField.getText().strip());
        Map<String, String> templates = new LinkedHashMap<>();
        templates.put("zh-CN", templateZhField.getText().strip());
        templates.put("en", templateEnField.getText().strip());
        model.save(new ReasonCode(code, titles, templates, cooldown, selected == null ? null : selected.circleId(),
                position, selected == null || selected.active(), selected == null ? 0 : selected.version()));
    }

    @FXML
    private void onDeactivate() {
        ReasonCode selected = codeTable.getSelectionModel().getSelectedItem();
        if (selected == null) {
            return;
        }
        int index = codeTable.getSelectionModel().getSelectedIndex();
        (selected.active() ? model.deactivate(selected.code()) : model.reactivate(selected)).thenRun(() -> {
            codeTable.getSelectionModel().select(index);
            updateToggle(codeTable.getSelectionModel().getSelectedItem());
        });
    }
}
