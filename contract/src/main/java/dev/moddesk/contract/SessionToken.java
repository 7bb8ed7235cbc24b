package dev.moddesk.contract;

import java.time.Instant;

/** Answer to a successful login: an opaque bearer token, when it expires unless used, and who it belongs to. */
public record SessionToken(String token, Instant expiresAt, Me me) {
    @Override
    public String toString() {
        return "SessionToken[token=***, expiresAt=" + expiresAt + ", me=" + me + "]";
    }
}
