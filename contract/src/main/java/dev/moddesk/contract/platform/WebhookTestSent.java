package dev.moddesk.contract.platform;

/** Answer to {@code POST /api/v1/platform/webhooks/{id}/test}: the id of the queued {@code platform.test} action. */
public record WebhookTestSent(long actionId) {
}
