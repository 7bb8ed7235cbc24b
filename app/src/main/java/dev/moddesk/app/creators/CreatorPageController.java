package dev.moddesk.app.creators;

import dev.moddesk.app.core.ActiveView;
import dev.moddesk.app.core.LabelVisibility;
import dev.moddesk.app.core.Shown;
import dev.moddesk.contract.creators.CreatorDetail;
import dev.moddesk.contract.creators.CreatorUsage;
import dev.moddesk.contract.creators.FeatureFlag;
import dev.moddesk.contract.creators.HistoryEntry;
import dev.moddesk.contract.creators.Limit;
import dev.moddesk.contract.creators.ValueSource;
import java.util.ArrayList;
import java.util.List;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.util.Subscription;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The creator page: header, quota cards, each value with its source (tier, override with who/why/expiry, or a rule
 * holding it off) and its editor, feature toggles with the server's rule hints, the save area with the preview,
 * the display order (drag, or Alt+Up/Down), the conflict view and the history timeline. Read-only for OPS.
 */
public final class CreatorPageController implements ActiveView {
    private final CreatorPageModel vm;
    private final CreatorSelection selection;
    private final CreatorText text;
    private final List<Subscription> subscriptions = new ArrayList<>();
    private final List<Runnable> refreshers = new ArrayList<>();

    @FXML
    private VBox emptyBox;
    @FXML
    private VBox loadingBox;
    @FXML
    private VBox failedBox;
    @FXML
    private Label failedLabel;
    @FXML
    private ScrollPane pageScroll;
    @FXML
    private VBox conflictBox;
    @FXML
    private Label theirsLabel;
    @FXML
    private Label yoursLabel;
    @FXML
    private Label nameLabel;
    @FXML
    private Label verifiedLabel;
    @FXML
    private Label tierLabel;
    @FXML
    private Label idsLabel;
    @FXML
    private Button reloadButton;
    @FXML
    private VBox quotaCard;
    @FXML
    private Label quotaFigure;
    @FXML
    private Label quotaNote;
    @FXML
    private Label slotsFigure;
    @FXML
    private Label slotsNote;
    @FXML
    private Label capacityFigure;
    @FXML
    private Label capacityNote;
    @FXML
    private GridPane valuesGrid;
    @FXML
    private GridPane featuresGrid;
    @FXML
    private VBox editBox;
    @FXML
    private TextField reasonField;
    @FXML
    private DatePicker expiryPicker;
    @FXML
    private Label previewLabel;
    @FXML
    private Label formErrorLabel;
    @FXML
    private Button saveButton;
    @FXML
    private Button revertButton;
    @FXML
    private Label readOnlyLabel;
    @FXML
    private Button saveOrderButton;
    @FXML
    private Label orderHint;
    @FXML
    private ListView<dev.moddesk.contract.creators.FanGroup> groupsList;
    @FXML
    private Label historyError;
    @FXML
    private VBox historyBox;

    public CreatorPageController(CreatorPageModel vm, CreatorSelection selection) {
        this.vm = vm;
        this.selection = selection;
        this.text = vm.text();
    }

    @FXML
    private void initialize() {
        reloadButton.setTooltip(new Tooltip(text.i18n().get("creators.page.reload")));
        buildValueRows();
        buildFeatureRows();
        reasonField.textProperty().bindBidirectional(vm.draft().reasonProperty());
        expiryPicker.valueProperty().bindBidirectional(vm.draft().expiryProperty());
        previewLabel.textProperty().bind(vm.previewProperty());
        formErrorLabel.textProperty().bind(vm.formErrorProperty());
        LabelVisibility.hideWhenEmpty(previewLabel);
        LabelVisibility.hideWhenEmpty(formErrorLabel);
        saveButton.disableProperty().bind(vm.pendingProperty().not().or(vm.busyProperty()));
        revertButton.disableProperty().bind(vm.pendingProperty().not().or(vm.busyProperty()));
        Shown.set(editBox, vm.editable());
        Shown.set(readOnlyLabel, !vm.editable());
        Shown.set(orderHint, vm.editable());
        saveOrderButton.visibleProperty().bind(vm.order().movedProperty());
        saveOrderButton.disableProperty().bind(vm.busyProperty());
        historyError.textProperty().bind(vm.historyErrorProperty());
        LabelVisibility.hideWhenEmpty(historyError);
        groupsList.setItems(vm.order().groups());
        groupsList.setCellFactory(list -> new GroupCell(vm.order(), text, vm.editable()));
        groupsList.setOnKeyPressed(e -> {
            int at = groupsList.getSelectionModel().getSelectedIndex();
            if (!vm.editable() || !e.isAltDown() || at < 0) {
                return;
            }
            int to = e.getCode() == javafx.scene.input.KeyCode.UP ? at - 1
                    : e.getCode() == javafx.scene.input.KeyCode.DOWN ? at + 1 : at;
            if (to != at && vm.order().move(at, to)) {
                groupsList.getSelectionModel().clearAndSelect(to);
                groupsList.scrollTo(Math.max(0, to - 2));
            }
            e.consume();
        });
        vm.order().slotsProperty().subscribe(n -> groupsList.refresh());
    }

    private void buildValueRows() {
        int row = 0;
        for (Limit limit : Limit.values()) {
            String wire = limit.wireName();
            Label name = new Label(text.setting(wire));
            name.getStyleClass().add("creator-value-name");
            TextField field = new TextField();
            field.setId("limit-" + wire);
            field.setPrefColumnCount(7);
            field.setEditable(vm.editable());
            field.textProperty().bindBidirectional(vm.draft().limitProperty(limit));
            Label source = sourceLabel();
            Button clear = clearButton(wire);
            refreshers.add(() -> showSource(wire, source, clear));
            valuesGrid.addRow(row++, name, field, source, clear);
        }
    }

    private void buildFeatureRows() {
        int row = 0;
        for (FeatureFlag flag : FeatureFlag.values()) {
            CheckBox box = new CheckBox(text.flag(flag));
            box.setId("flag-" + flag.name());
            box.setDisable(!vm.editable());
            box.selectedProperty().bindBidirectional(vm.draft().flagProperty(flag));
            Label source = sourceLabel();
            Button clear = clearButton(flag.name());
            Label hint = new Label();
            hint.setId("hint-" + flag.name());
            hint.setWrapText(true);
            hint.getStyleClass().add("creator-rule-hint");
            LabelVisibility.hideWhenEmpty(hint);
            refreshers.add(() -> {
                showSource(flag.name(), source, clear);
                hint.setText(vm.ruleHints().getOrDefault(flag, ""));
            });
            featuresGrid.addRow(row++, box, source, clear, hint);
        }
    }

    private static Label sourceLabel() {
        Label source = new Label();
        source.getStyleClass().add("creator-source");
        source.setWrapText(true);
        return source;
    }

    private Button clearButton(String setting) {
        Button clear = new Button(text.i18n().get("creators.edit.useTier"));
        clear.setId("clear-" + setting);
        clear.getStyleClass().add("flat");
        clear.setGraphic(new FontIcon("fth-rotate-ccw"));
        clear.setOnAction(e -> vm.clearOverride(setting));
        return clear;
    }

    private void showSource(String setting, Label label, Button clear) {
        CreatorDetail d = vm.creatorProperty().get();
        ValueSource source = d == null ? null : d.sources().get(setting);
        boolean cleared = vm.draft().cleared().contains(setting);
        label.setText(cleared ? text.i18n().get("creators.source.clearing") : text.source(source));
        label.getStyleClass().removeAll("creator-source-tier", "creator-source-override", "creator-source-rule");
        String kind = source == null ? "tier" : source.kind().name().toLowerCase(java.util.Locale.ROOT);
        label.getStyleClass().add("creator-source-" + kind);
        Shown.set(clear, vm.editable() && !cleared && source != null && source.kind() == ValueSource.Kind.OVERRIDE);
    }

    private void showState(CreatorPageModel.State state) {
        Shown.set(emptyBox, state == CreatorPageModel.State.EMPTY);
        Shown.set(loadingBox, state == CreatorPageModel.State.LOADING);
        Shown.set(failedBox, state == CreatorPageModel.State.FAILED);
        Shown.set(pageScroll, state == CreatorPageModel.State.LOADED);
    }

    private void showCreator(CreatorDetail d) {
        if (d == null) {
            return;
        }
        nameLabel.setText(vm.text().name(d.displayName()));
        Shown.set(verifiedLabel, d.verified());
        tierLabel.setText(d.tier());
        idsLabel.setText(text.i18n().get("creators.page.ids", CreatorText.oneLine(d.externalId()),
                CreatorText.oneLine(d.userId()), text.count(d.followers())));
        CreatorUsage u = d.usage();
        quotaFigure.setText(text.i18n().get("creators.card.ofQuota", Integer.toString(u.groupsOwned()),
                Integer.toString(u.fanGroupQuota())));
        quotaNote.setText(u.overQuotaBy() > 0 ? text.i18n().get("creators.card.overQuota", u.overQuotaBy())
                : text.i18n().get("creators.card.canOpen", u.fanGroupQuota() - u.groupsOwned()));
        quotaCard.getStyleClass().remove("creator-card-over");
        if (u.overQuotaBy() > 0) {
            quotaCard.getStyleClass().add("creator-card-over");
        }
        slotsFigure.setText(text.i18n().get("creators.card.ofSlots", Integer.toString(u.shown()),
                Integer.toString(u.displaySlots())));
        slotsNote.setText(text.i18n().get("creators.card.hiddenGroups", Math.max(0, u.groupsOwned() - u.shown())));
        capacityFigure.setText(text.count(d.effective().memberCapacity()));
        int full = (int) d.groups().stream().filter(g -> g.members() >= g.capacity() && g.capacity() > 0).count();
        capacityNote.setText(text.i18n().get("creators.card.fullGroups", full));
        refresh();
    }

    private void refresh() {
        refreshers.forEach(Runnable::run);
    }

    private void showConflict(CreatorConflict c) {
        Shown.set(conflictBox, c != null);
        if (c != null) {
            theirsLabel.setText(String.join("\n", c.theirLines()));
            yoursLabel.setText(String.join("\n", c.yourLines()));
            pageScroll.setVvalue(0);
        }
    }

    private void showHistory() {
        List<VBox> items = new ArrayList<>();
        for (HistoryEntry e : vm.history()) {
            Label head = new Label(text.i18n().get("creators.history.head", text.dateTime(e.at()),
                    CreatorText.oneLine(e.actor()), action(e.action())));
            head.getStyleClass().add("creator-history-head");
            VBox item = new VBox(2, head);
            item.getStyleClass().add("creator-history-item");
            if (e.reason() != null && !e.reason().isBlank()) {
                Label why = new Label(text.i18n().get("creators.history.reason", CreatorText.oneLine(e.reason())));
                why.setWrapText(true);
                why.getStyleClass().add("creator-history-reason");
                item.getChildren().add(why);
            }
            for (var d : e.diffs()) {
                Label diff = new Label(CreatorText.oneLine(text.diff(d)));
                diff.setWrapText(true);
                diff.getStyleClass().add("creator-history-diff");
                item.getChildren().add(diff);
            }
            items.add(item);
        }
        if (items.isEmpty()) {
            Label none = new Label(text.i18n().get("creators.history.none"));
            none.getStyleClass().add("text-muted");
            historyBox.getChildren().setAll(none);
        } else {
            historyBox.getChildren().setAll(items);
        }
    }

    private String action(String action) {
        return text.action(action);
    }

    @Override
    public void activate() {
        subscriptions.add(vm.stateProperty().subscribe(this::showState));
        subscriptions.add(vm.loadErrorProperty().subscribe(failedLabel::setText));
        subscriptions.add(vm.creatorProperty().subscribe(this::showCreator));
        subscriptions.add(vm.conflictProperty().subscribe(this::showConflict));
        javafx.collections.ListChangeListener<HistoryEntry> history = c -> showHistory();
        vm.history().addListener(history);
        subscriptions.add(() -> vm.history().removeListener(history));
        javafx.collections.MapChangeListener<FeatureFlag, String> hints = c -> refresh();
        vm.ruleHints().addListener(hints);
        subscriptions.add(() -> vm.ruleHints().removeListener(hints));
        javafx.collections.SetChangeListener<String> cleared = c -> refresh();
        vm.draft().cleared().addListener(cleared);
        subscriptions.add(() -> vm.draft().cleared().removeListener(cleared));
        subscriptions.add(selection.creatorIdProperty().subscribe(id -> {
            if (id != null) {
                vm.open(id);
            }
        }));
        showHistory();
    }

    @Override
    public void deactivate() {
        subscriptions.forEach(Subscription::unsubscribe);
        subscriptions.clear();
        vm.close();
    }

    @FXML
    private void onRetry() {
        Long id = selection.creatorIdProperty().get();
        if (id != null) {
            vm.open(id);
        }
    }

    @FXML
    private void onReload() {
        vm.reload();
    }

    @FXML
    private void onSave() {
        vm.save();
    }

    @FXML
    private void onRevert() {
        vm.revert();
    }

    @FXML
    private void onSaveOrder() {
        vm.saveOrder();
    }

    @FXML
    private void onTakeTheirs() {
        vm.takeTheirs();
    }

    @FXML
    private void onApplyMine() {
        vm.applyMineOnTop();
    }
}
