package dev.moddesk.app.api;

import dev.moddesk.contract.ChangePasswordRequest;
import dev.moddesk.contract.Health;
import dev.moddesk.contract.LoginRequest;
import dev.moddesk.contract.Me;
import dev.moddesk.contract.ServerInfo;
import dev.moddesk.contract.SessionToken;
import java.util.concurrent.CompletableFuture;
import okhttp3.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session with one server on top of its {@link ApiClient}: is the server a ModDesk server this console can talk
 * to, is it healthy, sign in (the client keeps the token), who am I, sign out.
 */
public class SessionApi {
    private static final Logger LOG = LoggerFactory.getLogger(SessionApi.class);

    private final ApiClient client;

    public SessionApi(ApiClient client) {
        this.client = client;
    }

    public CompletableFuture<ServerInfo> info() {
        return get("api/v1/info", ServerInfo.class);
    }

    /** Fetches {@link #info()} and fails with {@link ApiException.Kind#INCOMPATIBLE} on another API version. */
    public CompletableFuture<ServerInfo> checkCompatible() {
        return info().exceptionallyCompose(error -> {
            boolean noInfoRoute = ApiException.find(error)
                    .flatMap(ApiException::problem).map(p -> p.status() == 404).orElse(false);
            return CompletableFuture.failedFuture(noInfoRoute
                    ? ApiException.incompatible(ServerInfo.API_VERSION, null, error)
                    : error);
        }).thenApply(info -> {
            if (info.apiVersion() != ServerInfo.API_VERSION) {
                throw ApiException.incompatible(ServerInfo.API_VERSION, info.apiVersion(), null);
            }
            return info;
        });
    }

    /** Signs in; from then on the client sends the session's token. */
    public CompletableFuture<SessionToken> login(String username, String password) {
        Request request = client.request(client.url("api/v1/session").build())
                .post(client.json(new LoginRequest(username, password))).build();
        return client.<SessionToken>exchange(request, client.type(SessionToken.class)).thenApply(reply -> {
            client.useToken(reply.body().token());
            return reply.body();
        });
    }

    /** Ends the session on the server; the client forgets the token whatever the server answers. */
    public CompletableFuture<Void> logout() {
        if (!client.signedIn()) {
            return CompletableFuture.completedFuture(null);
        }
        Request request = client.request(client.url("api/v1/session").build()).delete().build();
        return client.exchange(request, null).handle((ignored, error) -> {
            client.useToken(null);
            if (error != null) {
                LOG.info("Sign-out request failed; the session is forgotten locally anyway: {}", error.getMessage());
            }
            return null;
        });
    }

    /**
     * Replaces the signed-in member's password ({@code POST /api/v1/session/password}); the server ends their other
     * sessions, keeps this one, and answers 422 naming {@code currentPassword} or {@code newPassword} when one is
     * wrong, 429 after too many wrong current passwords.
     */
    public CompletableFuture<Void> changePassword(String currentPassword, String newPassword) {
        Request request = client.request(client.url("api/v1/session/password").build())
                .post(client.json(new ChangePasswordRequest(currentPassword, newPassword))).build();
        return client.exchange(request, null).thenApply(reply -> null);
    }

    public CompletableFuture<Me> me() {
        return get("api/v1/me", Me.class);
    }

    /** {@code GET /health} with its round-trip time; a 503 with a Health body (database down) is an answer too. */
    public CompletableFuture<HealthProbe> health() {
        long start = System.nanoTime();
        Request request = client.request(client.url("health").build()).get().build();
        return client.<Health>exchange(request, client.type(Health.class), true)
                .thenApply(reply -> new HealthProbe(reply.body(), Math.max(0, (System.nanoTime() - start) / 1_000_000)));
    }

    private <T> CompletableFuture<T> get(String path, Class<T> type) {
        Request request = client.request(client.url(path).build()).get().build();
        return client.<T>exchange(request, client.type(type)).thenApply(ApiClient.Reply::body);
    }
}
