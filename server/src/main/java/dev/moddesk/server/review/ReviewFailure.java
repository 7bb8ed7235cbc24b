package dev.moddesk.server.review;

import dev.moddesk.contract.ProblemType;
import java.util.Map;

/**
 * A review rule refused a request. Carries the contract's problem type and any extension members (holder, until), so
 * the routes turn it into application/problem+json without knowing the rule.
 */
public final class ReviewFailure extends RuntimeException {

    private final ProblemType type;
    private final transient Map<String, Object> extensions;

    public ReviewFailure(ProblemType type, String detail) {
        this(type, detail, Map.of());
    }

    public ReviewFailure(ProblemType type, String detail, Map<String, Object> extensions) {
        super(detail, null, false, false);
        this.type = type;
        this.extensions = Map.copyOf(extensions);
    }

    public ProblemType type() {
        return type;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }
}
