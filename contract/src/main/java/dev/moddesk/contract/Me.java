package dev.moddesk.contract;

import java.util.List;

/** {@code GET /api/v1/me}: the signed-in staff member. An empty {@code cityScopes} means every city. */
public record Me(long id, String username, String displayName, Role role, List<String> cityScopes) {
    public Me {
        cityScopes = cityScopes == null ? List.of() : List.copyOf(cityScopes);
    }
}
