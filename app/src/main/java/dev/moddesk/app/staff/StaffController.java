package dev.moddesk.app.staff;

import dev.moddesk.app.core.ActiveView;
import dev.moddesk.app.core.I18n;
import dev.moddesk.app.core.TablePlaceholder;
import dev.moddesk.contract.Role;
import dev.moddesk.contract.StaffMember;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.MapChangeListener;
import javafx.collections.ObservableMap;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.util.Subscription;

/** Staff list with a create form and an editor for the selected account. */
public final class StaffController implements ActiveView {
    private final StaffViewModel vm;
    private final I18n i18n;
    private final List<Subscription> subscriptions = new ArrayList<>();
    private final DateTimeFormatter timeFormat = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    @FXML
    private TableView<StaffMember> staffTable;
    @FXML
    private TableColumn<StaffMember, String> usernameColumn;
    @FXML
    private TableColumn<StaffMember, String> displayNameColumn;
    @FXML
    private TableColumn<StaffMember, String> roleColumn;
    @FXML
    private TableColumn<StaffMember, String> scopesColumn;
    @FXML
    private TableColumn<StaffMember, String> statusColumn;
    @FXML
    private TableColumn<StaffMember, String> lastLoginColumn;
    @FXML
    private Label errorLabel;

    @FXML
    private TextField usernameField;
    @FXML
    private Label usernameError;
    @FXML
    private TextField displayNameField;
    @FXML
    private Label displayNameError;
    @FXML
    private PasswordField passwordField;
    @FXML
    private Label passwordError;
    @FXML
    private ComboBox<Role> roleCombo;
    @FXML
    private Label roleError;
    @FXML
    private TextField scopesField;
    @FXML
    private Label cityScopesError;
    @FXML
    private Label createErrorLabel;
    @FXML
    private Button createButton;

    @FXML
    private VBox editPane;
    @FXML
    private Label editTitle;
    @FXML
    private TextField editDisplayNameField;
    @FXML
    private Label editDisplayNameError;
    @FXML
    private ComboBox<Role> editRoleCombo;
    @FXML
    private Label editRoleError;
    @FXML
    private TextField editScopesField;
    @FXML
    private Label editCityScopesError;
    @FXML
    private Button saveButton;
    @FXML
    private Button toggleDisabledButton;
    @FXML
    private PasswordField resetPasswordField;
    @FXML
    private Label resetPasswordError;
    @FXML
    private Button resetPasswordButton;
    @FXML
    private Label editErrorLabel;

    public StaffController(StaffViewModel vm, I18n i18n) {
        this.vm = vm;
        this.i18n = i18n;
    }

    @FXML
    private void initialize() {
        staffTable.setItems(vm.members());
        staffTable.setPlaceholder(TablePlaceholder.of(i18n, vm.busyProperty(), vm.errorProperty(),
                i18n.get("staff.table.empty")));
        usernameColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().username()));
        displayNameColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().displayName()));
        roleColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(i18n.roleName(c.getValue().role())));
        scopesColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().cityScopes().isEmpty()
                ? i18n.get("staff.table.allCities") : String.join("、", c.getValue().cityScopes())));
        statusColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().disabled()
                ? i18n.get("staff.table.disabled") : i18n.get("staff.table.active")));
        lastLoginColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().lastLoginAt() == null
                ? "—" : timeFormat.format(c.getValue().lastLoginAt())));

        staffTable.setRowFactory(table -> new javafx.scene.control.TableRow<>() {
            @Override
            protected void updateItem(StaffMember item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().remove("staff-row-disabled");
                if (!empty && item != null && item.disabled()) {
                    getStyleClass().add("staff-row-disabled");
                }
            }
        });
        usernameField.textProperty().bindBidirectional(vm.newUsernameProperty());
        displayNameField.textProperty().bindBidirectional(vm.newDisplayNameProperty());
        passwordField.textProperty().bindBidirectional(vm.newPasswordProperty());
        setUpRoleCombo(roleCombo);
        roleCombo.valueProperty().bindBidirectional(vm.newRoleProperty());
        scopesField.textProperty().bindBidirectional(vm.newScopesProperty());
        bindError(createErrorLabel, vm.createErrorProperty());

        editDisplayNameField.textProperty().bindBidirectional(vm.editDisplayNameProperty());
        setUpRoleCombo(editRoleCombo);
        editRoleCombo.valueProperty().bindBidirectional(vm.editRoleProperty());
        editScopesField.textProperty().bindBidirectional(vm.editScopesProperty());
        resetPasswordField.textProperty().bindBidirectional(vm.resetPasswordProperty());
        bindError(editErrorLabel, vm.editErrorProperty());
        bindError(errorLabel, vm.errorProperty());
        editPane.disableProperty().bind(vm.selectedProperty().isNull());
        createButton.disableProperty().bind(vm.busyProperty());
        saveButton.disableProperty().bind(vm.busyProperty());
        resetPasswordButton.disableProperty().bind(vm.busyProperty().or(vm.resetPasswordProperty().isEmpty()));
    }

    private void setUpRoleCombo(ComboBox<Role> combo) {
        combo.getItems().setAll(Role.values());
        combo.setCellFactory(list -> roleCell());
        combo.setButtonCell(roleCell());
    }

    private ListCell<Role> roleCell() {
        return new ListCell<>() {
            @Override
            protected void updateItem(Role item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : i18n.roleName(item));
            }
        };
    }

    private static void bindError(Label label, javafx.beans.value.ObservableStringValue text) {
        label.textProperty().bind(text);
        label.visibleProperty().bind(label.textProperty().isNotEmpty());
        label.managedProperty().bind(label.visibleProperty());
    }

    @Override
    public void activate() {
        subscriptions.add(staffTable.getSelectionModel().selectedItemProperty().subscribe(m -> {
            if (m != null && m != vm.selectedProperty().get()) {
                vm.selectedProperty().set(m);
            }
        }));
        subscriptions.add(vm.selectedProperty().subscribe(this::showSelected));
        subscriptions.add(watchErrors(vm.createErrors(), Map.of("username", pair(usernameError, usernameField),
                "displayName", pair(displayNameError, displayNameField), "password", pair(passwordError, passwordField),
                "role", pair(roleError, roleCombo), "cityScopes", pair(cityScopesError, scopesField))));
        subscriptions.add(watchErrors(vm.editErrors(), Map.of("displayName", pair(editDisplayNameError, editDisplayNameField),
                "role", pair(editRoleError, editRoleCombo), "cityScopes", pair(editCityScopesError, editScopesField),
                "newPassword", pair(resetPasswordError, resetPasswordField))));
        vm.refresh();
    }

    @Override
    public void deactivate() {
        subscriptions.forEach(Subscription::unsubscribe);
        subscriptions.clear();
    }

    private record FieldSlot(Label label, Node field) {
    }

    private static FieldSlot pair(Label label, Node field) {
        return new FieldSlot(label, field);
    }

    /** Shows each field's server-side message right under the field, and marks the field. */
    private static Subscription watchErrors(ObservableMap<String, String> errors, Map<String, FieldSlot> slots) {
        Runnable render = () -> slots.forEach((field, slot) -> {
            String message = errors.get(field);
            slot.label().setText(message == null ? "" : message);
            slot.label().setVisible(message != null);
            slot.label().setManaged(message != null);
            slot.field().getStyleClass().remove("field-invalid");
            if (message != null) {
                slot.field().getStyleClass().add("field-invalid");
            }
        });
        render.run();
        MapChangeListener<String, String> listener = change -> render.run();
        errors.addListener(listener);
        return () -> errors.removeListener(listener);
    }

    private void showSelected(StaffMember m) {
        if (m == null) {
            editTitle.setText(i18n.get("staff.edit.none"));
            toggleDisabledButton.setText(i18n.get("staff.edit.disable"));
            return;
        }
        editTitle.setText(i18n.get("staff.edit.title", m.username()));
        toggleDisabledButton.setText(m.disabled() ? i18n.get("staff.edit.enable") : i18n.get("staff.edit.disable"));
        if (staffTable.getSelectionModel().getSelectedItem() != m) {
            staffTable.getSelectionModel().select(m);
        }
    }

    @FXML
    private void onCreate() {
        vm.create();
    }

    @FXML
    private void onSave() {
        vm.saveSelected();
    }

    @FXML
    private void onToggleDisabled() {
        StaffMember m = vm.selectedProperty().get();
        if (m != null && !m.disabled()) {
            // Disabling ends the person's sessions at once: ask first.
            Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, i18n.get("staff.confirm.disable", m.username()),
                    ButtonType.OK, ButtonType.CANCEL);
            confirm.setHeaderText(null);
            confirm.initOwner(staffTable.getScene().getWindow());
            confirm.getDialogPane().getStylesheets().setAll(staffTable.getScene().getStylesheets());
            if (confirm.showAndWait().filter(ButtonType.OK::equals).isEmpty()) {
                return;
            }
        }
        vm.toggleDisabled();
    }

    @FXML
    private void onResetPassword() {
        vm.resetPassword();
    }

    @FXML
    private void onRefresh() {
        vm.refresh();
    }
}
