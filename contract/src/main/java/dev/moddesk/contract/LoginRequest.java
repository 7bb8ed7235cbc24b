package dev.moddesk.contract;

/** {@code POST /api/v1/session}. */
public record LoginRequest(String username, String password) {
    @Override
    public String toString() {
        return "LoginRequest[username=" + username + ", password=***]";
    }
}
