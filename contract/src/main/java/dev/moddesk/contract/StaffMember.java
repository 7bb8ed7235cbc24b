package dev.moddesk.contract;

import java.time.Instant;
import java.util.List;

/** A staff account as admins see it. An empty {@code cityScopes} means every city. */
public record StaffMember(
        long id,
        String username,
        String displayName,
        Role role,
        List<String> cityScopes,
        boolean disabled,
        Instant createdAt,
        Instant lastLoginAt) {
    public StaffMember {
        cityScopes = cityScopes == null ? List.of() : List.copyOf(cityScopes);
    }
}
