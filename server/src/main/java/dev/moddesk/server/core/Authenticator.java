package dev.moddesk.server.core;

import io.javalin.http.Context;
import java.util.Optional;

/**
 * Establishes the caller for one {@link Access.Kind}. The session feature registers the STAFF one; the platform
 * feature registers the PLATFORM one. A kind with no authenticator refuses every call (fail closed).
 */
@FunctionalInterface
public interface Authenticator {
    /**
     * @return the principal, or empty when the request carries no valid credentials of this kind (answered with 401).
     *     May throw {@link ProblemException} for a more specific refusal.
     */
    Optional<Principal> authenticate(Context ctx, String clientAddress);
}
