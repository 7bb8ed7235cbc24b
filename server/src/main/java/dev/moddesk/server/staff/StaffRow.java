package dev.moddesk.server.staff;

import dev.moddesk.contract.Role;
import dev.moddesk.contract.StaffMember;
import java.time.Instant;
import java.util.List;

/** A staff row as stored, including the password hash (which never leaves the server). */
public record StaffRow(long id, String username, String displayName, String passwordHash, Role role,
                       List<String> cityScopes, boolean disabled, Instant createdAt, Instant lastLoginAt) {
    public StaffRow {
        cityScopes = cityScopes == null ? List.of() : List.copyOf(cityScopes);
    }

    public StaffMember toMember() {
        return new StaffMember(id, username, displayName, role, cityScopes, disabled, createdAt, lastLoginAt);
    }

    @Override
    public String toString() {
        return "StaffRow[id=" + id + ", username=" + username + ", role=" + role + ", disabled=" + disabled + "]";
    }
}
