package dev.moddesk.contract;

/** {@code POST /api/v1/staff/{id}/password} (admins). Ends the account's sessions. */
public record ResetPasswordRequest(String newPassword) {
    @Override
    public String toString() {
        return "ResetPasswordRequest[***]";
    }
}
