package dev.moddesk.app.integrations;

import dev.moddesk.app.api.ApiException;
import dev.moddesk.contract.FieldError;
import java.util.List;
import java.util.Optional;

/** What the server said about one form field in a 422, to show under that field. */
final class FieldProblem {
    private FieldProblem() {
    }

    /**
     * The message for {@code field}, if the failure is a problem naming it. When the field is the only one named, the
     * problem's detail is preferred: the server writes it in the console's language, while field messages may be English.
     */
    static Optional<String> of(Throwable failure, String field) {
        return ApiException.find(failure).flatMap(ApiException::problem).flatMap(problem -> {
            List<FieldError> named = problem.errors().stream().filter(e -> field.equals(e.field())).toList();
            if (named.isEmpty()) {
                return Optional.empty();
            }
            if (problem.errors().size() == 1 && problem.detail() != null && !problem.detail().isBlank()) {
                return Optional.of(problem.detail());
            }
            return Optional.of(String.join("; ", named.stream().map(FieldError::message).toList()));
        });
    }
}
