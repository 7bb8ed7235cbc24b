package dev.moddesk.app.audit;

import dev.moddesk.app.core.ActiveView;
import dev.moddesk.app.core.EventBus;
import dev.moddesk.app.core.Events;
import dev.moddesk.app.core.I18n;
import dev.moddesk.app.core.TablePlaceholder;
import dev.moddesk.contract.AuditEntry;
import java.io.File;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.skin.VirtualFlow;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;
import javafx.util.Subscription;

/** The audit log table, its filters, the before/after diff of the selected entry, and CSV export. */
public final class AuditController implements ActiveView {
    /** Load the next page when a row this close to the end comes into view. */
    private static final int PREFETCH_ROWS = 5;

    private final AuditViewModel vm;
    private final I18n i18n;
    private final EventBus bus;
    private final Executor io;
    private final List<Subscription> subscriptions = new ArrayList<>();
    private VirtualFlow<?> watchedFlow;
    private final DateTimeFormatter timeFormat = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @FXML
    private TextField actorField;
    @FXML
    private ComboBox<String> actionCombo;
    @FXML
    private TextField targetTypeField;
    @FXML
    private TextField targetIdField;
    @FXML
    private DatePicker fromPicker;
    @FXML
    private DatePicker toPicker;
    @FXML
    private Button searchButton;
    @FXML
    private Button exportButton;
    @FXML
    private TableView<AuditEntry> auditTable;
    @FXML
    private TableColumn<AuditEntry, String> timeColumn;
    @FXML
    private TableColumn<AuditEntry, String> actorColumn;
    @FXML
    private TableColumn<AuditEntry, String> actionColumn;
    @FXML
    private TableColumn<AuditEntry, String> targetColumn;
    @FXML
    private TableColumn<AuditEntry, String> reasonColumn;
    @FXML
    private Label statusLabel;
    @FXML
    private Label errorLabel;
    @FXML
    private ProgressIndicator progress;
    @FXML
    private Label detailTitle;
    @FXML
    private Label detailMeta;
    @FXML
    private TableView<AuditDiff.Row> diffTable;
    @FXML
    private TableColumn<AuditDiff.Row, String> diffKeyColumn;
    @FXML
    private TableColumn<AuditDiff.Row, String> diffBeforeColumn;
    @FXML
    private TableColumn<AuditDiff.Row, String> diffAfterColumn;

    public AuditController(AuditViewModel vm, I18n i18n, EventBus bus, Executor io) {
        this.vm = vm;
        this.i18n = i18n;
        this.bus = bus;
        this.io = io;
    }

    @FXML
    private void initialize() {
        actorField.textProperty().bindBidirectional(vm.actorProperty());
        targetTypeField.textProperty().bindBidirectional(vm.targetTypeProperty());
        targetIdField.textProperty().bindBidirectional(vm.targetIdProperty());
        fromPicker.valueProperty().bindBidirectional(vm.fromProperty());
        toPicker.valueProperty().bindBidirectional(vm.toProperty());
        actionCombo.setItems(vm.actions());
        actionCombo.valueProperty().bindBidirectional(vm.actionProperty());
        actionCombo.setConverter(new StringConverter<>() {
            @Override
            public String toString(String action) {
                return action == null || action.isEmpty() ? i18n.get("audit.filter.anyAction") : action;
            }

            @Override
            public String fromString(String text) {
                return text;
            }
        });
        actionCombo.setButtonCell(actionCell());
        actionCombo.setCellFactory(list -> actionCell());

        auditTable.setItems(vm.entries());
        auditTable.setPlaceholder(TablePlaceholder.of(i18n, vm.loadingProperty(), vm.errorProperty(),
                i18n.get("audit.table.empty")));
        timeColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(
                c.getValue().at() == null ? "" : timeFormat.format(c.getValue().at().atZone(vm.zone()))));
        actorColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().actor() == null
                ? i18n.get("audit.table.system") : c.getValue().actor()));
        actionColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().action()));
        targetColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(target(i18n, c.getValue())));
        reasonColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().reason() == null ? "" : c.getValue().reason()));
        vm.selectedProperty().bind(auditTable.getSelectionModel().selectedItemProperty());

        diffTable.setItems(vm.diff());
        diffTable.setPlaceholder(new Label(i18n.get("audit.detail.noChanges")));
        diffKeyColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().key()));
        diffBeforeColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().before()));
        diffAfterColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().after()));
        diffTable.setRowFactory(table -> new TableRow<>() {
            @Override
            protected void updateItem(AuditDiff.Row row, boolean empty) {
                super.updateItem(row, empty);
                getStyleClass().removeAll("audit-diff-added", "audit-diff-removed", "audit-diff-changed");
                if (!empty && row != null && row.change() != AuditDiff.Change.UNCHANGED) {
                    getStyleClass().add("audit-diff-" + switch (row.change()) {
                        case ADDED -> "added";
                        case REMOVED -> "removed";
                        default -> "changed";
                    });
                }
            }
        });

        progress.visibleProperty().bind(vm.loadingProperty().or(vm.exportingProperty()));
        errorLabel.textProperty().bind(vm.errorProperty());
        errorLabel.visibleProperty().bind(vm.errorProperty().isNotEmpty());
        errorLabel.managedProperty().bind(errorLabel.visibleProperty());
        exportButton.disableProperty().bind(vm.exportingProperty());
    }

    private ListCell<String> actionCell() {
        return new ListCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null || item.isEmpty() ? i18n.get("audit.filter.anyAction") : item);
            }
        };
    }

    private static String target(I18n i18n, AuditEntry e) {
        if (e.targetType() == null) {
            return "";
        }
        return e.targetId() == null ? e.targetType()
                : e.targetType() + " " + dev.moddesk.app.core.ErasedUsers.id(i18n, e.targetId());
    }

    @Override
    public void activate() {
        subscriptions.add(vm.selectedProperty().subscribe(this::showDetail));
        subscriptions.add(vm.hasMoreProperty().subscribe(this::updateStatus));
        subscriptions.add(vm.loadingProperty().subscribe(this::updateStatus));
        subscriptions.add(javafx.beans.binding.Bindings.size(vm.entries()).subscribe(this::updateStatus));
        // Paging as you scroll: after every layout or scroll, load the next page once the last rows are visible.
        subscriptions.add(auditTable.skinProperty().subscribe(skin -> Platform.runLater(this::watchFlow)));
        vm.loadActions();
        vm.search();
    }

    private void watchFlow() {
        if (!(auditTable.lookup(".virtual-flow") instanceof VirtualFlow<?> flow) || watchedFlow == flow) {
            return;
        }
        watchedFlow = flow;
        subscriptions.add(flow.positionProperty().subscribe(this::loadMoreIfNearEnd));
        subscriptions.add(flow.needsLayoutProperty().subscribe(needs -> {
            if (!needs) {
                loadMoreIfNearEnd();
            }
        }));
        loadMoreIfNearEnd();
    }

    private void loadMoreIfNearEnd() {
        VirtualFlow<?> flow = watchedFlow;
        if (flow == null || vm.loadingProperty().get() || !vm.hasMoreProperty().get() || vm.entries().isEmpty()) {
            return;
        }
        IndexedCell<?> last = flow.getLastVisibleCell();
        if (last != null && last.getIndex() >= vm.entries().size() - PREFETCH_ROWS) {
            // Not during layout: the list must not change while the table lays out its rows.
            Platform.runLater(vm::loadMore);
        }
    }

    @Override
    public void deactivate() {
        subscriptions.forEach(Subscription::unsubscribe);
        subscriptions.clear();
        watchedFlow = null;
    }

    private void updateStatus() {
        int n = vm.entries().size();
        statusLabel.setText(vm.hasMoreProperty().get() ? i18n.get("audit.table.loadedMore", n)
                : i18n.get("audit.table.loadedAll", n));
    }

    private void showDetail(AuditEntry e) {
        if (e == null) {
            detailTitle.setText(i18n.get("audit.detail.none"));
            detailMeta.setText("");
            return;
        }
        detailTitle.setText(e.action() + " · " + target(i18n, e));
        detailMeta.setText(i18n.get("audit.detail.meta",
                e.actor() == null ? i18n.get("audit.table.system") : e.actor(),
                e.at() == null ? "" : timeFormat.format(e.at().atZone(vm.zone())),
                e.reason() == null || e.reason().isBlank() ? "—" : e.reason(),
                e.clientAddress() == null ? "—" : e.clientAddress()));
    }

    @FXML
    private void onSearch() {
        vm.search();
    }

    @FXML
    private void onClearFilters() {
        vm.clearFilters();
        vm.search();
    }

    @FXML
    private void onExport() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(i18n.get("audit.export.title"));
        chooser.setInitialFileName("moddesk-audit.csv");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(i18n.get("audit.export.csvFiles"), "*.csv"));
        File file = chooser.showSaveDialog(auditTable.getScene().getWindow());
        if (file == null) {
            return;
        }
        vm.export(file.toPath(), io).thenAccept(count -> bus.publish(new Events.NotificationEvent(Events.Severity.SUCCESS,
                i18n.get("audit.export.done", count, file.getName()))));
    }
}
