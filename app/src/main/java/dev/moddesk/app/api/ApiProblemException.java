package dev.moddesk.app.api;

import dev.moddesk.contract.Problem;
import dev.moddesk.contract.ProblemType;
import java.util.Objects;
import java.util.Optional;

/**
 * The server refused a review call with an RFC 9457 problem. Network failures are not this: they surface as
 * {@link java.io.IOException}, so callers can tell "retry later" from "the server said no".
 */
public final class ApiProblemException extends RuntimeException {

    private final int status;
    private final Problem problem;

    public ApiProblemException(int status, Problem problem) {
        super(status + " " + Objects.requireNonNull(problem, "problem").type()
                + (problem.detail() == null ? "" : ": " + problem.detail()));
        this.status = status;
        this.problem = problem;
    }

    public int status() {
        return status;
    }

    public Problem problem() {
        return problem;
    }

    public Optional<ProblemType> type() {
        return ProblemType.fromUri(problem.type());
    }

    public boolean is(ProblemType type) {
        return type().filter(type::equals).isPresent();
    }

    /** A string extension member such as {@code holder} or {@code until}, if the server sent it. */
    public Optional<String> extension(String name) {
        Object value = problem.extensions().get(name);
        return value == null ? Optional.empty() : Optional.of(String.valueOf(value));
    }
}
