package dev.moddesk.app.shell;

import dev.moddesk.app.api.ApiException;
import dev.moddesk.app.api.SessionApi;
import dev.moddesk.app.core.ErrorMessages;
import dev.moddesk.app.core.ServerProfile;
import dev.moddesk.app.core.Session;
import dev.moddesk.app.core.SessionService;
import dev.moddesk.app.core.Settings;
import dev.moddesk.app.core.SettingsStore;
import dev.moddesk.contract.ProblemType;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Login form state and the sign-in command. Never touches a control. The server address comes with an optional
 * private CA file (per server profile, or {@code --ca-file}). A sign-in whose password an admin set does not begin the
 * session: {@link #passwordChangeNeededProperty()} holds it until the password is changed ({@link
 * #finishPasswordChange}) or the person gives up ({@link #abandonPasswordChange}).
 */
public final class LoginViewModel {
    private final SessionService sessions;
    private final SettingsStore settings;
    private final ErrorMessages errors;
    private final Executor fx;

    private final StringProperty serverUrl = new SimpleStringProperty("");
    private final StringProperty caFile = new SimpleStringProperty("");
    private final ReadOnlyObjectWrapper<Session> passwordChangeNeeded = new ReadOnlyObjectWrapper<>();
    private final StringProperty username = new SimpleStringProperty("");
    private final StringProperty password = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    /** Counts wrong-password answers, so the view can select the password for retyping. */
    private final IntegerProperty passwordRejections = new SimpleIntegerProperty();
    private final ObservableList<ServerProfile> profiles = FXCollections.observableArrayList();
    private final BooleanBinding canSignIn;

    public LoginViewModel(SessionService sessions, SettingsStore settings, ErrorMessages errors, Executor fx,
                          String presetServer, String presetUser) {
        this(sessions, settings, errors, fx, presetServer, presetUser, null);
    }

    public LoginViewModel(SessionService sessions, SettingsStore settings, ErrorMessages errors, Executor fx,
                          String presetServer, String presetUser, Path presetCaFile) {
        this.sessions = Objects.requireNonNull(sessions);
        this.settings = Objects.requireNonNull(settings);
        this.errors = Objects.requireNonNull(errors);
        this.fx = Objects.requireNonNull(fx);
        Settings s = settings.get();
        profiles.setAll(s.profiles());
        serverUrl.set(firstNonBlank(presetServer, s.lastServer(), "http://127.0.0.1:7470"));
        username.set(firstNonBlank(presetUser, s.lastUser(), ""));
        caFile.set(presetServer != null ? (presetCaFile == null ? "" : presetCaFile.toString())
                : firstNonBlank(presetCaFile == null ? null : presetCaFile.toString(), s.lastCaFile(), ""));
        String reason = sessions.lastSignOutReason();
        error.set(reason == null ? "" : reason);
        canSignIn = Bindings.createBooleanBinding(() -> !busy.get() && !serverUrl.get().isBlank()
                && !username.get().isBlank() && !password.get().isEmpty(), busy, serverUrl, username, password);
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return "";
    }

    public StringProperty serverUrlProperty() {
        return serverUrl;
    }

    /** The private CA file trusted for this server besides the system's CAs; blank for none. */
    public StringProperty caFileProperty() {
        return caFile;
    }

    /** A signed-in session that must change its password before it begins; null otherwise. */
    public ReadOnlyObjectProperty<Session> passwordChangeNeededProperty() {
        return passwordChangeNeeded.getReadOnlyProperty();
    }

    public StringProperty usernameProperty() {
        return username;
    }

    public StringProperty passwordProperty() {
        return password;
    }

    public StringProperty errorProperty() {
        return error;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    public IntegerProperty passwordRejectionsProperty() {
        return passwordRejections;
    }

    public ObservableList<ServerProfile> profiles() {
        return profiles;
    }

    public BooleanBinding canSignInProperty() {
        return canSignIn;
    }

    /** Signs in; on success the session begins (the app switches to the shell). Errors keep what was typed. */
    public CompletableFuture<Session> signIn() {
        if (!canSignIn.get()) {
            return CompletableFuture.completedFuture(null);
        }
        busy.set(true);
        error.set("");
        CompletableFuture<Session> done = new CompletableFuture<>();
        String ca = caFile.get() == null || caFile.get().isBlank() ? null : caFile.get().strip();
        sessions.signIn(serverUrl.get(), ca == null ? null : Path.of(ca), username.get().strip(), password.get())
                .whenCompleteAsync((session, failure) -> {
                    busy.set(false);
                    if (failure != null) {
                        error.set(errors.describe(failure));
                        if (ApiException.find(failure).map(e -> e.is(ProblemType.BAD_CREDENTIALS)).orElse(false)) {
                            passwordRejections.set(passwordRejections.get() + 1);
                        }
                        done.completeExceptionally(failure);
                        return;
                    }
                    settings.update(x -> x.withLastCaFile(ca));
                    if (session.mustChangePassword()) {
                        passwordChangeNeeded.set(session); // the password stays: it is the current one
                    } else {
                        password.set("");
                        sessions.begin(session);
                    }
                    done.complete(session);
                }, fx);
        return done;
    }

    /** Changes the password of the session waiting in {@link #passwordChangeNeededProperty()}. */
    public PasswordChangeViewModel.Changer passwordChanger() {
        Session pending = passwordChangeNeeded.get();
        if (pending == null) {
            throw new IllegalStateException("no sign-in waits for a password change");
        }
        SessionApi api = new SessionApi(pending.api());
        return api::changePassword;
    }

    /** The waiting session's password is changed: it begins now. */
    public void finishPasswordChange() {
        Session pending = passwordChangeNeeded.get();
        if (pending == null) {
            return;
        }
        passwordChangeNeeded.set(null);
        password.set("");
        sessions.begin(pending.passwordChanged());
    }

    /** The person closed the password change: sign that session out again and say why on the form. */
    public void abandonPasswordChange(String why) {
        Session pending = passwordChangeNeeded.get();
        if (pending == null) {
            return;
        }
        passwordChangeNeeded.set(null);
        new SessionApi(pending.api()).logout();
        error.set(why);
    }

    public void pickProfile(ServerProfile profile) {
        if (profile != null) {
            serverUrl.set(profile.url());
            caFile.set(profile.caFile() == null ? "" : profile.caFile());
        }
    }

    /** A name for a new profile: the host of the address typed. */
    public String suggestedProfileName() {
        String url = serverUrl.get().strip();
        String host = url.replaceFirst("^[a-zA-Z]+://", "").replaceFirst("[:/].*$", "");
        return host.isEmpty() ? url : host;
    }

    /** Remembers the current server address as a profile. */
    public void saveProfile(String name) {
        if (serverUrl.get().isBlank()) {
            return;
        }
        Settings s = settings.update(x -> x.withProfile(new ServerProfile(name, serverUrl.get(), caFile.get())));
        profiles.setAll(s.profiles());
    }

    public void removeProfile(ServerProfile profile) {
        if (profile == null) {
            return;
        }
        Settings s = settings.update(x -> x.withoutProfile(profile.url()));
        profiles.setAll(s.profiles());
    }
}
