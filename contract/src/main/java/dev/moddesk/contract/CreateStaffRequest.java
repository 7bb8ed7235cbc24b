package dev.moddesk.contract;

import java.util.List;

/** {@code POST /api/v1/staff} (admins). */
public record CreateStaffRequest(String username, String displayName, String password, Role role, List<String> cityScopes) {
    @Override
    public String toString() {
        return "CreateStaffRequest[username=" + username + ", role=" + role + ", password=***]";
    }
}
