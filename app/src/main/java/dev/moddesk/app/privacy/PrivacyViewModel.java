package dev.moddesk.app.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.moddesk.app.api.Json;
import dev.moddesk.app.api.LifecycleApi;
import dev.moddesk.app.core.ErrorMessages;
import dev.moddesk.app.core.I18n;
import dev.moddesk.contract.lifecycle.ErasureReport;
import dev.moddesk.contract.lifecycle.RetentionPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The admins' data and privacy view: the server's retention settings (read-only), the access request (export one
 * user's data to a JSON file) and erasure (typed confirmation of the user id, then the server's report). Requests run
 * on the API's threads, the file is written on the IO executor, results land on the FX executor; the FX thread never
 * waits.
 */
public final class PrivacyViewModel {

    private final LifecycleApi api;
    private final ErrorMessages errors;
    private final I18n i18n;
    private final Executor fx;
    private final Executor io;

    private final ObservableList<RetentionPolicy.Kind> retention = FXCollections.observableArrayList();
    private final StringProperty retentionError = new SimpleStringProperty("");
    private final StringProperty userId = new SimpleStringProperty("");
    private final StringProperty reason = new SimpleStringProperty("");
    private final StringProperty confirmation = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final StringProperty status = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty("");
    private final ObservableList<ErasureReport.Removed> report = FXCollections.observableArrayList();
    private final StringProperty reportTitle = new SimpleStringProperty("");
    private final BooleanBinding canExport;
    private final BooleanBinding canErase;

    public PrivacyViewModel(LifecycleApi api, ErrorMessages errors, I18n i18n, Executor fx, Executor io) {
        this.api = Objects.requireNonNull(api);
        this.errors = Objects.requireNonNull(errors);
        this.i18n = Objects.requireNonNull(i18n);
        this.fx = Objects.requireNonNull(fx);
        this.io = Objects.requireNonNull(io);
        canExport = Bindings.createBooleanBinding(() -> !busy.get() && !userId.get().isBlank(), busy, userId);
        // The id typed again, exactly: an erasure cannot be undone.
        canErase = Bindings.createBooleanBinding(() -> !busy.get() && !userId.get().isBlank()
                && !reason.get().isBlank() && confirmation.get().equals(userId.get()), busy, userId, reason,
                confirmation);
        userId.subscribe(() -> confirmation.set(""));
    }

    public CompletableFuture<Void> loadRetention() {
        return api.retention().handleAsync((policy, failure) -> {
            if (failure != null) {
                retentionError.set(errors.describe(failure));
            } else {
                retentionError.set("");
                retention.setAll(policy.kinds());
            }
            return null;
        }, fx);
    }

    /** The file name offered for the current user id (safe on every disk, whatever the id holds). */
    public String suggestedFileName() {
        return ExportFileName.of(userId.get().strip());
    }

    /** Exports the user's data into {@code target} (written to a temporary file beside it, then moved). */
    public CompletableFuture<Path> export(Path target) {
        String id = userId.get().strip();
        start();
        return api.export(id)
                .thenApplyAsync(document -> write(document, target), io)
                .whenCompleteAsync((path, failure) -> {
                    busy.set(false);
                    if (failure != null) {
                        error.set(errors.describe(failure));
                    } else {
                        status.set(i18n.get("privacy.export.done", path.getFileName().toString()));
                    }
                }, fx);
    }

    public CompletableFuture<ErasureReport> erase() {
        String id = userId.get().strip();
        start();
        report.clear();
        reportTitle.set("");
        return api.erase(id, reason.get().strip()).whenCompleteAsync((answer, failure) -> {
            busy.set(false);
            if (failure != null) {
                error.set(errors.describe(failure));
                return;
            }
            report.setAll(answer.removed());
            reportTitle.set(i18n.get(answer.repeated() ? "privacy.erase.repeated" : "privacy.erase.done",
                    answer.pseudonym()));
            confirmation.set("");
            reason.set("");
        }, fx);
    }

    private void start() {
        busy.set(true);
        error.set("");
        status.set("");
    }

    private static Path write(JsonNode document, Path target) {
        try {
            Path dir = target.toAbsolutePath().getParent();
            Path temp = Files.createTempFile(dir, ".moddesk-export-", ".tmp");
            try {
                Files.write(temp, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(document));
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ObservableList<RetentionPolicy.Kind> retention() {
        return retention;
    }

    public StringProperty retentionErrorProperty() {
        return retentionError;
    }

    public StringProperty userIdProperty() {
        return userId;
    }

    public StringProperty reasonProperty() {
        return reason;
    }

    public StringProperty confirmationProperty() {
        return confirmation;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    public StringProperty statusProperty() {
        return status;
    }

    public StringProperty errorProperty() {
        return error;
    }

    public ObservableList<ErasureReport.Removed> report() {
        return report;
    }

    public StringProperty reportTitleProperty() {
        return reportTitle;
    }

    public BooleanBinding canExportBinding() {
        return canExport;
    }

    public BooleanBinding canEraseBinding() {
        return canErase;
    }
}
