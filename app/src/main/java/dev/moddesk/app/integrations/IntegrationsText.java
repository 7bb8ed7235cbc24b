package dev.moddesk.app.integrations;

import dev.moddesk.app.core.I18n;
import dev.moddesk.contract.platform.DeliveryStatus;
import dev.moddesk.contract.platform.WebhookDelivery;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** How the Integrations view words times, delivery states and attempt outcomes, in the UI language. */
final class IntegrationsText {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private final I18n i18n;

    IntegrationsText(I18n i18n) {
        this.i18n = i18n;
    }

    static String time(Instant at) {
        return at == null ? "—" : TIME.format(at);
    }

    String status(DeliveryStatus status) {
        return switch (status) {
            case PENDING -> i18n.get("integrations.delivery.pending");
            case SENDING -> i18n.get("integrations.delivery.sending");
            case DELIVERED -> i18n.get("integrations.delivery.delivered");
            case FAILED -> i18n.get("integrations.delivery.failed");
            case CANCELLED -> i18n.get("integrations.delivery.cancelled");
        };
    }

    /** The last attempt's HTTP status, or why no answer came; a dash before the first attempt. */
    static String lastResponse(WebhookDelivery d) {
        if (d.lastStatusCode() != null) {
            return d.lastError() == null || d.lastStatusCode() / 100 == 2 ? Integer.toString(d.lastStatusCode())
                    : d.lastStatusCode() + " · " + d.lastError();
        }
        return d.lastError() == null ? "—" : d.lastError();
    }
}
