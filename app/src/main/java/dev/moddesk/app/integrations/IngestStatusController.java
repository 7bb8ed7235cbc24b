package dev.moddesk.app.integrations;

import dev.moddesk.app.core.ActiveView;
import dev.moddesk.app.core.I18n;
import dev.moddesk.contract.platform.PlatformStatus;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;

/** Ingest status tab: what came in, what the server accepts, what is still to go out. */
public final class IngestStatusController implements ActiveView {
    private final IngestStatusViewModel vm;
    private final I18n i18n;

    @FXML
    private Label statusMessage;
    @FXML
    private GridPane statusGrid;
    @FXML
    private Label appliedValue;
    @FXML
    private Label duplicateValue;
    @FXML
    private Label rejectedValue;
    @FXML
    private Label countedSinceValue;
    @FXML
    private Label eventTypesValue;
    @FXML
    private Label pendingValue;
    @FXML
    private Label failedValue;
    @FXML
    private Label keysValue;
    @FXML
    private Label webhooksValue;
    @FXML
    private Label usersValue;
    @FXML
    private Label lastActionValue;

    public IngestStatusController(IngestStatusViewModel vm, I18n i18n) {
        this.vm = vm;
        this.i18n = i18n;
    }

    @FXML
    private void initialize() {
        ServiceKeysController.bindMessage(statusMessage, vm.load().placeholderProperty());
        statusGrid.visibleProperty().bind(vm.statusProperty().isNotNull());
        statusGrid.managedProperty().bind(statusGrid.visibleProperty());
        vm.statusProperty().subscribe(this::show);
    }

    private void show(PlatformStatus s) {
        if (s == null) {
            return;
        }
        appliedValue.setText(Long.toString(s.eventsApplied()));
        duplicateValue.setText(Long.toString(s.eventsDuplicate()));
        rejectedValue.setText(Long.toString(s.eventsRejected()));
        countedSinceValue.setText(s.countedSince() == null ? "—"
                : i18n.get("integrations.status.countedSince", IntegrationsText.time(s.countedSince())));
        eventTypesValue.setText(s.eventTypes().isEmpty() ? "—" : String.join("\n", s.eventTypes()));
        pendingValue.setText(Long.toString(s.deliveriesPending()));
        failedValue.setText(Long.toString(s.deliveriesFailed()));
        keysValue.setText(Long.toString(s.activeKeys()));
        webhooksValue.setText(Long.toString(s.activeWebhooks()));
        usersValue.setText(Long.toString(s.users()));
        lastActionValue.setText(Long.toString(s.lastActionId()));
    }

    @Override
    public void activate() {
        vm.refresh();
    }

    @Override
    public void deactivate() {
    }

    @FXML
    private void onRefreshStatus() {
        vm.refresh();
    }
}
