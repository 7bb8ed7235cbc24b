package dev.moddesk.contract;

import java.time.Instant;

/**
 * Answer to a successful login: an opaque bearer token, when it expires unless used, and who it belongs to. When
 * {@code mustChangePassword} is set (an admin reset the password), every route but changing the password, {@code
 * GET /me} and signing out answers 403 {@code password-change-required} until the password is changed.
 */
public record SessionToken(String token, Instant expiresAt, Me me, boolean mustChangePassword) {
    public SessionToken(String token, Instant expiresAt, Me me) {
        this(token, expiresAt, me, false);
    }

    @Override
    public String toString() {
        return "SessionToken[token=***, expiresAt=" + expiresAt + ", me=" + me + ", mustChangePassword="
                + mustChangePassword + "]";
    }
}
