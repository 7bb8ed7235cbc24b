package dev.moddesk.app.review;

import dev.moddesk.app.core.ErasedUsers;
import dev.moddesk.app.core.I18n;
import java.time.ZoneId;
import java.util.List;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.VBox;

/** The per-item result list of a bulk decision: each application and what happened to it. */
public final class BulkResultController {

    private final ReviewText text;

    private final I18n i18n;
    @FXML
    private VBox root;
    @FXML
    private Label summaryLabel;
    @FXML
    private ListView<BulkOutcomeRow> outcomeList;

    public BulkResultController(I18n i18n) {
        this.i18n = i18n;
        this.text = new ReviewText(i18n, ZoneId.systemDefault());
    }

    @FXML
    private void initialize() {
        outcomeList.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(BulkOutcomeRow row, boolean empty) {
                super.updateItem(row, empty);
                getStyleClass().removeAll("review-outcome-ok", "review-outcome-failed");
                if (empty || row == null) {
                    setText(null);
                    return;
                }
                if (row.succeeded()) {
                    setText(text.get("review.bulk.itemOk", String.valueOf(row.applicationId()),
                            ErasedUsers.name(i18n, row.nickname()), text.status(row.status())));
                    getStyleClass().add("review-outcome-ok");
                } else if (OutboxEntry.NOT_ON_RECORD.equals(row.problemType())) {
                    setText(text.get("review.bulk.itemAttention", String.valueOf(row.applicationId()),
                            row.nickname(), row.status() == null ? text.get("review.attention.unknown")
                                    : text.status(row.status())));
                    getStyleClass().add("review-outcome-failed");
                } else {
                    setText(text.get("review.bulk.itemFailed", String.valueOf(row.applicationId()),
                            ErasedUsers.name(i18n, row.nickname()), row.problemType(), row.detail() == null ? "" : row.detail()));
                    getStyleClass().add("review-outcome-failed");
                }
            }
        });
        hide();
    }

    void show(List<BulkOutcomeRow> rows) {
        long ok = rows.stream().filter(BulkOutcomeRow::succeeded).count();
        summaryLabel.setText(text.get("review.bulk.summary", ok, rows.size() - ok));
        outcomeList.getItems().setAll(rows);
        root.setVisible(true);
        root.setManaged(true);
        root.toFront();
    }

    void showPending(int count) {
        summaryLabel.setText(text.get("review.bulk.pending", count));
        outcomeList.getItems().clear();
        root.setVisible(true);
        root.setManaged(true);
        root.toFront();
    }

    boolean isShowing() {
        return root.isVisible();
    }

    void hide() {
        root.setVisible(false);
        root.setManaged(false);
    }

    @FXML
    private void onClose() {
        hide();
    }
}
