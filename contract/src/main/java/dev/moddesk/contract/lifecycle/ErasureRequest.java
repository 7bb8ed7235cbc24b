package dev.moddesk.contract.lifecycle;

/** An admin's request to erase a platform user's personal data; {@code reason} goes to the audit log. */
public record ErasureRequest(String userId, String reason) {
}
