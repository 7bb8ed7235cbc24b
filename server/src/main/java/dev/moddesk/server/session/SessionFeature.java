package dev.moddesk.server.session;

import dev.moddesk.contract.ChangePasswordRequest;
import dev.moddesk.contract.LoginRequest;
import dev.moddesk.contract.Me;
import dev.moddesk.contract.ServerInfo;
import dev.moddesk.contract.SessionToken;
import dev.moddesk.server.core.Access;
import dev.moddesk.server.core.Api;
import dev.moddesk.server.core.BearerToken;
import dev.moddesk.server.core.Feature;
import dev.moddesk.server.core.Services;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import java.time.Duration;

/**
 * Sessions: sign in and out, who am I, server info; and the STAFF {@link dev.moddesk.server.core.Authenticator}
 * that every staff route relies on (the token of {@link BearerToken}). Sessions read are cached on this node
 * ({@link SessionCache}); on PostgreSQL a {@link SessionListener} hears other nodes' revocations and the cache is used
 * only while it is connected; on H2 (embedded, one node) this node's own changes are all there is to hear.
 */
public final class SessionFeature implements Feature {
    /** How often a lost revocation listener tries to connect again (the cache is bypassed meanwhile). */
    static final Duration LISTENER_RETRY = Duration.ofSeconds(1);

    private final Services services;
    private final SessionCache cache;
    private final SessionService sessions;
    private final PasswordChange passwords;
    private final SessionListener listener;

    public SessionFeature(Services services) {
        this.services = services;
        boolean postgres = services.database().isPostgres();
        this.cache = new SessionCache(services.config().sessionCacheTrust(), !postgres);
        services.sessionRevocations().listen(cache::evictStaff);
        this.sessions = new SessionService(services, cache);
        this.passwords = new PasswordChange(services);
        this.listener = postgres && services.config().sessionCacheTrust().isPositive()
                ? new SessionListener(services.database().settings(), cache,
                        Counter.builder("moddesk.session.listener.lost")
                                .description("times the session revocation listener lost its database connection")
                                .register(services.metrics()), LISTENER_RETRY)
                : null;
        Gauge.builder("moddesk.session.cache.open", cache, c -> c.isOpen() ? 1 : 0)
                .description("1 while this node's session cache is in use, 0 while it is bypassed")
                .register(services.metrics());
    }

    @Override
    public void start() {
        if (listener != null) {
            listener.start();
        }
    }

    @Override
    public void stop() {
        if (listener != null) {
            listener.close();
        }
    }

    @Override
    public void register(Api api) {
        api.authenticator(Access.Kind.STAFF, (ctx, address) ->
                BearerToken.of(ctx).flatMap(token -> sessions.authenticate(token, address)));

        api.post("/api/v1/session").summary("Sign in")
                .description("Returns an opaque bearer token. Repeated failures for a username or a client "
                        + "address answer 429 with Retry-After and retryAfterSeconds.")
                .access(Access.open()).body(LoginRequest.class)
                .response(201, SessionToken.class).errors(401, 403, 422, 429)
                .handle(call -> sessions.login(call.body(), call.clientAddress()));

        api.delete("/api/v1/session").summary("Sign out (ends this token's session)")
                .access(Access.staff()).allowedBeforePasswordChange().response(204)
                .handle(call -> {
                    sessions.logout(call.principal(), BearerToken.of(call.ctx()).orElseThrow());
                    return null;
                });

        api.post("/api/v1/session/password").summary("Change your own password")
                .description("Needs the current password. Ends your other sessions; this one stays. After an admin "
                        + "set your password, every other route answers 403 password-change-required until this. A wrong "
                        + "current password counts as a failed sign-in: over the limits, 429 with Retry-After.")
                .access(Access.staff()).allowedBeforePasswordChange().body(ChangePasswordRequest.class)
                .response(204).errors(422, 429)
                .handle(call -> {
                    passwords.change(call.principal(), BearerToken.of(call.ctx()).orElseThrow(), call.body());
                    return null;
                });

        api.get("/api/v1/me").summary("The signed-in staff member")
                .access(Access.staff()).allowedBeforePasswordChange().response(200, Me.class)
                .handle(call -> sessions.me(call.principal()));

        api.get("/api/v1/info").summary("Server product, version and API version (public)")
                .access(Access.open()).response(200, ServerInfo.class)
                .handle(call -> new ServerInfo("ModDesk", services.config().version(), ServerInfo.API_VERSION,
                        services.config().sandbox(), services.config().idempotencyRetention().toSeconds()));
    }
}
