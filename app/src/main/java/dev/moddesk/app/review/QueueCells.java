package dev.moddesk.app.review;

import dev.moddesk.contract.review.ApplicationSummary;
import dev.moddesk.contract.review.JoinMode;
import java.util.List;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.TableCell;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.util.Duration;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The queue table's cells: join mode and risk signals as icons (their names in tooltips and for screen readers), and
 * text that keeps its full value in a tooltip when the column is too narrow for it. Thread: the FX thread.
 */
final class QueueCells {

    private QueueCells() {
    }

    /** The Feather icon for a risk signal code (an unknown code gets a flag). */
    static String riskIcon(String code) {
        return switch (code) {
            case "SCREENED_WORDS" -> "fth-alert-octagon";
            case "NEW_ACCOUNT" -> "fth-user-plus";
            case "DUPLICATE_TEXT" -> "fth-copy";
            case "LOCATION_MISMATCH" -> "fth-map-pin";
            case "RECENT_REJECTION" -> "fth-rotate-ccw";
            default -> "fth-flag";
        };
    }

    /** The Feather icon for a join mode. */
    static String modeIcon(JoinMode mode) {
        return switch (mode) {
            case QUESTIONS -> "fth-message-square";
            case VIDEO -> "fth-video";
            case EITHER -> "fth-shuffle";
        };
    }

    /** Plain text, cut with an ellipsis when it must be, and whole in the tooltip. */
    static final class TextCell extends TableCell<ApplicationSummary, String> {
        private static final Duration TIP_DELAY = Duration.millis(300);
        private final Tooltip tooltip = tip("");

        TextCell() {
            setTextOverrun(OverrunStyle.ELLIPSIS);
        }

        static Tooltip tip(String text) {
            Tooltip t = new Tooltip(text);
            t.setShowDelay(TIP_DELAY);
            t.setWrapText(true);
            t.setMaxWidth(360);
            return t;
        }

        @Override
        protected void updateItem(String value, boolean empty) {
            super.updateItem(value, empty);
            boolean none = empty || value == null || value.isEmpty();
            setText(none ? null : value);
            tooltip.setText(none ? "" : value);
            setTooltip(none ? null : tooltip);
        }
    }

    /** The join mode as an icon, its name in the tooltip and the accessible text. */
    static final class ModeCell extends TableCell<ApplicationSummary, JoinMode> {
        private final ReviewText text;
        private final FontIcon icon = new FontIcon();
        private final Tooltip tooltip = TextCell.tip("");

        ModeCell(ReviewText text) {
            this.text = text;
            icon.getStyleClass().add("review-mode-icon");
            setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
            getStyleClass().add("review-mode-cell");
        }

        @Override
        protected void updateItem(JoinMode mode, boolean empty) {
            super.updateItem(mode, empty);
            if (empty || mode == null) {
                setGraphic(null);
                setTooltip(null);
                setAccessibleText(null);
                return;
            }
            icon.setIconLiteral(modeIcon(mode));
            setGraphic(icon);
            tooltip.setText(text.mode(mode));
            setTooltip(tooltip);
            setAccessibleText(text.mode(mode));
        }
    }

    /**
     * Risk as a coloured score chip (same tiers as the application pane) followed by one icon per signal; the
     * signals' names are in the tooltip.
     */
    static final class RiskCell extends TableCell<ApplicationSummary, List<String>> {
        private final ReviewText text;
        private final Label chip = new Label();
        private final HBox box = new HBox(4);
        private final Tooltip tooltip = TextCell.tip("");

        RiskCell(ReviewText text) {
            this.text = text;
            chip.getStyleClass().add("review-risk-chip");
            chip.setMinWidth(Label.USE_PREF_SIZE);
            box.getStyleClass().add("review-risk-cell");
            box.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
        }

        @Override
        protected void updateItem(List<String> codes, boolean empty) {
            super.updateItem(codes, empty);
            ApplicationSummary row = empty ? null : getTableRow().getItem();
            if (row == null || codes == null) {
                setGraphic(null);
                setTooltip(null);
                setAccessibleText(null);
                return;
            }
            chip.setText(Integer.toString(row.riskScore()));
            chip.getStyleClass().removeAll("review-risk-high", "review-risk-medium", "review-risk-low");
            chip.getStyleClass().add(ApplicationPaneController.riskStyle(row.riskScore()));
            box.getChildren().setAll(chip);
            for (String code : codes) {
                FontIcon icon = new FontIcon(riskIcon(code));
                icon.getStyleClass().add("review-risk-icon");
                box.getChildren().add(icon);
            }
            setGraphic(box);
            List<String> names = codes.stream().map(text::risk).toList();
            String score = text.get("review.risk.score", row.riskScore());
            String all = names.isEmpty() ? score : score + "\n" + String.join("\n", names);
            tooltip.setText(all);
            setTooltip(tooltip);
            setAccessibleText(all.replace('\n', ' '));
        }
    }
}
