package dev.moddesk.app.rooms;

import dev.moddesk.app.core.I18n;
import dev.moddesk.contract.rooms.WordLists;
import dev.moddesk.contract.rooms.WordTerm;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import javafx.beans.property.SimpleStringProperty;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.util.StringConverter;

/**
 * The word list tab: the terms in a table (Enter or a double click edits one, Delete removes it) and the form that
 * adds or changes a term — term, category, FLAG/HOLD, an optional last day — with the server's refusal under the
 * field it names, the typed input kept.
 */
public final class WordListController {
    private final WordListModel model;
    private final I18n i18n;
    private final ZoneId zone;
    private boolean loaded;

    @FXML
    private TableView<WordTerm> wordTable;
    @FXML
    private TableColumn<WordTerm, String> termColumn;
    @FXML
    private TableColumn<WordTerm, String> categoryColumn;
    @FXML
    private TableColumn<WordTerm, String> actionColumn;
    @FXML
    private TableColumn<WordTerm, String> expiresColumn;
    @FXML
    private TableColumn<WordTerm, String> byColumn;
    @FXML
    private Label formTitleLabel;
    @FXML
    private TextField termField;
    @FXML
    private ComboBox<String> categoryBox;
    @FXML
    private ComboBox<String> actionBox;
    @FXML
    private DatePicker lastDayPicker;
    @FXML
    private Label termError;
    @FXML
    private Label categoryError;
    @FXML
    private Label actionError;
    @FXML
    private Label expiresAtError;
    @FXML
    private Label wordsStatusLabel;
    @FXML
    private Label wordsErrorLabel;
    @FXML
    private Button saveButton;
    @FXML
    private Button deleteButton;

    public WordListController(WordListModel model, I18n i18n, ZoneId zone) {
        this.model = model;
        this.i18n = i18n;
        this.zone = zone;
    }

    @FXML
    private void initialize() {
        DateTimeFormatter day = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(i18n.getLocale())
                .withZone(zone);
        wordTable.setItems(model.terms());
        wordTable.setPlaceholder(new Label(i18n.get("rooms.words.empty")));
        termColumn.setCellValueFactory(c -> new SimpleStringProperty(ChatLines.oneLine(c.getValue().term(), 200)));
        categoryColumn.setCellValueFactory(c -> new SimpleStringProperty(category(c.getValue().category())));
        actionColumn.setCellValueFactory(c -> new SimpleStringProperty(action(c.getValue().action())));
        expiresColumn.setCellValueFactory(c -> new SimpleStringProperty(c.getValue().expiresAt() == null
                ? i18n.get("rooms.words.never") : day.format(c.getValue().expiresAt().minusNanos(1))));
        byColumn.setCellValueFactory(c -> new SimpleStringProperty(ChatLines.oneLine(c.getValue().updatedBy(), 64)));
        wordTable.setRowFactory(table -> {
            TableRow<WordTerm> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    model.edit(row.getItem());
                    termField.requestFocus();
                }
            });
            return row;
        });
        wordTable.addEventFilter(KeyEvent.KEY_PRESSED, this::onTableKey);

        categoryBox.getItems().setAll(WordLists.CATEGORIES);
        categoryBox.setConverter(converter(this::category));
        actionBox.getItems().setAll(WordLists.ACTIONS);
        actionBox.setConverter(converter(this::action));
        termField.textProperty().bindBidirectional(model.termProperty());
        categoryBox.valueProperty().bindBidirectional(model.categoryProperty());
        actionBox.valueProperty().bindBidirectional(model.actionProperty());
        lastDayPicker.valueProperty().bindBidirectional(model.lastDayProperty());
        termField.setOnAction(e -> save());

        showError(termError, "term");
        showError(categoryError, "category");
        showError(actionError, "action");
        showError(expiresAtError, "expiresAt");
        wordsStatusLabel.textProperty().bind(model.statusProperty());
        wordsErrorLabel.textProperty().bind(model.errorProperty());
        wordsErrorLabel.visibleProperty().bind(model.errorProperty().isNotEmpty());
        wordsErrorLabel.managedProperty().bind(wordsErrorLabel.visibleProperty());
        formTitleLabel.textProperty().bind(model.editingProperty().map(t -> i18n.get("rooms.words.editing"))
                .orElse(i18n.get("rooms.words.adding")));
        saveButton.disableProperty().bind(model.busyProperty());
        deleteButton.disableProperty().bind(wordTable.getSelectionModel().selectedItemProperty().isNull()
                .or(model.busyProperty()));
    }

    /** The tab came into view: load the list the first time, and again each time it is shown. */
    public void setShown(boolean shown) {
        if (shown) {
            loaded = true;
            model.refresh();
        }
    }

    public boolean loaded() {
        return loaded;
    }

    private void showError(Label label, String field) {
        label.textProperty().bind(model.fieldErrorProperty(field));
        label.visibleProperty().bind(model.fieldErrorProperty(field).isNotEmpty());
        label.managedProperty().bind(label.visibleProperty());
    }

    private void onTableKey(KeyEvent e) {
        WordTerm chosen = wordTable.getSelectionModel().getSelectedItem();
        if (chosen == null) {
            return;
        }
        if (e.getCode() == KeyCode.ENTER) {
            model.edit(chosen);
            termField.requestFocus();
            e.consume();
        } else if (e.getCode() == KeyCode.DELETE) {
            model.remove(chosen);
            e.consume();
        }
    }

    @FXML
    private void save() {
        model.save();
    }

    @FXML
    private void startNew() {
        model.startNew();
        termField.requestFocus();
    }

    @FXML
    private void delete() {
        WordTerm chosen = wordTable.getSelectionModel().getSelectedItem();
        if (chosen != null) {
            model.remove(chosen);
        }
    }

    private String category(String c) {
        String key = switch (c) {
            case "contact" -> "rooms.words.category.contact";
            case "ads" -> "rooms.words.category.ads";
            case "sexual" -> "rooms.words.category.sexual";
            case "abuse" -> "rooms.words.category.abuse";
            case "gambling" -> "rooms.words.category.gambling";
            case "fraud" -> "rooms.words.category.fraud";
            case "general" -> "rooms.words.category.general";
            default -> null;
        };
        return key == null ? ChatLines.oneLine(c, 64) : i18n.get(key);
    }

    private String action(String a) {
        return switch (a) {
            case "FLAG" -> i18n.get("rooms.words.action.FLAG");
            case "HOLD" -> i18n.get("rooms.words.action.HOLD");
            default -> ChatLines.oneLine(a, 64);
        };
    }

    private static StringConverter<String> converter(java.util.function.UnaryOperator<String> show) {
        return new StringConverter<>() {
            @Override
            public String toString(String value) {
                return value == null ? "" : show.apply(value);
            }

            @Override
            public String fromString(String text) {
                return text;
            }
        };
    }
}
