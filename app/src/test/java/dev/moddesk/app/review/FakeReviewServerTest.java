package dev.moddesk.app.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.moddesk.app.api.ApiException;
import dev.moddesk.contract.ProblemType;
import dev.moddesk.contract.review.ApplicationStatus;
import dev.moddesk.contract.review.DecisionKind;
import dev.moddesk.contract.review.DecisionRequest;
import dev.moddesk.contract.review.DecisionResult;
import org.junit.jupiter.api.Test;

/**
 * The console's stand-in answers as the real server does (ReviewService: holder before version; idempotency records
 * per staff member). ReviewAgainstRealServerTest runs the same two cases against the server itself.
 */
class FakeReviewServerTest {

    private static final DecisionRequest APPROVE = new DecisionRequest(DecisionKind.APPROVE, null, null, null);

    private final FakeReviewServer server = new FakeReviewServer();

    private static ProblemType problemOf(Throwable e) {
        return ApiException.find(e).flatMap(ApiException::problemType).orElseThrow();
    }

    @Test
    void aStaleVersionOnAnApplicationAnotherModeratorHoldsIsReportedAsHeld() {
        long id = server.addApplication("小王", "加微信 领福利");
        server.claimAs("mod2", id);
        server.touch(id); // version 2: mod1's version 1 is stale as well

        assertThatThrownBy(() -> server.decide("mod1", id, 1, "k-1", APPROVE))
                .satisfies(e -> assertThat(problemOf(e)).isEqualTo(ProblemType.CLAIMED_BY_OTHER));
        assertThat(server.status(id)).isEqualTo(ApplicationStatus.PENDING);
    }

    @Test
    void twoModeratorsMayUseTheSameIdempotencyKey() {
        long mine = server.addApplication("小李", "喜欢爬山");
        long theirs = server.addApplication("小赵", "想认识同城山友");
        server.claim("mod1", mine);
        server.claim("mod2", theirs);

        DecisionResult first = server.decide("mod1", mine, 1, "same-key", APPROVE);
        DecisionResult second = server.decide("mod2", theirs, 1, "same-key", APPROVE);

        assertThat(first.applicationId()).isEqualTo(mine);
        assertThat(second.applicationId()).as("decided, not a replay of mod1's answer").isEqualTo(theirs);
        assertThat(server.status(theirs)).isEqualTo(ApplicationStatus.APPROVED);
        assertThat(server.decide("mod1", mine, 1, "same-key", APPROVE)).as("mod1's own replay").isEqualTo(first);
        assertThatThrownBy(() -> server.decide("mod2", mine, 1, "same-key", APPROVE))
                .as("a key is still one request for its own staff member")
                .satisfies(e -> assertThat(problemOf(e)).isEqualTo(ProblemType.IDEMPOTENCY_KEY_REUSED));
    }
}
