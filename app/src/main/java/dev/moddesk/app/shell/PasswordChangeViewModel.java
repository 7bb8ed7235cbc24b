package dev.moddesk.app.shell;

import dev.moddesk.app.api.ApiException;
import dev.moddesk.app.core.ErrorMessages;
import dev.moddesk.app.core.I18n;
import dev.moddesk.contract.FieldError;
import dev.moddesk.contract.ProblemType;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The "Change password" form: current, new and repeated password; the server's rules come back as readable errors
 * under the field they concern (in the UI language, as the server writes them), anything else — too many wrong
 * current passwords, the server unreachable — in one line below. Typed passwords stay after a refusal. Never
 * touches a control.
 */
public final class PasswordChangeViewModel {

    /** Sends the change; fails with an {@link ApiException} as every API call does. */
    @FunctionalInterface
    public interface Changer {
        CompletableFuture<Void> change(String currentPassword, String newPassword);
    }

    private final I18n i18n;
    private final ErrorMessages errors;
    private final Executor fx;
    private final StringProperty current = new SimpleStringProperty("");
    private final StringProperty next = new SimpleStringProperty("");
    private final StringProperty repeat = new SimpleStringProperty("");
    private final StringProperty currentError = new SimpleStringProperty("");
    private final StringProperty nextError = new SimpleStringProperty("");
    private final StringProperty repeatError = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final BooleanProperty forced = new SimpleBooleanProperty();
    private final BooleanBinding canSubmit;
    private Changer changer;

    public PasswordChangeViewModel(I18n i18n, ErrorMessages errors, Executor fx) {
        this.i18n = Objects.requireNonNull(i18n);
        this.errors = Objects.requireNonNull(errors);
        this.fx = Objects.requireNonNull(fx);
        canSubmit = Bindings.createBooleanBinding(() -> !busy.get() && !current.get().isEmpty()
                && !next.get().isEmpty() && !repeat.get().isEmpty(), busy, current, next, repeat);
    }

    /**
     * What the form changes. {@code forced}: an admin set the password and the sign-in waits for the change; the
     * current password is the one just typed at sign-in, so it is filled in.
     */
    public void target(Changer changer, boolean forced, String currentPassword) {
        this.changer = Objects.requireNonNull(changer);
        this.forced.set(forced);
        current.set(currentPassword == null ? "" : currentPassword);
        next.set("");
        repeat.set("");
        clearErrors();
    }

    /** Sends the change; completes with true once the server has changed the password, false when it refused. */
    public CompletableFuture<Boolean> submit() {
        if (!canSubmit.get() || changer == null) {
            return CompletableFuture.completedFuture(false);
        }
        clearErrors();
        if (!next.get().equals(repeat.get())) {
            repeatError.set(i18n.get("password.change.mismatch"));
            return CompletableFuture.completedFuture(false);
        }
        busy.set(true);
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        CompletableFuture<Void> sent;
        try {
            sent = changer.change(current.get(), next.get());
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        sent.whenCompleteAsync((ok, failure) -> {
            busy.set(false);
            if (failure == null) {
                current.set("");
                next.set("");
                repeat.set("");
                done.complete(true);
                return;
            }
            refused(failure);
            done.complete(false);
        }, fx);
        return done;
    }

    private void refused(Throwable failure) {
        ApiException api = ApiException.find(failure).orElse(null);
        List<FieldError> fields = api == null || !api.is(ProblemType.VALIDATION) ? List.of()
                : api.problem().map(p -> p.errors()).orElse(List.of());
        boolean placed = false;
        for (FieldError field : fields) {
            StringProperty target = switch (field.field()) {
                case "currentPassword" -> current.get().isEmpty() ? null : currentError;
                case "newPassword" -> nextError;
                default -> null;
            };
            if (target != null) {
                target.set(field.message());
                placed = true;
            }
        }
        if (!placed) {
            error.set(errors.describe(failure));
        }
        if (forced.get() && !currentError.get().isEmpty()) {
            // The current password was filled in from the sign-in; say so where the person can see it.
            error.set(currentError.get());
        }
    }

    private void clearErrors() {
        currentError.set("");
        nextError.set("");
        repeatError.set("");
        error.set("");
    }

    public StringProperty currentProperty() {
        return current;
    }

    public StringProperty nextProperty() {
        return next;
    }

    public StringProperty repeatProperty() {
        return repeat;
    }

    public StringProperty currentErrorProperty() {
        return currentError;
    }

    public StringProperty nextErrorProperty() {
        return nextError;
    }

    public StringProperty repeatErrorProperty() {
        return repeatError;
    }

    public StringProperty errorProperty() {
        return error;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    /** An admin set the password: the sign-in waits for this change (the current password is filled in). */
    public BooleanProperty forcedProperty() {
        return forced;
    }

    public BooleanBinding canSubmitProperty() {
        return canSubmit;
    }
}
