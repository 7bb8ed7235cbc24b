package dev.moddesk.server.platform;

import dev.moddesk.contract.LoginRequest;
import dev.moddesk.contract.Role;
import dev.moddesk.contract.SessionToken;
import dev.moddesk.server.core.Access;
import dev.moddesk.server.core.Api;
import dev.moddesk.server.core.Feature;
import dev.moddesk.server.core.Principal;
import dev.moddesk.server.core.Services;
import dev.moddesk.server.sandbox.SandboxAccounts;
import dev.moddesk.server.testing.TestClient;
import dev.moddesk.server.testing.TestServer;
import java.util.List;
import java.util.Optional;

/**
 * Staff tokens for platform route tests. While the server has no session feature, this feature stands in with a
 * staff authenticator that takes {@code test-ADMIN}, {@code test-MODERATOR} …; once the session feature registers
 * the real one, tokens come from logging in as the seeded sandbox accounts.
 */
final class StaffTokens implements Feature {

    StaffTokens(Services services) {
    }

    @Override
    public void register(Api api) {
        try {
            api.authenticator(Access.Kind.STAFF, (ctx, address) -> {
                String auth = ctx.header("Authorization");
                if (auth == null || !auth.startsWith("Bearer test-")) {
                    return Optional.empty();
                }
                Role role = Role.valueOf(auth.substring("Bearer test-".length()));
                return Optional.of(Principal.staff(role.ordinal() + 100, "test-" + role.name().toLowerCase(), role,
                        List.of(), address));
            });
        } catch (IllegalStateException alreadyRegistered) {
            // the session feature is there: token() logs in for real
        }
    }

    /** A token of the sandbox account with {@code role} (the server runs in sandbox mode). */
    static String token(TestServer server, Role role) {
        String standIn = "test-" + role.name();
        if (server.client().withToken(standIn).get("/api/v1/platform/status").status() != 401) {
            return standIn;
        }
        SandboxAccounts.Account account = server.server().sandboxAccounts().stream()
                .filter(a -> a.role() == role).findFirst().orElseThrow();
        TestClient.Response response = server.client().post("/api/v1/session",
                new LoginRequest(account.username(), account.password()));
        return response.as(SessionToken.class).token();
    }
}
