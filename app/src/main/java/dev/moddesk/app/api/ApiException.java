package dev.moddesk.app.api;

import dev.moddesk.contract.Problem;
import dev.moddesk.contract.ProblemType;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Why a call to the admin API failed, typed so the console can tell a person what happened: the server answered
 * with a problem, could not be reached, failed the TLS handshake, timed out, speaks another API version, or sent
 * something the client cannot read.
 */
public final class ApiException extends RuntimeException {

    public enum Kind { PROBLEM, UNREACHABLE, TLS, TIMEOUT, INCOMPATIBLE, BAD_RESPONSE, INVALID_URL }

    private final Kind kind;
    private final Problem problem;
    private final Long retryAfterSeconds;

    private ApiException(Kind kind, String message, Problem problem, Long retryAfterSeconds, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.problem = problem;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ApiException problem(Problem problem, Long retryAfterSeconds) {
        String text = problem.detail() != null && !problem.detail().isBlank() ? problem.detail() : problem.title();
        if (text == null || text.isBlank()) {
            text = "HTTP " + problem.status();
        }
        return new ApiException(Kind.PROBLEM, text, problem, retryAfterSeconds, null);
    }

    public static ApiException of(Kind kind, String message, Throwable cause) {
        return new ApiException(kind, message, null, null, cause);
    }

    public Kind kind() {
        return kind;
    }

    public Optional<Problem> problem() {
        return Optional.ofNullable(problem);
    }

    /** The stable problem type, when the server answered with a known one. */
    public Optional<ProblemType> problemType() {
        return problem().flatMap(p -> ProblemType.fromUri(p.type()));
    }

    public boolean is(ProblemType type) {
        return problemType().filter(type::equals).isPresent();
    }

    public OptionalLong retryAfterSeconds() {
        return retryAfterSeconds == null ? OptionalLong.empty() : OptionalLong.of(retryAfterSeconds);
    }

    /** Unwraps the {@link java.util.concurrent.CompletionException} layers futures add. */
    public static Optional<ApiException> find(Throwable error) {
        Throwable t = error;
        while (t != null) {
            if (t instanceof ApiException api) {
                return Optional.of(api);
            }
            t = t.getCause();
        }
        return Optional.empty();
    }
}
