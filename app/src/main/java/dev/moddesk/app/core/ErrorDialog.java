package dev.moddesk.app.core;

import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * The dialog for an unexpected error: one sentence in the UI language, the details (version, thread, stack trace) in a
 * read-only text area with a Copy button, and Close. It does not block (it may open during a pulse, where a modal wait
 * is not allowed) and nothing behind it is closed or reset, so the user's work stays. While one is open, further
 * errors are added to its details instead of opening more windows.
 */
public final class ErrorDialog {
    private final Window owner;
    private final I18n i18n;
    private final ThemeService themes;
    private final ErrorMessages errors;
    private Alert open;
    private TextArea openDetails;

    public ErrorDialog(Window owner, I18n i18n, ThemeService themes, ErrorMessages errors) {
        this.owner = owner;
        this.i18n = i18n;
        this.themes = themes;
        this.errors = errors;
    }

    /** Installs it for every uncaught exception (see {@link UncaughtErrors}); call on the FX thread. */
    public static ErrorDialog install(Window owner, AppContext context) {
        ErrorDialog dialog = new ErrorDialog(owner, context.i18n(), context.themes(), context.errors());
        UncaughtErrors.install((thread, error) -> {
            if (Platform.isFxApplicationThread()) {
                dialog.show(thread, error);
            } else {
                Platform.runLater(() -> dialog.show(thread, error));
            }
        });
        return dialog;
    }

    /** Shows the error (on the FX thread). */
    public void show(Thread thread, Throwable error) {
        String details = UncaughtErrors.details(thread, error);
        if (open != null && open.isShowing()) {
            openDetails.appendText("\n\n" + details);
            return;
        }
        TextArea text = new TextArea(details);
        text.setEditable(false);
        text.setWrapText(false);
        text.setPrefRowCount(14);
        text.setPrefColumnCount(80);
        text.setId("errorDetails");
        VBox.setVgrow(text, Priority.ALWAYS);
        Button copy = new Button(i18n.get("app.crash.copy"));
        copy.setId("errorCopy");
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(text.getText());
            Clipboard.getSystemClipboard().setContent(content);
            copy.setText(i18n.get("app.crash.copied"));
        });
        Label what = new Label(i18n.get("app.crash.message", errors.describe(error)));
        what.setWrapText(true);
        VBox body = new VBox(10, what, text, new HBox(copy));
        body.setPrefWidth(720);

        Alert alert = new Alert(Alert.AlertType.ERROR, "", ButtonType.CLOSE);
        alert.setTitle(i18n.get("app.window.title"));
        alert.setHeaderText(i18n.get("app.crash.header"));
        alert.getDialogPane().setContent(body);
        alert.getDialogPane().getStyleClass().add("error-dialog");
        alert.getDialogPane().getStylesheets().addAll(ThemeService.stylesheetsFor(themes.getTheme()));
        alert.setResizable(true);
        if (owner != null && owner.isShowing()) {
            alert.initOwner(owner);
        }
        alert.setOnHidden(e -> {
            open = null;
            openDetails = null;
        });
        open = alert;
        openDetails = text;
        alert.show();
    }
}
