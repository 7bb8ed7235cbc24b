package dev.moddesk.contract.platform;

/** Answer to creating a webhook: the only time its signing {@code secret} is shown. */
public record CreatedWebhook(Webhook webhook, String secret) {
    public CreatedWebhook {
        if (webhook == null || secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("webhook and secret are required");
        }
    }
}
