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

/**
 * Sessions: sign in and out, who am I, server info; and the STAFF {@link dev.moddesk.server.core.Authenticator}
 * that every staff route relies on (the token of {@link BearerToken}).
 */
public final class SessionFeature implements Feature {
    private final Services services;
    private final SessionService sessions;
    private final PasswordChange passwords;

    public SessionFeature(Services services) {
        this.services = services;
        this.sessions = new SessionService(services);
        this.passwords = new PasswordChange(services);
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
