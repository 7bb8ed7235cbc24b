package dev.moddesk.contract.platform;

/** Body of {@code POST /api/v1/platform/webhooks}: an http(s) URL; {@code active} defaults to true. */
public record CreateWebhookRequest(String url, Boolean active) {
}
