package dev.moddesk.server.platform;

import dev.moddesk.contract.FieldError;
import dev.moddesk.contract.ProblemType;
import dev.moddesk.server.core.ProblemException;
import dev.moddesk.server.core.ProblemText;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A webhook URL the server will not send to: 422 naming the field {@code url}, its detail in the caller's language. */
final class WebhookUrlRefused extends ProblemException {

    private WebhookUrlRefused(String english, String key, List<Object> args) {
        super(ProblemType.VALIDATION, english, List.of(new FieldError("url", english)), Map.of(), Map.of(), key, args);
    }

    /** The text {@code key} of {@code i18n/problems*.properties}, formatted with {@code args}. */
    static WebhookUrlRefused of(String key, List<Object> args) {
        String english = ProblemText.format(Locale.ENGLISH, key, args);
        if (english == null) {
            throw new IllegalArgumentException("No problem text " + key);
        }
        return new WebhookUrlRefused(english, key, args);
    }
}
