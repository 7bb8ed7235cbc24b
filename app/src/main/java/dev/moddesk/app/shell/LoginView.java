package dev.moddesk.app.shell;

import dev.moddesk.app.core.I18n;
import dev.moddesk.app.core.LineIcon;
import dev.moddesk.app.core.ServerProfile;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The sign-in form's nodes, built in code: it is the first thing on screen, and the FXML loader with an icon font
 * cost a cold start more than the whole form (docs/benchmarks.md, issue 14). Ids and style classes are those the
 * stylesheets and the UI tests know; texts come from the bundle; {@link LoginController} binds and handles them.
 * The form's root node itself, so it counts as view code.
 */
final class LoginView extends StackPane {
    final TextField serverField = new TextField();
    final TextField caFileField = new TextField();
    final Button caFileButton = new Button();
    final Button caFileClearButton = new Button();
    final ComboBox<ServerProfile> profileCombo = new ComboBox<>();
    final Button saveProfileButton = new Button();
    final Button removeProfileButton = new Button();
    final TextField usernameField = new TextField();
    final PasswordField passwordField = new PasswordField();
    /** Opens and closes {@link #options}: the private CA and the saved servers. */
    final Button optionsToggle = new Button();
    final Label errorLabel = new Label();
    final Button signInButton = new Button();
    final ProgressIndicator progress = new ProgressIndicator();
    /**
     * The private-CA and saved-server rows. In the card only while open ({@link #showOptions}): most people sign in to
     * one server with the system's trusted CAs, and rows outside the scene cost the first paint nothing (their skins
     * and styles are made when they join it; about 30 ms of a cold start on the reference machine).
     */
    private final VBox options;
    private final VBox card;
    private final I18n i18n;

    /** {@code optionsOpen}: whether the private-CA and saved-server rows are open from the start. */
    LoginView(I18n i18n, boolean optionsOpen) {
        this.i18n = i18n;
        Label title = new Label(i18n.get("app.name"));
        title.getStyleClass().add("login-title");
        Label subtitle = new Label(i18n.get("login.form.subtitle"));
        subtitle.getStyleClass().add("login-subtitle");
        subtitle.setWrapText(true);

        id(serverField, "serverField").setPromptText(i18n.get("login.form.serverPrompt"));
        id(caFileField, "caFileField").setPromptText(i18n.get("login.form.caFilePrompt"));
        HBox.setHgrow(caFileField, Priority.ALWAYS);
        id(caFileButton, "caFileButton").setText(i18n.get("login.form.caFileChoose"));
        LineIcon.SHIELD.on(caFileButton);
        id(caFileClearButton, "caFileClearButton").getStyleClass().add("flat");
        LineIcon.X.on(caFileClearButton);
        Label caFileLabel = labelFor(i18n.get("login.form.caFile"), caFileField);
        caFileLabel.getStyleClass().add("text-muted");
        HBox caFileRow = new HBox(6, caFileField, caFileButton, caFileClearButton);
        caFileRow.setAlignment(Pos.CENTER_LEFT);

        id(profileCombo, "profileCombo").setPromptText(i18n.get("login.form.profiles"));
        profileCombo.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(profileCombo, Priority.ALWAYS);
        id(saveProfileButton, "saveProfileButton").setText(i18n.get("login.form.saveProfile"));
        LineIcon.BOOKMARK.on(saveProfileButton);
        id(removeProfileButton, "removeProfileButton").setText(i18n.get("login.form.removeProfile"));
        LineIcon.TRASH.on(removeProfileButton);
        HBox profileRow = new HBox(6, profileCombo, saveProfileButton, removeProfileButton);
        options = new VBox(10, caFileLabel, caFileRow, profileRow);
        id(options, "serverOptions");
        id(optionsToggle, "serverOptionsToggle").getStyleClass().addAll("flat", "small", "login-options-toggle");

        id(usernameField, "usernameField");
        id(passwordField, "passwordField");
        id(errorLabel, "errorLabel").getStyleClass().add("login-error");
        errorLabel.setWrapText(true);
        id(signInButton, "signInButton").setText(i18n.get("login.form.signIn"));
        signInButton.setDefaultButton(true);
        signInButton.getStyleClass().add("accent");
        signInButton.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(signInButton, Priority.ALWAYS);
        LineIcon.LOG_IN.on(signInButton);
        id(progress, "progress").setPrefSize(24, 24);
        HBox signInRow = new HBox(10, signInButton, progress);
        signInRow.setAlignment(Pos.CENTER_LEFT);

        card = new VBox(10, title, subtitle,
                labelFor(i18n.get("login.form.server"), serverField), serverField, optionsToggle,
                labelFor(i18n.get("login.form.username"), usernameField), usernameField,
                labelFor(i18n.get("login.form.password"), passwordField), passwordField,
                errorLabel, signInRow);
        card.getStyleClass().add("login-card");
        showOptions(optionsOpen);
        card.setPadding(new Insets(28, 32, 28, 32));
        card.setMaxWidth(420);
        card.setMaxHeight(Region.USE_PREF_SIZE);
        getStyleClass().add("login-root");
        getChildren().add(card);
    }

    /** Puts the private-CA and saved-server rows under the server field, or takes them out of the card. */
    void showOptions(boolean open) {
        card.getChildren().remove(options);
        if (open) {
            card.getChildren().add(card.getChildren().indexOf(optionsToggle) + 1, options);
        }
        optionsToggle.setText(i18n.get(open ? "login.form.hideOptions" : "login.form.showOptions"));
        (open ? LineIcon.CHEVRON_UP : LineIcon.CHEVRON_DOWN).on(optionsToggle);
    }

    boolean optionsShown() {
        return options.getParent() != null;
    }

    private static <N extends Node> N id(N node, String id) {
        node.setId(id);
        return node;
    }

    private static Label labelFor(String text, Node field) {
        Label label = new Label(text);
        label.setLabelFor(field);
        return label;
    }
}
