package dev.moddesk.app.core;

import dev.moddesk.app.api.ApiException;
import dev.moddesk.contract.ProblemType;
import dev.moddesk.contract.ServerInfo;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way the console describes a failure to a person: one sentence they can act on, in the UI language, from the
 * failure's type ({@link ApiException.Kind}, problem type, typed members), never from an exception's English message.
 * Injected into every view model and controller that shows an error.
 */
public final class ErrorMessages {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMessages.class);

    private final I18n i18n;

    public ErrorMessages(I18n i18n) {
        this.i18n = i18n;
    }

    public String describe(Throwable error) {
        Optional<ApiException> api = ApiException.find(error);
        if (api.isEmpty() && Futures.unwrap(error) instanceof CancellationException) {
            return i18n.get("error.api.cancelled"); // a view let go of a request it no longer needs
        }
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
            case TLS -> switch (e.tlsProblem()) {
                case UNTRUSTED -> i18n.get("error.api.tls.untrusted");
                case WRONG_HOST -> i18n.get("error.api.tls.wrongHost", e.lowerLayerDetail().orElse(""));
                case EXPIRED -> i18n.get("error.api.tls.expired");
                case OTHER -> i18n.get("error.api.tls", e.lowerLayerDetail().orElse(""));
            };
            case CA_FILE -> i18n.get("error.api.caFile", e.lowerLayerDetail().orElse(""));
            case MEDIA_HOST_REFUSED -> i18n.get("error.api.mediaHostRefused");
            case TIMEOUT -> i18n.get("error.api.timeout");
            case CANCELLED -> i18n.get("error.api.cancelled");
            case INCOMPATIBLE -> e.serverApiVersion().isPresent()
                    ? i18n.get("error.api.incompatible", e.serverApiVersion().getAsInt(), ServerInfo.API_VERSION)
                    : i18n.get("error.api.notModDesk", ServerInfo.API_VERSION);
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
