package dev.moddesk.app.creators;

import dev.moddesk.app.core.ActiveView;
import dev.moddesk.app.core.LabelVisibility;
import dev.moddesk.app.core.Shown;
import dev.moddesk.contract.creators.CreatorUsage;
import dev.moddesk.contract.creators.QuotaRequest;
import dev.moddesk.contract.creators.QuotaRequestView;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import javafx.util.Subscription;

/**
 * The quota request queue. From the keyboard: Up/Down pick a request, Tab reaches the amount and note, Alt+A
 * approves, Alt+P approves the typed amount, Alt+D denies with the note (Enter in the amount field approves part).
 */
public final class QuotaRequestsController implements ActiveView {
    private final QuotaRequestsModel vm;
    private final CreatorSelection selection;
    private final CreatorText text;
    private final Label placeholder = new Label();
    private final List<Subscription> subscriptions = new ArrayList<>();
    private final javafx.event.EventHandler<KeyEvent> keys = this::onKey;

    @FXML
    private VBox root;
    @FXML
    private ComboBox<QuotaRequest.Status> statusChoice;
    @FXML
    private TableView<QuotaRequestView> requestsTable;
    @FXML
    private TableColumn<QuotaRequestView, String> creatorColumn;
    @FXML
    private TableColumn<QuotaRequestView, String> settingColumn;
    @FXML
    private TableColumn<QuotaRequestView, String> askColumn;
    @FXML
    private TableColumn<QuotaRequestView, String> requestedAtColumn;
    @FXML
    private TableColumn<QuotaRequestView, String> statusColumn;
    @FXML
    private VBox detailBox;
    @FXML
    private Label requestTitle;
    @FXML
    private Label justificationLabel;
    @FXML
    private Label usageLabel;
    @FXML
    private ListView<QuotaRequest> earlierList;
    @FXML
    private TextField amountField;
    @FXML
    private TextField noteField;
    @FXML
    private Label decisionError;
    @FXML
    private HBox decisionButtons;
    @FXML
    private Button approveButton;
    @FXML
    private Button approvePartButton;
    @FXML
    private Button denyButton;

    public QuotaRequestsController(QuotaRequestsModel vm, CreatorSelection selection) {
        this.vm = vm;
        this.selection = selection;
        this.text = vm.text();
    }

    @FXML
    private void initialize() {
        List<QuotaRequest.Status> statuses = new ArrayList<>();
        statuses.add(null);
        statuses.addAll(Arrays.asList(QuotaRequest.Status.values()));
        statusChoice.getItems().setAll(statuses);
        statusChoice.setConverter(new StringConverter<>() {
            @Override
            public String toString(QuotaRequest.Status s) {
                return s == null ? text.i18n().get("creators.requests.status.all") : status(s);
            }

            @Override
            public QuotaRequest.Status fromString(String s) {
                return null;
            }
        });
        statusChoice.valueProperty().bindBidirectional(vm.statusProperty());

        placeholder.setWrapText(true);
        placeholder.getStyleClass().add("table-placeholder");
        placeholder.textProperty().bind(Bindings.createStringBinding(() -> vm.loadingProperty().get()
                ? text.i18n().get("common.table.loading") : vm.loadErrorProperty().get().isEmpty()
                ? text.i18n().get("creators.requests.none")
                : text.i18n().get("common.table.loadFailed", vm.loadErrorProperty().get()),
                vm.loadingProperty(), vm.loadErrorProperty()));
        requestsTable.setPlaceholder(placeholder);
        requestsTable.setItems(vm.requests());
        creatorColumn.setCellValueFactory(c -> cell(text.name(c.getValue().request().creatorName())));
        settingColumn.setCellValueFactory(c -> cell(text.setting(c.getValue().request().setting())));
        askColumn.setCellValueFactory(c -> cell(text.i18n().get("creators.requests.fromTo",
                Integer.toString(c.getValue().request().current()), Integer.toString(c.getValue().request().requested()))));
        requestedAtColumn.setCellValueFactory(c -> cell(text.dateTime(c.getValue().request().requestedAt())));
        statusColumn.setCellValueFactory(c -> cell(status(c.getValue().request().status())));
        requestsTable.getSelectionModel().selectedItemProperty().subscribe(v -> {
            if (v != null) {
                vm.selectedProperty().set(v);
            }
        });
        earlierList.setCellFactory(list -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(QuotaRequest r, boolean empty) {
                super.updateItem(r, empty);
                setText(empty || r == null ? null : text.i18n().get("creators.requests.earlierLine",
                        text.date(r.requestedAt()), Integer.toString(r.requested()), vm.outcome(r)));
            }
        });
        Label noEarlier = new Label(text.i18n().get("creators.requests.noEarlier"));
        noEarlier.getStyleClass().add("text-muted");
        earlierList.setPlaceholder(noEarlier);
        amountField.textProperty().bindBidirectional(vm.amountProperty());
        noteField.textProperty().bindBidirectional(vm.noteProperty());
        amountField.setOnAction(e -> vm.approvePart());
        decisionError.textProperty().bind(vm.errorProperty());
        LabelVisibility.hideWhenEmpty(decisionError);
        approveButton.setText(text.i18n().get("creators.requests.approve") + "  (Alt+A)");
        approvePartButton.setText(text.i18n().get("creators.requests.approvePart") + "  (Alt+P)");
        denyButton.setText(text.i18n().get("creators.requests.deny") + "  (Alt+D)");
        Shown.set(decisionButtons, true);
        for (Button b : List.of(approveButton, approvePartButton, denyButton)) {
            Shown.set(b, vm.editable());
            b.disableProperty().bind(vm.busyProperty().or(Bindings.createBooleanBinding(() -> vm.selectedProperty()
                    .get() == null || vm.selectedProperty().get().request().status() != QuotaRequest.Status.PENDING,
                    vm.selectedProperty())));
        }
        amountField.setDisable(!vm.editable());
        noteField.setDisable(!vm.editable());
    }

    private static ReadOnlyStringWrapper cell(String s) {
        return new ReadOnlyStringWrapper(s);
    }

    private String status(QuotaRequest.Status s) {
        return text.status(s);
    }

    private void show(QuotaRequestView v) {
        Shown.set(detailBox, v != null);
        if (v == null) {
            return;
        }
        if (requestsTable.getSelectionModel().getSelectedItem() != v) {
            requestsTable.getSelectionModel().select(v);
        }
        QuotaRequest r = v.request();
        requestTitle.setText(text.i18n().get("creators.requests.title", text.name(r.creatorName()),
                text.setting(r.setting()), Integer.toString(r.current()), Integer.toString(r.requested())));
        justificationLabel.setText(CreatorText.oneLine(r.justification()));
        CreatorUsage u = v.usage();
        usageLabel.setText(u == null ? "" : text.i18n().get("creators.requests.usage", Integer.toString(u.groupsOwned()),
                Integer.toString(u.fanGroupQuota()), Integer.toString(u.shown()), Integer.toString(u.displaySlots())));
        earlierList.getItems().setAll(v.earlier());
    }

    private void onKey(KeyEvent e) {
        if (!e.isAltDown() || !vm.editable()) {
            return;
        }
        if (e.getCode() == KeyCode.A) {
            vm.approve();
        } else if (e.getCode() == KeyCode.P) {
            vm.approvePart();
        } else if (e.getCode() == KeyCode.D) {
            vm.deny();
        } else {
            return;
        }
        e.consume();
    }

    @Override
    public void activate() {
        subscriptions.add(vm.selectedProperty().subscribe(this::show));
        root.addEventFilter(KeyEvent.KEY_PRESSED, keys);
        subscriptions.add(() -> root.removeEventFilter(KeyEvent.KEY_PRESSED, keys));
        vm.refresh();
    }

    @Override
    public void deactivate() {
        subscriptions.forEach(Subscription::unsubscribe);
        subscriptions.clear();
    }

    @FXML
    private void onRefresh() {
        vm.refresh();
    }

    @FXML
    private void onApprove() {
        vm.approve();
    }

    @FXML
    private void onApprovePart() {
        vm.approvePart();
    }

    @FXML
    private void onDeny() {
        vm.deny();
    }

    @FXML
    private void onOpenCreator() {
        QuotaRequestView v = vm.selectedProperty().get();
        if (v != null) {
            selection.open(v.request().creatorId());
        }
    }
}
