package dev.moddesk.contract.platform;

/** Body of {@code POST /api/v1/platform/keys}: a name saying who uses the key (1–100 characters). */
public record CreatePlatformKeyRequest(String name) {
}
