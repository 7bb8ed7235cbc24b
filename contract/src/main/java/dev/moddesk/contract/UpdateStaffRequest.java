package dev.moddesk.contract;

import java.util.List;

/** {@code PATCH /api/v1/staff/{id}} (admins): fields left null stay as they are. */
public record UpdateStaffRequest(String displayName, Role role, List<String> cityScopes) {
}
