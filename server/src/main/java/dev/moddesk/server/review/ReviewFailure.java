package dev.moddesk.server.review;

import dev.moddesk.contract.ProblemType;
import dev.moddesk.server.core.ProblemException;
import dev.moddesk.server.core.ProblemText;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A review rule refused a request. It is a {@link ProblemException}, so the route registry answers it as
 * application/problem+json with the contract's type and its extension members (holder, until, currentVersion).
 * Every refusal carries a text key ({@link #of}), so its detail is written in the caller's language.
 */
public final class ReviewFailure extends ProblemException {

    private ReviewFailure(ProblemType type, Map<String, Object> extensions, String key, List<Object> args) {
        super(type, ProblemText.format(Locale.ENGLISH, key, args), List.of(), extensions, Map.of(), key, args);
    }

    /** A refusal whose detail is the text {@code key} of {@code i18n/problems*.properties}, formatted with {@code args}. */
    static ReviewFailure of(ProblemType type, Map<String, Object> extensions, String key, Object... args) {
        return new ReviewFailure(type, extensions, key, Arrays.asList(args));
    }

    static ReviewFailure of(ProblemType type, String key, Object... args) {
        return of(type, Map.of(), key, args);
    }

    /** The caller's city scope does not cover {@code city}. */
    static ReviewFailure outOfScope(String city) {
        return of(ProblemType.OUT_OF_SCOPE, "review.outOfScope", city);
    }

    /** Someone else holds the claim on {@code row}; the extension members name them and until when. */
    static ReviewFailure claimedByOther(ApplicationRow row) {
        Map<String, Object> ext = new LinkedHashMap<>();
        ext.put("holder", row.claimedByName());
        ext.put("holderId", row.claimedBy());
        ext.put("until", row.claimExpiresAt().toString());
        return of(ProblemType.CLAIMED_BY_OTHER, ext, "review.claimedByOther", row.claimedByName(), row.id(),
                row.claimExpiresAt().toString());
    }

    /** {@code key} was used before for another request. */
    static ReviewFailure keyReused(String key) {
        return of(ProblemType.IDEMPOTENCY_KEY_REUSED, "review.keyReused", key);
    }
}
