package dev.moddesk.app.review;

import dev.moddesk.app.core.ActiveView;
import dev.moddesk.app.core.I18n;
import dev.moddesk.app.core.SettingsStore;
import dev.moddesk.app.core.TablePlaceholder;
import dev.moddesk.app.core.ViewRegistry;
import dev.moddesk.contract.review.ApplicationSummary;
import dev.moddesk.contract.review.Circle;
import dev.moddesk.contract.review.DecisionKind;
import dev.moddesk.contract.review.DecisionRequest;
import dev.moddesk.contract.review.JoinMode;
import dev.moddesk.contract.review.QueueHealth;
import dev.moddesk.contract.review.ReasonCode;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.event.EventHandler;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.util.Subscription;

/**
 * The review screen: queue table with filters and health on the left, the application under review on the right
 * (or alone, in focus mode), keyboard first. The queue starts focus mode on open, so the first application is
 * claimed and shown without a click. The queue/application split is the moderator's to resize; its position is kept
 * in the console's settings ({@link #SPLIT_KEY}) when the divider is let go and when the view is left.
 */
public final class ReviewQueueController implements ActiveView {

    public static final String REASON_CODES_VIEW = "review-reason-codes";
    /** The settings key of the queue/application divider's position. */
    public static final String SPLIT_KEY = "review-queue";
    static final double SPLIT_DEFAULT = 0.42;

    private final ReviewWorkspace workspace;
    private final I18n i18n;
    private final ViewRegistry views;
    private final SettingsStore settings;
    private final ReviewText text;
    private final ReviewKeymap keymap = new ReviewKeymap();
    private final ReviewQueueModel queue;
    private final FocusModeModel focus;
    private final List<Subscription> subscriptions = new ArrayList<>();
    private final EventHandler<KeyEvent> keys = this::onKey;
    private boolean started;

    @FXML
    private StackPane root;
    @FXML
    private ProgressIndicator progress;
    @FXML
    private Label healthLabel;
    @FXML
    private Label pendingSyncBadge;
    @FXML
    private ToggleButton focusToggle;
    @FXML
    private Button reasonCodesButton;
    @FXML
    private FlowPane filters;
    @FXML
    private TextField searchField;
    @FXML
    private TextField cityField;
    @FXML
    private ComboBox<Circle> circleCombo;
    @FXML
    private ComboBox<JoinMode> modeCombo;
    @FXML
    private TextField minRiskField;
    @FXML
    private ComboBox<String> sortCombo;
    @FXML
    private Label noticeLabel;
    @FXML
    private SplitPane split;
    @FXML
    private VBox queuePane;
    @FXML
    private TableView<ApplicationSummary> queueTable;
    @FXML
    private TableColumn<ApplicationSummary, String> ageColumn;
    @FXML
    private TableColumn<ApplicationSummary, String> applicantColumn;
    @FXML
    private TableColumn<ApplicationSummary, String> circleColumn;
    @FXML
    private TableColumn<ApplicationSummary, String> cityColumn;
    @FXML
    private TableColumn<ApplicationSummary, JoinMode> modeColumn;
    @FXML
    private TableColumn<ApplicationSummary, List<String>> riskColumn;
    @FXML
    private Label selectionLabel;
    @FXML
    private ComboBox<ReasonCode> bulkReasonCombo;
    @FXML
    private Button bulkApproveButton;
    @FXML
    private Button bulkRejectButton;
    @FXML
    private ApplicationPaneController applicationController;
    @FXML
    private BulkResultController bulkResultController;

    public ReviewQueueController(ReviewWorkspace workspace, I18n i18n, ViewRegistry views, SettingsStore settings) {
        this.workspace = workspace;
        this.i18n = i18n;
        this.views = views;
        this.settings = settings;
        this.text = new ReviewText(i18n, ZoneId.systemDefault());
        this.queue = workspace.newQueue();
        this.focus = workspace.newFocus();
    }

    @FXML
    private void initialize() {
        root.setFocusTraversable(true);
        queueTable.setItems(queue.rows());
        queueTable.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        queueTable.setPlaceholder(TablePlaceholder.of(i18n, queue.loadingProperty(), queue.loadFailureProperty(),
                i18n.get("review.table.empty")));
        queueTable.setFocusTraversable(false);
        ageColumn.setCellValueFactory(c -> Bindings.createStringBinding(
                () -> text.ageCompact(queue.ageOf(c.getValue())), queue.nowProperty()));
        applicantColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(dev.moddesk.app.core.ErasedUsers.name(i18n,
                c.getValue().applicantId(), c.getValue().applicantNickname())));
        circleColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().circleName()));
        cityColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().city()));
        List.of(applicantColumn, circleColumn, cityColumn).forEach(c -> c.setCellFactory(x -> new QueueCells.TextCell()));
        modeColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().mode()));
        modeColumn.setCellFactory(column -> new QueueCells.ModeCell(text));
        riskColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().riskCodes()));
        riskColumn.setCellFactory(column -> new QueueCells.RiskCell(text));
        split.setDividerPositions(settings.get().divider(SPLIT_KEY, SPLIT_DEFAULT));
        // A drag of the divider ends with the mouse let go (the filter sees it even if the divider consumes it).
        split.addEventFilter(MouseEvent.MOUSE_RELEASED, e -> rememberSplit());
        queueTable.setRowFactory(table -> {
            TableRow<ApplicationSummary> row = new TableRow<>() {
                @Override
                protected void updateItem(ApplicationSummary item, boolean empty) {
                    super.updateItem(item, empty);
                    getStyleClass().removeAll("review-row-held");
                    if (!empty && item != null && item.claim() != null) {
                        getStyleClass().add("review-row-held");
                    }
                }
            };
            row.setOnMouseClicked(e -> {
                // A plain click opens the row (as in a mail client); Ctrl/Shift-clicks only extend the bulk selection.
                boolean plain = !e.isShortcutDown() && !e.isShiftDown();
                if (e.getButton() == MouseButton.PRIMARY && row.getItem() != null && (plain || e.getClickCount() == 2)) {
                    focus.open(row.getItem().id());
                }
            });
            return row;
        });

        circleCombo.setItems(queue.circles());
        circleCombo.setCellFactory(list -> circleCell());
        circleCombo.setButtonCell(circleCell());
        modeCombo.getItems().setAll(JoinMode.values());
        modeCombo.setCellFactory(list -> modeCell());
        modeCombo.setButtonCell(modeCell());
        sortCombo.getItems().setAll("age", "risk");
        sortCombo.setCellFactory(list -> sortCell());
        sortCombo.setButtonCell(sortCell());
        sortCombo.valueProperty().bindBidirectional(queue.sortProperty());
        circleCombo.valueProperty().subscribe(c -> queue.circleIdProperty().set(c == null ? null : c.id()));
        modeCombo.valueProperty().bindBidirectional(queue.modeProperty());
        minRiskField.textProperty().subscribe(t -> queue.minRiskProperty().set(parseInt(t)));
        searchField.textProperty().bindBidirectional(queue.queryProperty());
        cityField.textProperty().bindBidirectional(queue.cityProperty());

        bulkReasonCombo.setItems(focus.reasonCodes());
        bulkReasonCombo.setCellFactory(list -> reasonCell());
        bulkReasonCombo.setButtonCell(reasonCell());
        bulkApproveButton.disableProperty().bind(Bindings.isEmpty(queueTable.getSelectionModel().getSelectedItems()));
        bulkRejectButton.disableProperty().bind(Bindings.isEmpty(queueTable.getSelectionModel().getSelectedItems()));
        progress.visibleProperty().bind(queue.loadingProperty());
        queue.autoRefreshProperty().bind(Bindings.isEmpty(queueTable.getSelectionModel().getSelectedItems()));
        reasonCodesButton.setVisible(workspace.admin());
        reasonCodesButton.setManaged(workspace.admin());
        applicationController.bind(focus, keymap);
    }

    @Override
    public void activate() {
        root.addEventFilter(KeyEvent.KEY_PRESSED, keys);
        subscriptions.add(() -> root.removeEventFilter(KeyEvent.KEY_PRESSED, keys));
        subscriptions.add(queue.healthProperty().subscribe(this::showHealth));
        subscriptions.add(queue.loadingProperty().subscribe(l -> showHealth(queue.healthProperty().get())));
        subscriptions.add(queue.noticeProperty().subscribe(n -> showNotice(text.notice(n))));
        subscriptions.add(focus.noticeProperty().subscribe(n -> showNotice(text.notice(n))));
        subscriptions.add(focus.pendingSyncProperty().subscribe(n -> {
            pendingSyncBadge.setText(n.intValue() == 0 ? "" : text.get("review.sync.pendingCount", n.intValue()));
            pendingSyncBadge.setVisible(n.intValue() > 0);
        }));
        subscriptions.add(focus.addDecisionListener((id, decided) -> {
            if (decided) {
                queue.applicationDecided(id);
            } else {
                queue.applicationReturned(id);
            }
        }));
        subscriptions.add(focusToggle.selectedProperty().subscribe(this::focusMode));
        subscriptions.add(focus.currentProperty().subscribe(m -> {
            if (m != null) {
                queue.rows().stream().filter(s -> s.id() == m.applicationId()).findFirst()
                        .ifPresent(this::reveal);
            }
        }));
        subscriptions.add(queue.bulkPendingProperty().subscribe(pending -> {
            if (pending) {
                bulkResultController.showPending(queueTable.getSelectionModel().getSelectedItems().size());
            }
        }));
        ListChangeListener<BulkOutcomeRow> outcomes = c -> {
            if (!queue.bulkOutcomes().isEmpty()) {
                bulkResultController.show(List.copyOf(queue.bulkOutcomes()));
                focus.decidedElsewhere(queue.bulkOutcomes().stream()
                        .filter(BulkOutcomeRow::succeeded).map(BulkOutcomeRow::applicationId).toList());
            }
        };
        queue.bulkOutcomes().addListener(outcomes);
        subscriptions.add(() -> queue.bulkOutcomes().removeListener(outcomes));
        ListChangeListener<ApplicationSummary> selection = c -> selectionLabel.setText(
                text.get("review.bulk.selected", queueTable.getSelectionModel().getSelectedItems().size()));
        queueTable.getSelectionModel().getSelectedItems().addListener(selection);
        subscriptions.add(() -> queueTable.getSelectionModel().getSelectedItems().removeListener(selection));

        queue.activate();
        refreshAndStart();
        root.requestFocus();
    }

    @Override
    public void deactivate() {
        rememberSplit();
        subscriptions.forEach(Subscription::unsubscribe);
        subscriptions.clear();
        applicationController.unbind();
        focus.close();
        queue.deactivate();
    }

    private void refreshAndStart() {
        // The filters reach the model as they change; refresh() completes on the FX executor, so this continuation runs there too.
        queue.refresh().thenRun(() -> {
            if (!started) {
                started = true;
                focus.start(queue.rows().stream().map(ApplicationSummary::id).toList(), queue.filter());
            }
        });
    }

    private void onKey(KeyEvent e) {
        Node target = root.getScene() == null ? null : root.getScene().getFocusOwner();
        if (target instanceof TextInputControl) {
            if (e.getCode() == KeyCode.ESCAPE) {
                focus.execute(ReviewCommand.of(ReviewCommand.Kind.CANCEL));
                root.requestFocus();
                e.consume();
            }
            return;
        }
        if (bulkResultController.isShowing() && e.getCode() == KeyCode.ESCAPE) {
            bulkResultController.hide();
            e.consume();
            return;
        }
        String typed = e.getCode() == KeyCode.SLASH && e.isShiftDown() ? "?" : e.getText();
        boolean modified = e.isControlDown() || e.isAltDown() || e.isMetaDown() || e.isShortcutDown();
        keymap.map(e.getCode(), typed, modified).ifPresent(command -> {
            focus.execute(command);
            e.consume();
        });
    }

    private void focusMode(boolean on) {
        if (on && split.getItems().contains(queuePane)) {
            split.getItems().remove(queuePane);
        } else if (!on && !split.getItems().contains(queuePane)) {
            split.getItems().addFirst(queuePane);
            split.setDividerPositions(settings.get().divider(SPLIT_KEY, SPLIT_DEFAULT));
        }
        filters.setVisible(!on);
        filters.setManaged(!on);
        root.requestFocus();
    }

    /** Keeps the divider where the moderator left it (not in focus mode, where the queue is not in the split). */
    private void rememberSplit() {
        if (!split.getItems().contains(queuePane) || split.getDividers().size() != 1) {
            return;
        }
        double position = split.getDividerPositions()[0];
        if (Math.abs(position - settings.get().divider(SPLIT_KEY, SPLIT_DEFAULT)) > 0.001) {
            settings.update(s -> s.withDivider(SPLIT_KEY, position));
        }
    }

    private void showHealth(QueueHealth h) {
        if (queue.loadingProperty().get() && queue.rows().isEmpty()) {
            // Not "Pending 0" while the first page is still on its way.
            healthLabel.setText(i18n.get("common.table.loading"));
            return;
        }
        if (h == null) {
            healthLabel.setText("");
            return;
        }
        String oldest = h.oldestSubmittedAt() == null ? "—"
                : text.age(Duration.between(h.oldestSubmittedAt(), queue.nowProperty().get()));
        String median = h.medianSecondsToDecision() == null ? "—"
                : text.age(Duration.ofSeconds(h.medianSecondsToDecision()));
        healthLabel.setText(text.get("review.health", h.depth(), oldest, median));
    }

    private void showNotice(String message) {
        noticeLabel.setText(message);
        noticeLabel.setVisible(!message.isEmpty());
        noticeLabel.setManaged(!message.isEmpty());
    }

    @FXML
    private void onRefresh() {
        refreshAndStart();
        root.requestFocus();
    }

    @FXML
    private void onBulkApprove() {
        queue.bulkDecide(new DecisionRequest(DecisionKind.APPROVE, null, null, null),
                List.copyOf(queueTable.getSelectionModel().getSelectedItems()));
        root.requestFocus();
    }

    @FXML
    private void onBulkReject() {
        ReasonCode reason = bulkReasonCombo.getValue();
        if (reason == null) {
            showNotice(text.get("review.bulk.pickReason"));
            return;
        }
        queue.bulkDecide(new DecisionRequest(DecisionKind.REJECT, reason.code(), null, null),
                List.copyOf(queueTable.getSelectionModel().getSelectedItems()));
        root.requestFocus();
    }

    @FXML
    private void onReasonCodes() {
        ViewRegistry.LoadedView editor = views.load(REASON_CODES_VIEW);
        Stage stage = new Stage();
        stage.setTitle(i18n.get("review.reasons.editorTitle"));
        Scene scene = new Scene(editor.root());
        if (root.getScene() != null) {
            scene.getStylesheets().setAll(root.getScene().getStylesheets());
        }
        stage.setScene(scene);
        if (editor.controller() instanceof ActiveView active) {
            active.activate();
            stage.setOnHidden(e -> active.deactivate());
        }
        stage.show();
    }

    private static Integer parseInt(String s) {
        try {
            return s == null || s.isBlank() ? null : Integer.valueOf(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private ListCell<Circle> circleCell() {
        return new ListCell<>() {
            @Override
            protected void updateItem(Circle c, boolean empty) {
                super.updateItem(c, empty);
                setText(empty || c == null ? i18n.get("review.filter.anyCircle") : c.name() + " · " + c.city());
            }
        };
    }

    private ListCell<JoinMode> modeCell() {
        return new ListCell<>() {
            @Override
            protected void updateItem(JoinMode m, boolean empty) {
                super.updateItem(m, empty);
                setText(empty || m == null ? i18n.get("review.filter.anyMode") : text.mode(m));
            }
        };
    }

    private ListCell<String> sortCell() {
        return new ListCell<>() {
            @Override
            protected void updateItem(String s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty || s == null ? "" : "risk".equals(s) ? i18n.get("review.sort.risk")
                        : i18n.get("review.sort.age"));
            }
        };
    }

    private ListCell<ReasonCode> reasonCell() {
        return new ListCell<>() {
            @Override
            protected void updateItem(ReasonCode r, boolean empty) {
                super.updateItem(r, empty);
                setText(empty || r == null ? i18n.get("review.bulk.reason") : text.reasonTitle(r));
            }
        };
    }

    /**
     * Brings the open application's row into view with the least scrolling, and not at all when it is visible:
     * {@code TableView.scrollTo} would move it to the top and shift the rows under the moderator's mouse.
     */
    private void reveal(ApplicationSummary row) {
        int index = queueTable.getItems().indexOf(row);
        if (index < 0) {
            return;
        }
        if (queueTable.lookup(".virtual-flow") instanceof javafx.scene.control.skin.VirtualFlow<?> flow) {
            var first = flow.getFirstVisibleCell();
            var last = flow.getLastVisibleCell();
            if (first != null && last != null && index > first.getIndex() && index < last.getIndex()) {
                return;
            }
            flow.scrollTo(index);
        } else {
            queueTable.scrollTo(index);
        }
    }
}
