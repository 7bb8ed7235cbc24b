package dev.moddesk.app.shell;

import dev.moddesk.app.core.I18n;
import dev.moddesk.app.core.ServerProfile;
import javafx.application.Platform;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;

/** The sign-in form. Enter anywhere submits (the sign-in button is the default button). */
public final class LoginController {
    private final LoginViewModel vm;
    private final I18n i18n;

    @FXML
    private TextField serverField;
    @FXML
    private ComboBox<ServerProfile> profileCombo;
    @FXML
    private Button saveProfileButton;
    @FXML
    private Button removeProfileButton;
    @FXML
    private TextField usernameField;
    @FXML
    private PasswordField passwordField;
    @FXML
    private Button signInButton;
    @FXML
    private ProgressIndicator progress;
    @FXML
    private Label errorLabel;

    public LoginController(LoginViewModel vm, I18n i18n) {
        this.vm = vm;
        this.i18n = i18n;
    }

    @FXML
    private void initialize() {
        serverField.textProperty().bindBidirectional(vm.serverUrlProperty());
        usernameField.textProperty().bindBidirectional(vm.usernameProperty());
        passwordField.textProperty().bindBidirectional(vm.passwordProperty());
        profileCombo.setItems(vm.profiles());
        profileCombo.valueProperty().subscribe(vm::pickProfile);
        removeProfileButton.disableProperty().bind(profileCombo.valueProperty().isNull());
        saveProfileButton.disableProperty().bind(vm.serverUrlProperty().isEmpty());
        signInButton.disableProperty().bind(vm.canSignInProperty().not());
        progress.visibleProperty().bind(vm.busyProperty());
        progress.managedProperty().bind(vm.busyProperty());
        errorLabel.textProperty().bind(vm.errorProperty());
        errorLabel.visibleProperty().bind(vm.errorProperty().isNotEmpty());
        errorLabel.managedProperty().bind(errorLabel.visibleProperty());
        serverField.disableProperty().bind(vm.busyProperty());
        usernameField.disableProperty().bind(vm.busyProperty());
        passwordField.disableProperty().bind(vm.busyProperty());
        vm.passwordRejectionsProperty().subscribe(() -> Platform.runLater(() -> {
            passwordField.requestFocus();
            passwordField.selectAll();
        }));
        Platform.runLater(() -> (vm.usernameProperty().get().isBlank() ? usernameField : passwordField).requestFocus());
    }

    @FXML
    private void onSignIn() {
        vm.signIn();
    }

    @FXML
    private void onSaveProfile() {
        TextInputDialog ask = new TextInputDialog(vm.suggestedProfileName());
        ask.setTitle(i18n.get("login.profile.title"));
        ask.setHeaderText(i18n.get("login.profile.header", vm.serverUrlProperty().get()));
        ask.setContentText(i18n.get("login.profile.name"));
        ask.initOwner(serverField.getScene().getWindow());
        ask.getDialogPane().getStylesheets().setAll(serverField.getScene().getStylesheets());
        ask.showAndWait().ifPresent(vm::saveProfile);
    }

    @FXML
    private void onRemoveProfile() {
        ServerProfile p = profileCombo.getValue();
        profileCombo.setValue(null);
        vm.removeProfile(p);
    }
}
