package dev.moddesk.contract;

/** {@code POST /api/v1/session/password}: a signed-in staff member replaces their own password. */
public record ChangePasswordRequest(String currentPassword, String newPassword) {
    @Override
    public String toString() {
        return "ChangePasswordRequest[***]";
    }
}
