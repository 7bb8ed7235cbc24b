package dev.moddesk.app.integrations;

import dev.moddesk.app.core.I18n;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** How the Integrations view words times, in the UI language. */
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


}
