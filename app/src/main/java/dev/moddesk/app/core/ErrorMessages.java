package dev.moddesk.app.core;

import dev.moddesk.app.api.ApiException;
import dev.moddesk.contract.ProblemType;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns any failure into one sentence a person can act on, in the current language. */
public final class ErrorMessages {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMessages.class);

    private final I18n i18n;

    public ErrorMessages(I18n i18n) {
        this.i18n = i18n;
    }

    public String describe(Throwable error) {
        Optional<ApiException> api = ApiException.find(error);
        if (api.isEmpty()) {
            Throwable root = error;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            LOG.error("Unexpected failure", error);
            return i18n.get("error.unexpected", String.valueOf(root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage()));
        }
        ApiException e = api.get();
        return switch (e.kind()) {
            case UNREACHABLE -> i18n.get("error.api.unreachable");
            case TLS -> i18n.get("error.api.tls", e.getMessage());
            case TIMEOUT -> i18n.get("error.api.timeout");
            case INCOMPATIBLE -> i18n.get("error.api.incompatible", e.getMessage());
            case BAD_RESPONSE -> i18n.get("error.api.badResponse");
            case INVALID_URL -> i18n.get("error.api.invalidUrl");
            case PROBLEM -> describeProblem(e);
        };
    }

    private String throttled(ApiException e) {
        if (e.retryAfterSeconds().isEmpty()) {
            return i18n.get("error.api.throttledNoTime");
        }
        long seconds = e.retryAfterSeconds().getAsLong();
        // Over a minute and a half, minutes read better than a large number of seconds.
        return seconds > 90 ? i18n.get("error.api.throttledMinutes", (seconds + 59) / 60)
                : i18n.get("error.api.throttled", seconds);
    }

    private String describeProblem(ApiException e) {
        String detail = e.problem().map(p -> p.detail() != null ? p.detail() : p.title()).orElse(e.getMessage());
        Optional<ProblemType> type = e.problemType();
        if (type.isEmpty()) {
            int status = e.problem().map(p -> p.status()).orElse(0);
            return i18n.get("error.api.server", status, detail == null ? "" : detail);
        }
        return switch (type.get()) {
            case BAD_CREDENTIALS -> i18n.get("error.api.badCredentials");
            case ACCOUNT_DISABLED -> i18n.get("error.api.accountDisabled");
            case TOO_MANY_REQUESTS -> throttled(e);
            case UNAUTHORIZED -> i18n.get("error.api.unauthorized");
            case FORBIDDEN -> i18n.get("error.api.forbidden");
            case OUT_OF_SCOPE -> i18n.get("error.api.outOfScope");
            case VALIDATION -> i18n.get("error.api.validation");
            case NOT_FOUND -> i18n.get("error.api.notFound");
            case CONFLICT, CLAIMED_BY_OTHER, PRECONDITION_FAILED -> i18n.get("error.api.conflict", detail == null ? "" : detail);
            case INTERNAL, UNAVAILABLE -> i18n.get("error.api.serverDown");
            default -> i18n.get("error.api.server", e.problem().map(p -> p.status()).orElse(0), detail == null ? "" : detail);
        };
    }
}
