package dev.moddesk.app.core;

import dev.moddesk.app.api.ApiClient;
import dev.moddesk.app.api.Json;
import dev.moddesk.app.api.SessionApi;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moddesk.app.api.ServerTrust;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signing in and out. {@link #signIn} checks the server's API version, then logs in; {@link #begin} makes the
 * session current (remembering server and user, never the password), starts the health ping and tells the app.
 */
public final class SessionService {
    private static final Logger LOG = LoggerFactory.getLogger(SessionService.class);

    private final BiFunction<HttpUrl, Path, ApiClient> clients;
    private final SettingsStore settings;
    private final ConnectionMonitor monitor;
    private final EventBus bus;
    private final Executor fx;
    private final I18n i18n;
    private final ReadOnlyObjectWrapper<Session> current = new ReadOnlyObjectWrapper<>();
    private volatile String lastSignOutReason;

    public SessionService(BiFunction<HttpUrl, Path, ApiClient> clients, SettingsStore settings, ConnectionMonitor monitor, EventBus bus,
                          Executor fx, I18n i18n) {
        this.clients = Objects.requireNonNull(clients);
        this.settings = Objects.requireNonNull(settings);
        this.monitor = Objects.requireNonNull(monitor);
        this.bus = Objects.requireNonNull(bus);
        this.fx = Objects.requireNonNull(fx);
        this.i18n = Objects.requireNonNull(i18n);
    }

    /**
     * Clients on {@code http}; a server with a private CA file gets a client that trusts it besides the system's CAs
     * (sharing {@code http}'s pool and threads). An unusable CA file fails with {@code ApiException.Kind.CA_FILE}.
     */
    public static BiFunction<HttpUrl, Path, ApiClient> httpClients(OkHttpClient http) {
        return httpClients(() -> http);
    }

    /** As {@link #httpClients(OkHttpClient)}, with the client and the JSON mapper built when the first one is asked for. */
    public static BiFunction<HttpUrl, Path, ApiClient> httpClients(Supplier<OkHttpClient> http) {
        Lazy<ObjectMapper> mapper = new Lazy<>(Json::mapper);
        return (url, caFile) -> new ApiClient(url, ServerTrust.withPrivateCa(http.get(), caFile), mapper.get());
    }

    public ReadOnlyObjectProperty<Session> currentProperty() {
        return current.getReadOnlyProperty();
    }

    public Session current() {
        return current.get();
    }

    /** Why the last session ended when the user did not sign out themselves (shown on the login view), or null. */
    public String lastSignOutReason() {
        return lastSignOutReason;
    }

    /** Checks the server and logs in; does not make the session current. Fails with an ApiException. */
    public CompletableFuture<Session> signIn(String serverUrl, String username, String password) {
        return signIn(serverUrl, null, username, password);
    }

    /**
     * As {@link #signIn(String, String, String)}, trusting {@code caFile} (a private CA, may be null) for this server.
     * A session whose password an admin set comes back with {@link Session#mustChangePassword()}: change it before
     * {@link #begin}.
     */
    public CompletableFuture<Session> signIn(String serverUrl, Path caFile, String username, String password) {
        HttpUrl url;
        ApiClient api;
        try {
            url = ApiClient.parseServerUrl(serverUrl);
            api = clients.apply(url, caFile);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        SessionApi session = new SessionApi(api);
        String display = url.toString().replaceAll("/$", "");
        return session.checkCompatible()
                .thenCompose(info -> session.login(username, password))
                .thenApply(token -> new Session(display, api, token.me(), token.mustChangePassword()));
    }

    /** Call on the FX thread. */
    public void begin(Session session) {
        current.set(session);
        lastSignOutReason = null;
        session.api().onSessionEnded(() -> fx.execute(() -> {
            if (current.get() == session) {
                LOG.info("The server ended the session of {}", session.me().username());
                signOut(i18n.get("error.api.unauthorized"));
            }
        }));
        settings.update(s -> s.withLastLogin(session.serverUrl(), session.me().username()));
        SessionApi api = new SessionApi(session.api());
        monitor.start(api::health);
        LOG.info("Signed in to {} as {} ({})", session.serverUrl(), session.me().username(), session.me().role());
        bus.publish(new Events.SignedInEvent(session));
    }

    /** Ends the session on the server (best effort) and locally; call on the FX thread. */
    public CompletableFuture<Void> signOut(String reason) {
        Session s = current.get();
        monitor.stop();
        current.set(null);
        lastSignOutReason = reason;
        bus.publish(new Events.SignedOutEvent(reason));
        return s == null ? CompletableFuture.completedFuture(null) : new SessionApi(s.api()).logout();
    }
}
