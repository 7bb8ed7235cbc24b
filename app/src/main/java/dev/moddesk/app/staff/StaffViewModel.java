package dev.moddesk.app.staff;

import dev.moddesk.app.api.ApiException;
import dev.moddesk.app.core.ErrorMessages;
import dev.moddesk.app.core.EventBus;
import dev.moddesk.app.core.Events;
import dev.moddesk.app.core.I18n;
import dev.moddesk.contract.CreateStaffRequest;
import dev.moddesk.contract.FieldError;
import dev.moddesk.contract.ProblemType;
import dev.moddesk.contract.Role;
import dev.moddesk.contract.StaffMember;
import dev.moddesk.contract.UpdateStaffRequest;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;

/**
 * Staff administration: the list, a create form, and edits to the selected account (role, scopes, disable/enable,
 * password reset). A failed request keeps everything typed; a 422 puts each field's message next to its field.
 */
public final class StaffViewModel {

    private final StaffDirectory directory;
    private final ErrorMessages errors;
    private final EventBus bus;
    private final I18n i18n;
    private final Executor fx;

    private final ObservableList<StaffMember> members = FXCollections.observableArrayList();
    private final ObjectProperty<StaffMember> selected = new SimpleObjectProperty<>();
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final StringProperty error = new SimpleStringProperty("");

    private final StringProperty newUsername = new SimpleStringProperty("");
    private final StringProperty newDisplayName = new SimpleStringProperty("");
    private final StringProperty newPassword = new SimpleStringProperty("");
    private final ObjectProperty<Role> newRole = new SimpleObjectProperty<>(Role.MODERATOR);
    private final StringProperty newScopes = new SimpleStringProperty("");
    private final ObservableMap<String, String> createErrors = FXCollections.observableHashMap();
    private final StringProperty createError = new SimpleStringProperty("");

    private final StringProperty editDisplayName = new SimpleStringProperty("");
    private final ObjectProperty<Role> editRole = new SimpleObjectProperty<>();
    private final StringProperty editScopes = new SimpleStringProperty("");
    private final StringProperty resetPassword = new SimpleStringProperty("");
    private final ObservableMap<String, String> editErrors = FXCollections.observableHashMap();
    private final StringProperty editError = new SimpleStringProperty("");

    public StaffViewModel(StaffDirectory directory, ErrorMessages errors, EventBus bus, I18n i18n, Executor fx) {
        this.directory = Objects.requireNonNull(directory);
        this.errors = Objects.requireNonNull(errors);
        this.bus = Objects.requireNonNull(bus);
        this.i18n = Objects.requireNonNull(i18n);
        this.fx = Objects.requireNonNull(fx);
        selected.subscribe(this::loadSelected);
    }

    private void loadSelected(StaffMember m) {
        editErrors.clear();
        editError.set("");
        resetPassword.set("");
        editDisplayName.set(m == null ? "" : m.displayName());
        editRole.set(m == null ? null : m.role());
        editScopes.set(m == null ? "" : String.join(", ", m.cityScopes()));
    }

    public CompletableFuture<Void> refresh() {
        busy.set(true);
        return directory.list().handleAsync((list, failure) -> {
            busy.set(false);
            if (failure != null) {
                error.set(errors.describe(failure));
            } else {
                error.set("");
                long keep = selected.get() == null ? -1 : selected.get().id();
                members.setAll(list);
                members.stream().filter(m -> m.id() == keep).findFirst().ifPresent(selected::set);
            }
            return null;
        }, fx);
    }

    public CompletableFuture<StaffMember> create() {
        createErrors.clear();
        createError.set("");
        CreateStaffRequest request = new CreateStaffRequest(newUsername.get().strip(), newDisplayName.get().strip(),
                newPassword.get(), newRole.get(), scopes(newScopes.get()));
        busy.set(true);
        return directory.create(request).whenCompleteAsync((created, failure) -> {
            busy.set(false);
            if (failure != null) {
                showFailure(failure, createErrors, createError, "username");
                return;
            }
            members.add(created);
            newUsername.set("");
            newDisplayName.set("");
            newPassword.set("");
            newScopes.set("");
            newRole.set(Role.MODERATOR);
            notifySuccess(i18n.get("staff.notify.created", created.username()));
        }, fx);
    }

    public CompletableFuture<StaffMember> saveSelected() {
        StaffMember m = selected.get();
        if (m == null) {
            return CompletableFuture.completedFuture(null);
        }
        editErrors.clear();
        editError.set("");
        busy.set(true);
        return directory.update(m.id(), new UpdateStaffRequest(editDisplayName.get().strip(), editRole.get(), scopes(editScopes.get())))
                .whenCompleteAsync((updated, failure) -> {
                    busy.set(false);
                    if (failure != null) {
                        showFailure(failure, editErrors, editError, null);
                        return;
                    }
                    replace(updated);
                    notifySuccess(i18n.get("staff.notify.updated", updated.username()));
                }, fx);
    }

    public CompletableFuture<StaffMember> toggleDisabled() {
        StaffMember m = selected.get();
        if (m == null) {
            return CompletableFuture.completedFuture(null);
        }
        busy.set(true);
        editError.set("");
        return directory.setDisabled(m.id(), !m.disabled()).whenCompleteAsync((updated, failure) -> {
            busy.set(false);
            if (failure != null) {
                editError.set(errors.describe(failure));
                return;
            }
            replace(updated);
            notifySuccess(i18n.get(updated.disabled() ? "staff.notify.disabled" : "staff.notify.enabled", updated.username()));
        }, fx);
    }

    public CompletableFuture<Void> resetPassword() {
        StaffMember m = selected.get();
        if (m == null) {
            return CompletableFuture.completedFuture(null);
        }
        editErrors.remove("newPassword");
        editError.set("");
        busy.set(true);
        return directory.resetPassword(m.id(), resetPassword.get()).whenCompleteAsync((ignored, failure) -> {
            busy.set(false);
            if (failure != null) {
                showFailure(failure, editErrors, editError, null);
                return;
            }
            resetPassword.set("");
            notifySuccess(i18n.get("staff.notify.passwordReset", m.username()));
        }, fx);
    }

    private void replace(StaffMember updated) {
        for (int i = 0; i < members.size(); i++) {
            if (members.get(i).id() == updated.id()) {
                members.set(i, updated);
            }
        }
        selected.set(updated);
    }

    private void showFailure(Throwable failure, ObservableMap<String, String> fieldErrors, StringProperty general, String conflictField) {
        ApiException api = ApiException.find(failure).orElse(null);
        if (api != null) {
            List<FieldError> fields = api.problem().map(p -> p.errors()).orElse(List.of());
            for (FieldError f : fields) {
                fieldErrors.merge(baseField(f.field()), f.message(), (a, b) -> a + "; " + b);
            }
            if (conflictField != null && api.is(ProblemType.CONFLICT) && fields.isEmpty()) {
                fieldErrors.put(conflictField, api.problem().map(p -> p.detail() != null ? p.detail() : p.title()).orElse(""));
            }
        }
        general.set(errors.describe(failure));
    }

    static String baseField(String field) {
        int cut = field.length();
        int dot = field.indexOf('.');
        int bracket = field.indexOf('[');
        if (dot >= 0) {
            cut = dot;
        }
        if (bracket >= 0) {
            cut = Math.min(cut, bracket);
        }
        return field.substring(0, cut);
    }

    static List<String> scopes(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split("[,，、\\s]+")).map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
    }

    private void notifySuccess(String message) {
        bus.publish(new Events.NotificationEvent(Events.Severity.SUCCESS, message));
    }

    public ObservableList<StaffMember> members() {
        return members;
    }

    public ObjectProperty<StaffMember> selectedProperty() {
        return selected;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    public StringProperty errorProperty() {
        return error;
    }

    public StringProperty newUsernameProperty() {
        return newUsername;
    }

    public StringProperty newDisplayNameProperty() {
        return newDisplayName;
    }

    public StringProperty newPasswordProperty() {
        return newPassword;
    }

    public ObjectProperty<Role> newRoleProperty() {
        return newRole;
    }

    public StringProperty newScopesProperty() {
        return newScopes;
    }

    public ObservableMap<String, String> createErrors() {
        return createErrors;
    }

    public StringProperty createErrorProperty() {
        return createError;
    }

    public StringProperty editDisplayNameProperty() {
        return editDisplayName;
    }

    public ObjectProperty<Role> editRoleProperty() {
        return editRole;
    }

    public StringProperty editScopesProperty() {
        return editScopes;
    }

    public StringProperty resetPasswordProperty() {
        return resetPassword;
    }

    public ObservableMap<String, String> editErrors() {
        return editErrors;
    }

    public StringProperty editErrorProperty() {
        return editError;
    }
}
