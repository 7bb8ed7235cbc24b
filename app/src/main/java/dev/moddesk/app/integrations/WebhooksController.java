package dev.moddesk.app.integrations;

import dev.moddesk.app.core.ActiveView;
import dev.moddesk.app.core.I18n;
import dev.moddesk.contract.platform.DeliveryStatus;
import dev.moddesk.contract.platform.Webhook;
import dev.moddesk.contract.platform.WebhookDelivery;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.binding.BooleanExpression;
import javafx.beans.property.ReadOnlyStringWrapper;
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
import javafx.util.Subscription;

/** Webhooks tab: endpoints (add, test ping, delete) and the selected one's recent deliveries (send failed ones again). */
public final class WebhooksController implements ActiveView {
    private final WebhooksViewModel vm;
    private final I18n i18n;
    private final IntegrationsText text;
    private final Label endpointsPlaceholder = new Label();
    private final Label deliveriesPlaceholder = new Label();
    private final List<Subscription> subscriptions = new ArrayList<>();

    @FXML
    private TextField webhookUrlField;
    @FXML
    private Label webhookUrlError;
    @FXML
    private Button addWebhookButton;
    @FXML
    private Label webhooksErrorLabel;
    @FXML
    private VBox newSecretBox;
    @FXML
    private TextField newSecretField;
    @FXML
    private Label secretCopiedLabel;
    @FXML
    private TableView<Webhook> webhooksTable;
    @FXML
    private TableColumn<Webhook, String> urlColumn;
    @FXML
    private TableColumn<Webhook, String> activeColumn;
    @FXML
    private TableColumn<Webhook, String> webhookCreatedColumn;
    @FXML
    private Button testWebhookButton;
    @FXML
    private Button deleteWebhookButton;
    @FXML
    private TableView<WebhookDelivery> deliveriesTable;
    @FXML
    private TableColumn<WebhookDelivery, String> deliveryActionColumn;
    @FXML
    private TableColumn<WebhookDelivery, String> deliveryStatusColumn;
    @FXML
    private TableColumn<WebhookDelivery, String> deliveryAttemptsColumn;
    @FXML
    private TableColumn<WebhookDelivery, String> deliveryResponseColumn;
    @FXML
    private TableColumn<WebhookDelivery, String> deliveryLastAttemptColumn;
    @FXML
    private TableColumn<WebhookDelivery, String> deliveryNextAttemptColumn;
    @FXML
    private TableColumn<WebhookDelivery, String> deliveryDeliveredColumn;
    @FXML
    private Button redeliverButton;
    @FXML
    private Button redeliverAllButton;
    @FXML
    private Button refreshDeliveriesButton;

    public WebhooksController(WebhooksViewModel vm, I18n i18n) {
        this.vm = vm;
        this.i18n = i18n;
        this.text = new IntegrationsText(i18n);
    }

    @FXML
    private void initialize() {
        webhookUrlField.textProperty().bindBidirectional(vm.newUrlProperty());
        ServiceKeysController.bindMessage(webhookUrlError, vm.urlErrorProperty());
        ServiceKeysController.bindMessage(webhooksErrorLabel, vm.errorProperty());
        addWebhookButton.disableProperty().bind(vm.busyProperty().or(vm.newUrlProperty().isEmpty()));
        newSecretField.textProperty().bind(vm.createdSecretProperty());
        newSecretBox.visibleProperty().bind(vm.createdSecretProperty().isNotEmpty());
        newSecretBox.managedProperty().bind(newSecretBox.visibleProperty());
        secretCopiedLabel.visibleProperty().bind(vm.secretCopiedProperty());

        webhooksTable.setItems(vm.endpoints());
        endpointsPlaceholder.textProperty().bind(vm.endpointsLoad().placeholderProperty());
        endpointsPlaceholder.setWrapText(true);
        webhooksTable.setPlaceholder(endpointsPlaceholder);
        urlColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().url()));
        activeColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().active()
                ? i18n.get("integrations.webhooks.active") : i18n.get("integrations.webhooks.paused")));
        webhookCreatedColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(IntegrationsText.time(c.getValue().createdAt())));
        BooleanExpression noEndpoint = vm.selectedProperty().isNull();
        testWebhookButton.disableProperty().bind(vm.busyProperty().or(noEndpoint));
        deleteWebhookButton.disableProperty().bind(vm.busyProperty().or(noEndpoint));
        redeliverAllButton.disableProperty().bind(vm.busyProperty().or(noEndpoint));
        refreshDeliveriesButton.disableProperty().bind(noEndpoint);

        deliveriesTable.setItems(vm.deliveries());
        deliveriesPlaceholder.textProperty().bind(vm.deliveriesLoad().placeholderProperty());
        deliveriesPlaceholder.setWrapText(true);
        deliveriesTable.setPlaceholder(deliveriesPlaceholder);
        deliveryActionColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(
                c.getValue().actionType() + " #" + c.getValue().actionId()));
        deliveryStatusColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(text.status(c.getValue().status())));
        deliveryAttemptsColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(Integer.toString(c.getValue().attempts())));
        deliveryResponseColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(IntegrationsText.lastResponse(c.getValue())));
        deliveryLastAttemptColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(IntegrationsText.time(c.getValue().lastAttemptAt())));
        deliveryNextAttemptColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(IntegrationsText.time(c.getValue().nextAttemptAt())));
        deliveryDeliveredColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(IntegrationsText.time(c.getValue().deliveredAt())));
        redeliverButton.disableProperty().bind(vm.busyProperty().or(BooleanExpression.booleanExpression(
                deliveriesTable.getSelectionModel().selectedItemProperty()
                        .map(d -> d.status() != DeliveryStatus.FAILED).orElse(true))));
    }

    @Override
    public void activate() {
        subscriptions.add(webhooksTable.getSelectionModel().selectedItemProperty().subscribe(w -> {
            if (w != vm.selectedProperty().get()) {
                vm.selectedProperty().set(w);
            }
        }));
        subscriptions.add(vm.selectedProperty().subscribe(w -> {
            if (webhooksTable.getSelectionModel().getSelectedItem() != w) {
                webhooksTable.getSelectionModel().select(w);
            }
        }));
        vm.refresh();
    }

    @Override
    public void deactivate() {
        subscriptions.forEach(Subscription::unsubscribe);
        subscriptions.clear();
        vm.dismissSecret();
    }

    @FXML
    private void onAddWebhook() {
        vm.add();
    }

    @FXML
    private void onCopySecret() {
        ClipboardContent content = new ClipboardContent();
        content.putString(vm.createdSecretProperty().get());
        Clipboard.getSystemClipboard().setContent(content);
        vm.copiedSecret();
    }

    @FXML
    private void onDismissSecret() {
        vm.dismissSecret();
    }

    @FXML
    private void onTestWebhook() {
        vm.sendTest();
    }

    @FXML
    private void onDeleteWebhook() {
        Webhook endpoint = vm.selectedProperty().get();
        if (endpoint == null) {
            return;
        }
        // Deleting cancels what the endpoint has not received yet: ask first.
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, i18n.get("integrations.webhooks.confirmDelete",
                endpoint.url()), ButtonType.OK, ButtonType.CANCEL);
        confirm.setHeaderText(null);
        confirm.initOwner(webhooksTable.getScene().getWindow());
        confirm.getDialogPane().getStylesheets().setAll(webhooksTable.getScene().getStylesheets());
        if (confirm.showAndWait().filter(ButtonType.OK::equals).isPresent()) {
            vm.delete();
        }
    }

    @FXML
    private void onRedeliver() {
        vm.redeliver(deliveriesTable.getSelectionModel().getSelectedItem());
    }

    @FXML
    private void onRedeliverAll() {
        vm.redeliverFailed();
    }

    @FXML
    private void onRefreshDeliveries() {
        vm.loadDeliveries();
    }

    @FXML
    private void onRefreshWebhooks() {
        vm.refresh();
    }
}
