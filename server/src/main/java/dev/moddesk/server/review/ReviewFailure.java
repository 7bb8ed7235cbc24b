package dev.moddesk.server.review;

import dev.moddesk.contract.ProblemType;
import dev.moddesk.server.core.ProblemException;
import java.util.List;
import java.util.Map;

/**
 * A review rule refused a request. It is a {@link ProblemException}, so the route registry answers it as
 * application/problem+json with the contract's type and its extension members (holder, until, currentVersion).
 */
public final class ReviewFailure extends ProblemException {

    public ReviewFailure(ProblemType type, String detail) {
        this(type, detail, Map.of());
    }

    public ReviewFailure(ProblemType type, String detail, Map<String, Object> extensions) {
        super(type, detail, List.of(), extensions);
    }
}
