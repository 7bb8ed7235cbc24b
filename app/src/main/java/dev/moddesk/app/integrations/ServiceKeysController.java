package dev.moddesk.app.integrations;

import dev.moddesk.app.core.ActiveView;
import dev.moddesk.app.core.I18n;
import dev.moddesk.contract.platform.PlatformKey;
import javafx.beans.binding.BooleanExpression;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableStringValue;
import javafx.fxml.FXML;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.VBox;

/** Service keys tab: list, create (the key shown once, with a copy button), revoke after a confirmation. */
public final class ServiceKeysController implements ActiveView {
    private final ServiceKeysViewModel vm;
    private final I18n i18n;
    private final Label placeholder = new Label();

    @FXML
    private TableView<PlatformKey> keysTable;
    @FXML
    private TableColumn<PlatformKey, String> nameColumn;
    @FXML
    private TableColumn<PlatformKey, String> prefixColumn;
    @FXML
    private TableColumn<PlatformKey, String> createdColumn;
    @FXML
    private TableColumn<PlatformKey, String> lastUsedColumn;
    @FXML
    private TableColumn<PlatformKey, String> stateColumn;
    @FXML
    private TextField keyNameField;
    @FXML
    private Label keyNameError;
    @FXML
    private Button createKeyButton;
    @FXML
    private Button revokeKeyButton;
    @FXML
    private Label keysErrorLabel;
    @FXML
    private VBox newKeyBox;
    @FXML
    private Label newKeyTitle;
    @FXML
    private TextField newKeyField;
    @FXML
    private Label keyCopiedLabel;

    public ServiceKeysController(ServiceKeysViewModel vm, I18n i18n) {
        this.vm = vm;
        this.i18n = i18n;
    }

    @FXML
    private void initialize() {
        keysTable.setItems(vm.keys());
        placeholder.textProperty().bind(vm.load().placeholderProperty());
        placeholder.setWrapText(true);
        keysTable.setPlaceholder(placeholder);
        nameColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().name()));
        prefixColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().prefix() + "…"));
        createdColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(IntegrationsText.time(c.getValue().createdAt())));
        lastUsedColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().lastUsedAt() == null
                ? i18n.get("integrations.keys.neverUsed") : IntegrationsText.time(c.getValue().lastUsedAt())));
        stateColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().revokedAt() == null
                ? i18n.get("integrations.keys.active")
                : i18n.get("integrations.keys.revokedAt", IntegrationsText.time(c.getValue().revokedAt()))));

        keyNameField.textProperty().bindBidirectional(vm.newNameProperty());
        bindMessage(keyNameError, vm.nameErrorProperty());
        bindMessage(keysErrorLabel, vm.errorProperty());
        createKeyButton.disableProperty().bind(vm.busyProperty().or(vm.newNameProperty().isEmpty()));
        revokeKeyButton.disableProperty().bind(vm.busyProperty().or(BooleanExpression.booleanExpression(
                keysTable.getSelectionModel().selectedItemProperty().map(k -> k.revokedAt() != null).orElse(true))));

        newKeyField.textProperty().bind(vm.createdKeyProperty());
        newKeyTitle.textProperty().bind(vm.createdKeyNameProperty().map(name -> i18n.get("integrations.keys.newKeyTitle", name)));
        newKeyBox.visibleProperty().bind(vm.createdKeyProperty().isNotEmpty());
        newKeyBox.managedProperty().bind(newKeyBox.visibleProperty());
        keyCopiedLabel.visibleProperty().bind(vm.copiedProperty());
    }

    static void bindMessage(Label label, ObservableStringValue text) {
        label.textProperty().bind(text);
        label.visibleProperty().bind(label.textProperty().isNotEmpty());
        label.managedProperty().bind(label.visibleProperty());
    }

    @Override
    public void activate() {
        vm.refresh();
    }

    @Override
    public void deactivate() {
        // Leaving the view forgets a key that was never dismissed: it is not to be found again later.
        vm.dismissCreatedKey();
    }

    @FXML
    private void onCreateKey() {
        vm.create();
    }

    @FXML
    private void onCopyKey() {
        ClipboardContent content = new ClipboardContent();
        content.putString(vm.createdKeyProperty().get());
        Clipboard.getSystemClipboard().setContent(content);
        vm.copiedCreatedKey();
    }

    @FXML
    private void onDismissKey() {
        vm.dismissCreatedKey();
    }

    @FXML
    private void onRevokeKey() {
        PlatformKey key = keysTable.getSelectionModel().getSelectedItem();
        if (key == null || key.revokedAt() != null) {
            return;
        }
        // A revoked key stops the platform's calls at once: ask first.
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, i18n.get("integrations.keys.confirmRevoke", key.name(),
                key.prefix()), ButtonType.OK, ButtonType.CANCEL);
        confirm.setHeaderText(null);
        confirm.initOwner(keysTable.getScene().getWindow());
        confirm.getDialogPane().getStylesheets().setAll(keysTable.getScene().getStylesheets());
        if (confirm.showAndWait().filter(ButtonType.OK::equals).isPresent()) {
            vm.revoke(key);
        }
    }

    @FXML
    private void onRefreshKeys() {
        vm.refresh();
    }
}
