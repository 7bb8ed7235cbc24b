package dev.moddesk.app.shell;

import dev.moddesk.app.core.BuiltView;
import dev.moddesk.app.core.I18n;
import dev.moddesk.app.core.ServerProfile;
import dev.moddesk.app.core.Session;
import dev.moddesk.app.core.ViewRegistry;
import java.io.File;
import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.stage.FileChooser;

/**
 * The sign-in form. Enter anywhere submits (the sign-in button is the default button). A private CA file can be
 * chosen for the server; a sign-in whose password an admin set opens the password change before the session begins.
 * Its nodes are built in code ({@link LoginView}): this is the first window, and it paints sooner without FXML.
 */
public final class LoginController implements BuiltView {
    private final LoginViewModel vm;
    private final I18n i18n;
    private final ViewRegistry views;
    private final LoginView view;
    private final TextField serverField;
    private final TextField caFileField;
    private final Button caFileClearButton;
    private final ComboBox<ServerProfile> profileCombo;
    private final Button saveProfileButton;
    private final Button removeProfileButton;
    private final TextField usernameField;
    private final PasswordField passwordField;
    private final Button signInButton;
    private final ProgressIndicator progress;
    private final Label errorLabel;

    public LoginController(LoginViewModel vm, I18n i18n, ViewRegistry views) {
        this.vm = vm;
        this.i18n = i18n;
        this.views = views;
        // The private-CA and saved-server rows open from the start for someone who uses them: saved servers, or a
        // private CA (remembered or given).
        this.view = new LoginView(i18n, !vm.profiles().isEmpty() || !vm.caFileProperty().get().isBlank());
        serverField = view.serverField;
        caFileField = view.caFileField;
        caFileClearButton = view.caFileClearButton;
        profileCombo = view.profileCombo;
        saveProfileButton = view.saveProfileButton;
        removeProfileButton = view.removeProfileButton;
        usernameField = view.usernameField;
        passwordField = view.passwordField;
        signInButton = view.signInButton;
        progress = view.progress;
        errorLabel = view.errorLabel;
        view.caFileButton.setOnAction(e -> onChooseCaFile());
        caFileClearButton.setOnAction(e -> onClearCaFile());
        saveProfileButton.setOnAction(e -> onSaveProfile());
        removeProfileButton.setOnAction(e -> onRemoveProfile());
        signInButton.setOnAction(e -> onSignIn());
        view.optionsToggle.setOnAction(e -> view.showOptions(!view.optionsShown()));
        initialize();
    }

    @Override
    public Parent root() {
        return view;
    }

    private void initialize() {
        serverField.textProperty().bindBidirectional(vm.serverUrlProperty());
        caFileField.textProperty().bindBidirectional(vm.caFileProperty());
        caFileField.disableProperty().bind(vm.busyProperty());
        caFileClearButton.disableProperty().bind(vm.caFileProperty().isEmpty().or(vm.busyProperty()));
        vm.passwordChangeNeededProperty().subscribe(this::changePasswordFirst);
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

    private void onSignIn() {
        vm.signIn();
    }

    /** An admin set this person's password: the session begins only once they have chosen their own. */
    private void changePasswordFirst(Session pending) {
        if (pending == null) {
            return;
        }
        PasswordChangeController form = (PasswordChangeController) views.load(PasswordChangeController.VIEW).controller();
        form.open(serverField.getScene().getWindow(), vm.passwordChanger(), true, vm.passwordProperty().get())
                .thenAccept(changed -> {
                    if (changed) {
                        vm.finishPasswordChange();
                    } else {
                        vm.abandonPasswordChange(i18n.get("login.form.passwordChangeFirst"));
                    }
                });
    }

    private void onChooseCaFile() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(i18n.get("login.form.caFileTitle"));
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter(i18n.get("login.form.caFileFilter"), "*.pem", "*.crt", "*.cer", "*.der"),
                new FileChooser.ExtensionFilter(i18n.get("login.form.caFileAll"), "*"));
        File chosen = chooser.showOpenDialog(serverField.getScene().getWindow());
        if (chosen != null) {
            vm.caFileProperty().set(chosen.getAbsolutePath());
        }
    }

    private void onClearCaFile() {
        vm.caFileProperty().set("");
    }

    private void onSaveProfile() {
        TextInputDialog ask = new TextInputDialog(vm.suggestedProfileName());
        ask.setTitle(i18n.get("login.profile.title"));
        ask.setHeaderText(i18n.get("login.profile.header", vm.serverUrlProperty().get()));
        ask.setContentText(i18n.get("login.profile.name"));
        ask.initOwner(serverField.getScene().getWindow());
        ask.getDialogPane().getStylesheets().setAll(serverField.getScene().getStylesheets());
        ask.showAndWait().ifPresent(vm::saveProfile);
    }

    private void onRemoveProfile() {
        ServerProfile p = profileCombo.getValue();
        profileCombo.setValue(null);
        vm.removeProfile(p);
    }
}
