package dev.moddesk.server.core;

import dev.moddesk.contract.Role;

/**
 * Who may call a route. Declared once per route in the {@link Api} registry, which enforces it before the handler
 * runs (401 without valid credentials, 403 for a role that may not) and documents it in the OpenAPI document.
 *
 * @param kind    which credentials the route takes
 * @param minRole for {@link Kind#STAFF}: the least role that may call it ({@link Role#covers}); null otherwise
 */
public record Access(Kind kind, Role minRole) {
    /** Kinds of credentials; each non-public kind needs an {@link Authenticator} registered with the {@link Api}. */
    public enum Kind {
        /** No credentials needed. */
        PUBLIC,
        /** A staff session token ({@code Authorization: Bearer <token>}). */
        STAFF,
        /** A platform service key ({@code Authorization: Bearer <key>}), for the ingest API and action feed. */
        PLATFORM
    }

    public Access {
        if (kind == null) {
            throw new IllegalArgumentException("kind is required");
        }
        if ((kind == Kind.STAFF) != (minRole != null)) {
            throw new IllegalArgumentException("a minimum role is required for staff routes and only for them");
        }
    }

    public static Access open() {
        return new Access(Kind.PUBLIC, null);
    }

    public static Access role(Role minRole) {
        return new Access(Kind.STAFF, minRole);
    }

    /** Any signed-in staff member. */
    public static Access staff() {
        return role(Role.MODERATOR);
    }

    public static Access platform() {
        return new Access(Kind.PLATFORM, null);
    }
}
