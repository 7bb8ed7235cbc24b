package dev.moddesk.server.core;

import dev.moddesk.contract.Role;
import java.util.List;

/**
 * Who is calling, as established by the {@link Authenticator} of the route's {@link Access} kind. Staff principals
 * carry their id, username, role and city scopes (empty = every city); platform principals carry the service key's
 * name and no staff id or role; anonymous principals only the client address. {@code mustChangePassword} marks a
 * staff member whose password an admin set: the {@link Api} lets them call only routes marked
 * {@link Route#allowedBeforePasswordChange()}.
 */
public record Principal(Access.Kind kind, Long staffId, String username, Role role, List<String> cityScopes,
                        String clientAddress, boolean mustChangePassword) {
    public Principal(Access.Kind kind, Long staffId, String username, Role role, List<String> cityScopes,
                     String clientAddress) {
        this(kind, staffId, username, role, cityScopes, clientAddress, false);
    }

    public Principal {
        if (kind == null) {
            throw new IllegalArgumentException("kind is required");
        }
        cityScopes = cityScopes == null ? List.of() : List.copyOf(cityScopes);
    }

    public static Principal staff(long staffId, String username, Role role, List<String> cityScopes,
                                  String clientAddress) {
        return new Principal(Access.Kind.STAFF, staffId, username, role, cityScopes, clientAddress);
    }

    public static Principal platform(String keyName, String clientAddress) {
        return new Principal(Access.Kind.PLATFORM, null, keyName, null, List.of(), clientAddress);
    }

    public static Principal anonymous(String clientAddress) {
        return new Principal(Access.Kind.PUBLIC, null, null, null, List.of(), clientAddress);
    }

    /**
     * A command run on the server's own machine rather than over HTTP ({@code admin create}): it has a name for the
     * audit log and no staff id, role or client address.
     */
    public static Principal tool(String name) {
        return new Principal(Access.Kind.PUBLIC, null, name, null, List.of(), null);
    }

    /** This staff principal, whose password an admin set: it may only change it (or sign out) until it does. */
    public Principal requiringPasswordChange() {
        return new Principal(kind, staffId, username, role, cityScopes, clientAddress, true);
    }

    public boolean isStaff() {
        return kind == Access.Kind.STAFF;
    }

    /** Whether this staff member may act in {@code city} (an empty scope list means every city). */
    public boolean coversCity(String city) {
        return isStaff() && (cityScopes.isEmpty() || cityScopes.contains(city));
    }
}
