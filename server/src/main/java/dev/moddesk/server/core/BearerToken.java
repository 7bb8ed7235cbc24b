package dev.moddesk.server.core;

import io.javalin.http.Context;
import java.util.Optional;

/**
 * The bearer credential of a request, for the {@link Authenticator}s. Every client may send
 * {@code Authorization: Bearer <token>} — REST calls, and WebSocket upgrades from OkHttp (the console) or any other
 * native client, which can set headers.
 *
 * <p>A browser's {@code WebSocket} API cannot set headers, only subprotocols, so an upgrade may carry the token as one:
 * {@code Sec-WebSocket-Protocol: moddesk, bearer.<token>}. The server answers with the first protocol offered, so a
 * client lists {@code moddesk} first and the token is not echoed back. A query parameter ({@code ?access_token=}) is
 * not accepted: URLs end up in access logs, proxy logs and the request metrics, a header does not.
 */
public final class BearerToken {
    /** The subprotocol a WebSocket client lists first. */
    public static final String SUBPROTOCOL = "moddesk";
    /** The prefix of the subprotocol that carries the token. */
    public static final String SUBPROTOCOL_PREFIX = "bearer.";

    private BearerToken() {
    }

    /** The token of {@code Authorization: Bearer}, or for a WebSocket upgrade without one, of its subprotocols. */
    public static Optional<String> of(Context ctx) {
        String authorization = ctx.header("Authorization");
        if (authorization != null) {
            return fromAuthorization(authorization);
        }
        if (ctx.header("Sec-WebSocket-Key") == null) {
            return Optional.empty();
        }
        String protocols = ctx.header("Sec-WebSocket-Protocol");
        if (protocols == null) {
            return Optional.empty();
        }
        for (String protocol : protocols.split(",")) {
            String p = protocol.strip();
            if (p.startsWith(SUBPROTOCOL_PREFIX) && p.length() > SUBPROTOCOL_PREFIX.length()) {
                return Optional.of(p.substring(SUBPROTOCOL_PREFIX.length()));
            }
        }
        return Optional.empty();
    }

    private static Optional<String> fromAuthorization(String header) {
        if (header.length() < 8 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String token = header.substring(7).strip();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }
}
