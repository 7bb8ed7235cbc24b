package dev.moddesk.app.review;

import dev.moddesk.app.core.I18n;
import dev.moddesk.app.core.LabelVisibility;
import dev.moddesk.app.core.Shown;
import dev.moddesk.contract.review.Answer;
import dev.moddesk.contract.review.ApplicantHistory;
import dev.moddesk.contract.review.ApplicationDetail;
import dev.moddesk.contract.review.ApplicationStatus;
import dev.moddesk.contract.review.ClaimInfo;
import dev.moddesk.contract.review.ReasonCode;
import dev.moddesk.contract.review.RiskSignal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.collections.MapChangeListener;
import javafx.collections.ObservableList;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application under review: answers beside their questions ({@link AnswerView}), the video
 * ({@code video_player.fxml}, {@link VideoPlayerController}), the applicant's history, the claim and other viewers,
 * the reason list in key order, the undo toast and failed decisions. All state comes from {@link FocusModeModel}.
 */
public final class ApplicationPaneController {

    private static final Logger log = LoggerFactory.getLogger(ApplicationPaneController.class);

    private final ReviewText text;
    private final List<Subscription> subscriptions = new ArrayList<>();
    private final List<Subscription> perApplication = new ArrayList<>();
    private FocusModeModel focus;
    private ReviewKeymap keymap;
    private long shownId = -1;

    @FXML
    private StackPane root;
    @FXML
    private BorderPane content;
    @FXML
    private Label conflictBanner;
    @FXML
    private Label applicantLabel;
    @FXML
    private Label circleLabel;
    @FXML
    private Label syncBadge;
    @FXML
    private Label statusLabel;
    @FXML
    private FlowPane riskChips;
    @FXML
    private Label claimLabel;
    @FXML
    private Label viewersLabel;
    @FXML
    private VBox answersBox;
    /** The included {@code video_player.fxml}: it owns the media player. */
    @FXML
    private VideoPlayerController videoPlayerController;
    @FXML
    private Label accountAgeLabel;
    @FXML
    private ListView<ApplicantHistory.Item> historyList;
    @FXML
    private ListView<ApplicantHistory.Infraction> infractionList;
    @FXML
    private ListView<ReasonCode> reasonList;
    @FXML
    private HBox needsInfoBox;
    @FXML
    private TextField needsInfoField;
    @FXML
    private Button approveButton;
    @FXML
    private Button rejectButton;
    @FXML
    private Button needsInfoButton;
    @FXML
    private Button skipButton;
    @FXML
    private Label rejectHint;
    @FXML
    private Label counterLabel;
    @FXML
    private ListView<OutboxEntry> failedList;
    @FXML
    private VBox emptyState;
    @FXML
    private Label emptyLabel;
    @FXML
    private Label loadingLabel;
    @FXML
    private Label retryLabel;
    @FXML
    private org.kordamp.ikonli.javafx.FontIcon emptyIcon;
    @FXML
    private Region help;
    @FXML
    private HBox undoToast;
    @FXML
    private Label undoLabel;
    @FXML
    private Button undoButton;

    private final I18n i18n;

    public ApplicationPaneController(I18n i18n) {
        this.i18n = i18n;
        this.text = new ReviewText(i18n, ZoneId.systemDefault());
    }

    @FXML
    private void initialize() {
        historyList.setCellFactory(list -> new ListCell<>() {
            private final Label where = new Label();
            private final Label what = new Label();
            private final VBox lines = new VBox(2, where, what);

            {
                // Two lines (circle, then status · reason · date) sized to the list: a cell asks for no width of its own.
                what.getStyleClass().add("text-muted");
                setPrefWidth(0);
            }

            @Override
            protected void updateItem(ApplicantHistory.Item item, boolean empty) {
                super.updateItem(item, empty);
                setText(null);
                if (empty || item == null) {
                    setGraphic(null);
                    return;
                }
                where.setText(text.get("review.context.itemWhere",
                        item.redacted() ? text.get("review.context.otherCityCircle") : item.circleName(), item.city()));
                what.setText(text.get("review.context.itemWhat", text.status(item.status()),
                        item.reasonTitle() == null ? "—" : item.reasonTitle(), text.date(item.submittedAt())));
                setGraphic(lines);
            }
        });
        LabelVisibility.hideWhenEmpty(syncBadge);
        historyList.setPlaceholder(new Label(text.get("review.context.noHistory")));
        infractionList.setCellFactory(list -> new InfractionCell(text));
        infractionList.setPlaceholder(new Label(text.get("review.context.noInfractions")));
        infractionList.setFocusTraversable(false);
        reasonList.setCellFactory(list -> new ListCell<>() {
            {
                // While Reject waits for a reason, clicking one in the list is the pick.
                setOnMouseClicked(e -> {
                    if (getItem() != null && keymap != null && keymap.rejectArmedProperty().get()) {
                        keymap.disarmReject();
                        focus.reject(getIndex() + 1);
                    }
                });
            }

            @Override
            protected void updateItem(ReasonCode item, boolean empty) {
                super.updateItem(item, empty);
                int index = getIndex() + 1;
                setText(empty || item == null ? null
                        : (index <= 9 ? index + "  " : "    ") + text.reasonTitle(item));
            }
        });
        reasonList.setFocusTraversable(false);
        historyList.setFocusTraversable(false);
        failedList.setFocusTraversable(false);
        failedList.setCellFactory(list -> new FailedCell());
        Shown.hide(conflictBanner);
        Shown.hide(needsInfoBox);
        Shown.hide(undoToast);
        Shown.hide(help);
        Shown.hide(rejectHint);
    }

    /** Shows {@code model}'s state until {@link #unbind()}; the parent controller owns the model and the keymap. */
    void bind(FocusModeModel model, ReviewKeymap keymap) {
        this.focus = model;
        this.keymap = keymap;
        reasonList.setItems(model.reasonCodes());
        failedList.setItems(model.failedDecisions());
        failedList.visibleProperty().bind(Bindings.isNotEmpty(model.failedDecisions()));
        failedList.managedProperty().bind(failedList.visibleProperty());
        subscriptions.add(model.currentProperty().subscribe(this::show));
        subscriptions.add(model.loadingProperty().subscribe(this::updateEmptyState));
        subscriptions.add(model.finishedProperty().subscribe(this::updateEmptyState));
        subscriptions.add(model.conflictProperty().subscribe(c -> {
            if (c == null) {
                Shown.hide(conflictBanner);
            } else {
                conflictBanner.setText(text.get("review.conflict.banner", String.valueOf(c.applicationId()),
                        c.holder(), text.time(c.until())));
                Shown.show(conflictBanner);
            }
        }));
        subscriptions.add(model.helpVisibleProperty().subscribe(v -> Shown.set(help, v)));
        subscriptions.add(model.needsInfoRequestedProperty().subscribe(v -> {
            Shown.set(needsInfoBox, v);
            if (v) {
                needsInfoField.clear();
                needsInfoField.requestFocus();
            }
        }));
        subscriptions.add(keymap.rejectArmedProperty().subscribe(v -> Shown.set(rejectHint, v)));

        subscriptions.add(model.undoOfferProperty().subscribe(this::updateUndo));
        subscriptions.add(model.undoSecondsLeftProperty().subscribe(this::updateUndo));
        subscriptions.add(model.savingProperty().subscribe(this::updateUndo));
        subscriptions.add(model.decidedCountProperty().subscribe(n ->
                counterLabel.setText(text.get("review.counter", n.intValue()))));
        MapChangeListener<Long, OutboxEntry.SyncState> syncListener = change -> updateSyncBadge();
        model.syncStates().addListener(syncListener);
        subscriptions.add(() -> model.syncStates().removeListener(syncListener));
        videoPlayerController.bind(model.video());
    }

    void unbind() {
        subscriptions.forEach(Subscription::unsubscribe);
        subscriptions.clear();
        clearApplication();
        keymap = null;
        failedList.visibleProperty().unbind();
        failedList.managedProperty().unbind();
        videoPlayerController.unbind();
        focus = null;
    }

    private void show(ApplicationModel m) {
        clearApplication();
        // A reason chosen for the previous application must never be applied to this one unseen.
        reasonList.getSelectionModel().clearSelection();
        if (keymap != null) {
            keymap.disarmReject();
        }
        updateEmptyState();
        if (m == null) {
            return;
        }
        perApplication.add(m.detailProperty().subscribe(this::render));
        perApplication.add(m.historyProperty().subscribe(this::renderHistory));
        perApplication.add(m.claimProperty().subscribe(this::renderClaim));
        perApplication.add(m.noticeProperty().subscribe(n -> {
            if (n != null) {
                focus.noticeProperty().set(n);
            }
        }));
        Runnable viewers = () -> viewersLabel.setText(m.viewers().isEmpty() ? ""
                : text.get("review.viewers", String.join(", ", m.viewers())));
        javafx.collections.ListChangeListener<String> viewerListener = c -> viewers.run();
        m.viewers().addListener(viewerListener);
        perApplication.add(() -> m.viewers().removeListener(viewerListener));
        viewers.run();
    }

    private void clearApplication() {
        perApplication.forEach(Subscription::unsubscribe);
        perApplication.clear();
        videoPlayerController.clear();
        shownId = -1;
    }

    private void updateEmptyState() {
        if (focus == null) {
            return;
        }
        boolean nothing = focus.current() == null;
        Shown.set(emptyState, nothing);
        content.setVisible(!nothing);
        boolean finished = focus.finishedProperty().get();
        boolean loading = focus.loadingProperty().get();
        Shown.set(emptyIcon, finished);
        Shown.set(emptyLabel, finished);
        Shown.set(loadingLabel, loading);
        Shown.set(retryLabel, !finished && !loading); // the last load failed; focus mode tries again by itself
    }

    private void render(ApplicationDetail d) {
        if (d == null) {
            return;
        }
        boolean sameApplication = d.id() == shownId;
        shownId = d.id();
        applicantLabel.setText(d.applicant() == null ? "#" + d.id()
                : text.get("review.applicant", dev.moddesk.app.core.ErasedUsers.name(i18n, d.applicant().userId(),
                        d.applicant().nickname()), String.valueOf(d.id())));
        circleLabel.setText(d.circle() == null ? "" : text.get("review.circle", d.circle().name(), d.circle().city(),
                text.mode(d.mode())));
        statusLabel.setText(text.status(d.status()));
        statusLabel.getStyleClass().removeAll("review-status-decided");
        if (d.status() != ApplicationStatus.PENDING) {
            statusLabel.getStyleClass().add("review-status-decided");
        }
        riskChips.getChildren().clear();
        Label score = new Label(text.get("review.risk.score", d.riskScore()));
        score.getStyleClass().addAll("review-risk-chip", riskStyle(d.riskScore()));
        riskChips.getChildren().add(score);
        for (RiskSignal r : d.risks()) {
            String detail = text.riskDetail(r);
            Label chip = new Label(text.risk(r.code()) + (detail == null || detail.isBlank() ? "" : " · " + detail));
            chip.getStyleClass().add("review-risk-chip");
            riskChips.getChildren().add(chip);
        }
        renderAnswers(d);
        if (!sameApplication) {
            videoPlayerController.load(d.video());
        }
        if (d.applicant() != null && d.applicant().accountCreatedAt() != null) {
            long days = Duration.between(d.applicant().accountCreatedAt(), Instant.now()).toDays();
            accountAgeLabel.setText(text.get("review.context.accountAge", days,
                    d.applicant().locationCity() == null ? "—" : d.applicant().locationCity()));
        } else {
            accountAgeLabel.setText("");
        }
        if (d.claim() != null) {
            renderClaim(d.claim());
        }
        updateSyncBadge();
    }

    /** One {@link AnswerView} per answer, reused from the previous application like list cells. */
    private void renderAnswers(ApplicationDetail d) {
        List<Answer> answers = d.answers();
        ObservableList<Node> views = answersBox.getChildren();
        while (views.size() < answers.size()) {
            views.add(new AnswerView(text));
        }
        views.remove(answers.size(), views.size());
        for (int i = 0; i < answers.size(); i++) {
            ((AnswerView) views.get(i)).show(answers.get(i));
        }
    }

    private void renderHistory(ApplicantHistory h) {
        historyList.getItems().setAll(h == null ? List.of() : h.applications());
        infractionList.getItems().setAll(h == null ? List.of() : h.roomInfractions());
    }

    private void renderClaim(ClaimInfo c) {
        claimLabel.setText(c == null ? "" : text.get("review.claim.held", c.staffName(), text.time(c.expiresAt())));
    }

    private void updateSyncBadge() {
        ApplicationModel m = focus == null ? null : focus.current();
        OutboxEntry.SyncState s = m == null ? null : focus.syncStates().get(m.applicationId());
        syncBadge.getStyleClass().removeAll("review-sync-pending", "review-sync-failed");
        if (s == OutboxEntry.SyncState.SAVING) {
            syncBadge.setText(text.get("review.sync.saving"));
            syncBadge.getStyleClass().add("review-sync-pending");
        } else if (s == OutboxEntry.SyncState.NEEDS_ATTENTION) {
            syncBadge.setText(text.get("review.sync.needsAttention"));
            syncBadge.getStyleClass().add("review-sync-failed");
        } else if (s == OutboxEntry.SyncState.PENDING_SYNC) {
            syncBadge.setText(text.get("review.sync.pending"));
            syncBadge.getStyleClass().add("review-sync-pending");
        } else if (s == OutboxEntry.SyncState.FAILED) {
            syncBadge.setText(text.get("review.sync.failed"));
            syncBadge.getStyleClass().add("review-sync-failed");
        } else {
            syncBadge.setText("");
        }
    }

    /** The toast: "saving" while the last decision is written to disk, then its undo offer and countdown. */
    private void updateUndo() {
        UndoWindow.Offer offer = focus == null ? null : focus.undoOfferProperty().get();
        UndoWindow.Offer saving = focus == null ? null : focus.savingProperty().get();
        if (saving != null) {
            undoLabel.setText(text.get("review.undo.saving", text.kind(saving.kind()),
                    dev.moddesk.app.core.ErasedUsers.name(i18n, saving.nickname())));
            Shown.hide(undoButton);
            Shown.show(undoToast);
            return;
        }
        if (offer == null) {
            Shown.hide(undoToast);
            return;
        }
        undoLabel.setText(text.get("review.undo.toast", text.kind(offer.kind()),
                dev.moddesk.app.core.ErasedUsers.name(i18n, offer.nickname()),
                focus.undoSecondsLeftProperty().get()));
        Shown.show(undoButton);
        Shown.show(undoToast);
    }

    private final class FailedCell extends ListCell<OutboxEntry> {
        private final Label label = new Label();
        private final Button open = new Button(text.get("review.failed.open"));
        private final Button dismiss = new Button(text.get("review.failed.dismiss"));
        private final HBox box = new HBox(8, label, open, dismiss);

        FailedCell() {
            label.getStyleClass().add("review-failed-text");
            open.getStyleClass().add("flat");
            dismiss.getStyleClass().add("flat");
            open.setOnAction(e -> {
                if (getItem() != null) {
                    focus.reopenFailure(getItem());
                }
            });
            dismiss.setOnAction(e -> {
                if (getItem() != null) {
                    focus.dismissFailure(getItem());
                }
            });
        }

        @Override
        protected void updateItem(OutboxEntry item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setGraphic(null);
                return;
            }
            label.setText(item.state() == OutboxEntry.SyncState.NEEDS_ATTENTION ? needsAttention(item)
                    : text.get("review.failed.item", String.valueOf(item.applicationId()),
                    String.valueOf(item.failureType()), String.valueOf(item.failureDetail())));
            setGraphic(box);
        }
    }

    /** An entry too old to send blindly, with the server's state of its application as it was read. */
    private String needsAttention(OutboxEntry item) {
        String state = item.remoteStatus() == null ? text.get("review.attention.unknown")
                : item.remoteDecision() == null ? text.status(item.remoteStatus())
                : text.get("review.attention.decided", text.status(item.remoteStatus()),
                String.valueOf(item.remoteDecision().decidedBy()), text.time(item.remoteDecision().decidedAt()));
        return text.get("review.attention.item", String.valueOf(item.applicationId()), state);
    }

    @FXML
    private void onApprove() {
        focus.approve();
    }

    @FXML
    private void onReject() {
        int selected = reasonList.getSelectionModel().getSelectedIndex();
        if (selected < 0) {
            // No silent default: ask for the reason (hint, notice) and take the next digit or click as the pick.
            keymap.armReject();
            focus.execute(ReviewCommand.of(ReviewCommand.Kind.ARM_REJECT));
            return;
        }
        focus.reject(selected + 1);
    }

    @FXML
    private void onNeedsInfo() {
        focus.execute(ReviewCommand.of(ReviewCommand.Kind.NEEDS_INFO));
    }

    @FXML
    private void onSendNeedsInfo() {
        focus.submitNeedsInfo(needsInfoField.getText());
        root.requestFocus();
    }

    @FXML
    private void onSkip() {
        focus.skip();
    }

    @FXML
    private void onUndo() {
        focus.undo();
    }

    @FXML
    private void onHelp() {
        focus.execute(ReviewCommand.of(ReviewCommand.Kind.HELP));
    }

    /** The chip colour for a risk score: high from 50, medium from 25, else low. The queue table uses the same. */
    static String riskStyle(int score) {
        return score >= 50 ? "review-risk-high" : score >= 25 ? "review-risk-medium" : "review-risk-low";
    }
}
