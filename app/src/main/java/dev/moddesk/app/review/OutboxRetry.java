package dev.moddesk.app.review;

import dev.moddesk.app.api.ApiException;
import dev.moddesk.contract.Problem;
import dev.moddesk.contract.ProblemType;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * What the outbox does with a send that did not succeed: retry it later (network errors, 5xx, 401, 408, 429, an
 * unreadable answer), after how long (doubling from {@code first} up to {@code max}), or fail it with the server's
 * reason.
 */
final class OutboxRetry {

    private final Duration first;
    private final Duration max;

    OutboxRetry(Duration first, Duration max) {
        this.first = first;
        this.max = max;
    }

    /** The wait before the next attempt of an entry that has been tried {@code attempts} times. */
    Duration backoff(int attempts) {
        long factor = 1L << Math.min(Math.max(attempts - 1, 0), 16);
        Duration d = first.multipliedBy(factor);
        return d.compareTo(max) > 0 ? max : d;
    }

    static boolean isRetryable(Throwable cause) {
        Optional<ApiException> api = ApiException.find(cause);
        if (api.isEmpty()) {
            return cause instanceof IOException;
        }
        return switch (api.get().kind()) {
            // An unreadable answer may be a cut connection after the server applied it: the key makes a resend safe.
            case UNREACHABLE, TIMEOUT, TLS, BAD_RESPONSE, CANCELLED -> true;
            case INCOMPATIBLE, INVALID_URL, CA_FILE, MEDIA_HOST_REFUSED -> false;
            case PROBLEM -> {
                int s = api.get().problem().map(Problem::status).orElse(0);
                // 401: the session lapsed; the moderator signs in again and the decision must still go out.
                yield s >= 500 || s == 401 || s == 408 || s == 429;
            }
        };
    }

    /** The entry FAILED with the server's problem type (its slug) and detail, or the client's own error. */
    static OutboxEntry failed(OutboxEntry current, Throwable cause) {
        Optional<Problem> problem = ApiException.find(cause).flatMap(ApiException::problem);
        String type = problem.map(p -> ProblemType.fromUri(p.type()).map(ProblemType::slug).orElse(p.type()))
                .orElse("client-error");
        String detail = problem.map(p -> Optional.ofNullable(p.detail()).orElse(p.title()))
                .orElse(String.valueOf(cause.getMessage()));
        return current.failed(type, detail);
    }
}
