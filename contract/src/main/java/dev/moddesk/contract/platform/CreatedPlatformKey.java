package dev.moddesk.contract.platform;

/** Answer to creating a platform key: the only time {@code key} is ever shown. Store it in the platform's vault. */
public record CreatedPlatformKey(PlatformKey info, String key) {
    public CreatedPlatformKey {
        if (info == null || key == null || key.isBlank()) {
            throw new IllegalArgumentException("info and key are required");
        }
    }
}
