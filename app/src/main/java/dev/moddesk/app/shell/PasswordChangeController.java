package dev.moddesk.app.shell;

import dev.moddesk.app.core.I18n;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The "Change password" window ({@code password_change.fxml}): {@link #open} shows it over {@code owner} and
 * completes with true once the server changed the password, false when the person closed it. Errors stay in the
 * window with what was typed.
 */
public final class PasswordChangeController {
    /** The view id in the registry. */
    public static final String VIEW = "password-change";

    private final PasswordChangeViewModel vm;
    private final I18n i18n;
    private final CompletableFuture<Boolean> result = new CompletableFuture<>();
    private Stage stage;

    @FXML
    private VBox passwordRoot;
    @FXML
    private Label passwordHint;
    @FXML
    private Label currentPasswordLabel;
    @FXML
    private PasswordField currentPasswordField;
    @FXML
    private Label currentPasswordError;
    @FXML
    private PasswordField newPasswordField;
    @FXML
    private Label newPasswordError;
    @FXML
    private PasswordField repeatPasswordField;
    @FXML
    private Label repeatPasswordError;
    @FXML
    private Label passwordError;
    @FXML
    private ProgressIndicator passwordProgress;
    @FXML
    private Button submitPasswordButton;
    @FXML
    private Button cancelPasswordButton;

    public PasswordChangeController(PasswordChangeViewModel vm, I18n i18n) {
        this.vm = vm;
        this.i18n = i18n;
    }

    @FXML
    private void initialize() {
        currentPasswordField.textProperty().bindBidirectional(vm.currentProperty());
        newPasswordField.textProperty().bindBidirectional(vm.nextProperty());
        repeatPasswordField.textProperty().bindBidirectional(vm.repeatProperty());
        showWhenSet(currentPasswordError, vm.currentErrorProperty());
        showWhenSet(newPasswordError, vm.nextErrorProperty());
        showWhenSet(repeatPasswordError, vm.repeatErrorProperty());
        showWhenSet(passwordError, vm.errorProperty());
        for (Node n : new Node[] {currentPasswordLabel, currentPasswordField}) {
            n.visibleProperty().bind(vm.forcedProperty().not());
            n.managedProperty().bind(n.visibleProperty());
        }
        passwordHint.textProperty().bind(javafx.beans.binding.Bindings.when(vm.forcedProperty())
                .then(i18n.get("password.change.forcedHint")).otherwise(i18n.get("password.change.hint")));
        passwordProgress.visibleProperty().bind(vm.busyProperty());
        submitPasswordButton.disableProperty().bind(vm.canSubmitProperty().not());
        cancelPasswordButton.disableProperty().bind(vm.busyProperty());
    }

    private static void showWhenSet(Label label, javafx.beans.value.ObservableStringValue text) {
        label.textProperty().bind(text);
        label.visibleProperty().bind(label.textProperty().isNotEmpty());
        label.managedProperty().bind(label.visibleProperty());
    }

    /**
     * Shows the form over {@code owner}, changing the password through {@code changer}; {@code forced}: an admin set
     * it and the sign-in waits ({@code currentPassword} is the one typed at sign-in).
     */
    public CompletableFuture<Boolean> open(Window owner, PasswordChangeViewModel.Changer changer, boolean forced,
                                           String currentPassword) {
        vm.target(changer, forced, currentPassword);
        stage = new Stage();
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setTitle(i18n.get("password.change.title"));
        Scene scene = new Scene(passwordRoot);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        stage.setScene(scene);
        stage.setOnHidden(e -> result.complete(false));
        stage.show();
        Platform.runLater(() -> (forced ? newPasswordField : currentPasswordField).requestFocus());
        return result;
    }

    @FXML
    private void onChange() {
        vm.submit().thenAccept(changed -> {
            if (changed) {
                result.complete(true);
                stage.close();
            }
        });
    }

    @FXML
    private void onCancel() {
        stage.close();
    }
}
