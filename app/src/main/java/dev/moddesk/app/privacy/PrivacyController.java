package dev.moddesk.app.privacy;

import dev.moddesk.app.core.ActiveView;
import dev.moddesk.app.core.I18n;
import dev.moddesk.contract.lifecycle.ErasureReport;
import dev.moddesk.contract.lifecycle.RetentionPolicy;
import java.nio.file.Path;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;

/** Retention (read-only), the access request and erasure of one platform user, for admins. */
public final class PrivacyController implements ActiveView {
    private final PrivacyViewModel vm;
    private final I18n i18n;
    private final SaveTarget saveTarget;

    @FXML
    private TableView<RetentionPolicy.Kind> retentionTable;
    @FXML
    private TableColumn<RetentionPolicy.Kind, String> kindColumn;
    @FXML
    private TableColumn<RetentionPolicy.Kind, String> daysColumn;
    @FXML
    private TableColumn<RetentionPolicy.Kind, String> optionColumn;
    @FXML
    private Label retentionError;
    @FXML
    private TextField userIdField;
    @FXML
    private Button exportButton;
    @FXML
    private TextField reasonField;
    @FXML
    private TextField confirmField;
    @FXML
    private Label confirmHint;
    @FXML
    private Button eraseButton;
    @FXML
    private Label statusLabel;
    @FXML
    private Label errorLabel;
    @FXML
    private Label reportTitle;
    @FXML
    private TableView<ErasureReport.Removed> reportTable;
    @FXML
    private TableColumn<ErasureReport.Removed, String> partColumn;
    @FXML
    private TableColumn<ErasureReport.Removed, String> whatColumn;
    @FXML
    private TableColumn<ErasureReport.Removed, String> countColumn;

    public PrivacyController(PrivacyViewModel vm, I18n i18n, SaveTarget saveTarget) {
        this.vm = vm;
        this.i18n = i18n;
        this.saveTarget = saveTarget;
    }

    @FXML
    private void initialize() {
        retentionTable.setItems(vm.retention());
        kindColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(kindName(c.getValue().kind())));
        daysColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().minimumDays() > 0
                ? i18n.get("privacy.retention.daysWithMinimum", c.getValue().days(), c.getValue().minimumDays())
                : i18n.get("privacy.retention.days", c.getValue().days())));
        optionColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().option()));
        retentionError.textProperty().bind(vm.retentionErrorProperty());

        userIdField.textProperty().bindBidirectional(vm.userIdProperty());
        reasonField.textProperty().bindBidirectional(vm.reasonProperty());
        confirmField.textProperty().bindBidirectional(vm.confirmationProperty());
        exportButton.disableProperty().bind(vm.canExportBinding().not());
        eraseButton.disableProperty().bind(vm.canEraseBinding().not());
        statusLabel.textProperty().bind(vm.statusProperty());
        errorLabel.textProperty().bind(vm.errorProperty());
        reportTitle.textProperty().bind(vm.reportTitleProperty());
        reportTable.setItems(vm.report());
        reportTable.visibleProperty().bind(vm.reportTitleProperty().isNotEmpty());
        reportTable.managedProperty().bind(reportTable.visibleProperty());
        partColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(partName(c.getValue().part())));
        whatColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().what()));
        countColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(Integer.toString(c.getValue().count())));
        vm.loadRetention();
    }

    /** A kind's name in the UI language; a kind this console does not know yet shows as the server names it. */
    private String kindName(String kind) {
        // Upper-cased: the server's kind names are not message keys.
        return switch (kind.toUpperCase(java.util.Locale.ROOT)) {
            case "AUDIT.LOG" -> i18n.get("privacy.kind.auditLog");
            case "ROOMS.HELD_MESSAGES" -> i18n.get("privacy.kind.heldMessages");
            case "ROOMS.ACTIONS" -> i18n.get("privacy.kind.roomActions");
            case "ROOMS.REPORTS" -> i18n.get("privacy.kind.roomReports");
            case "ROOMS.APPEALS" -> i18n.get("privacy.kind.roomAppeals");
            case "REVIEW.MEDIA" -> i18n.get("privacy.kind.decidedMedia");
            case "PLATFORM.WEBHOOK_DELIVERIES" -> i18n.get("privacy.kind.webhookDeliveries");
            case "PLATFORM.INGEST_EVENTS" -> i18n.get("privacy.kind.ingestEvents");
            default -> kind;
        };
    }

    /**
     * A report part's name in the UI language (the line's {@code what} comes already in it from the server, which
     * reads the console's Accept-Language); a part this console does not know yet shows as the server names it.
     */
    private String partName(String part) {
        return switch (part.toUpperCase(java.util.Locale.ROOT)) {
            case "REVIEW" -> i18n.get("privacy.part.review");
            case "PLATFORM" -> i18n.get("privacy.part.platform");
            case "ROOMS" -> i18n.get("privacy.part.rooms");
            case "AUDIT" -> i18n.get("privacy.part.audit");
            case "CREATORS" -> i18n.get("privacy.part.creators");
            case "ROOM REPORTS" -> i18n.get("privacy.part.roomReports");
            case "ROOM APPEALS" -> i18n.get("privacy.part.roomAppeals");
            default -> part;
        };
    }

    @FXML
    private void onExport() {
        Path target = saveTarget.choose(userIdField.getScene().getWindow(), vm.suggestedFileName(),
                i18n.get("privacy.export.title"), i18n.get("privacy.export.jsonFiles"));
        if (target != null) {
            vm.export(target);
        }
    }

    @FXML
    private void onErase() {
        vm.erase();
    }

    @Override
    public void deactivate() {
    }
}
