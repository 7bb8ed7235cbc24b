package dev.moddesk.server.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moddesk.contract.Role;
import dev.moddesk.contract.review.ApplicationDetail;
import dev.moddesk.contract.review.ApplicationSummary;
import dev.moddesk.contract.review.QueueFilter;
import dev.moddesk.server.testing.Backend;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The queue within a city: a moderator scoped to one city, taking the riskiest first, gets that city's applications
 * however many riskier ones other cities hold, and a circle that moves to another city takes its pending applications
 * to that city's queue (the applications carry their circle's city for the queue's indexes). How many rows the claim
 * reads on PostgreSQL: {@link CityQueuePlanTest}.
 */
@ParameterizedClass
@EnumSource(Backend.class)
class CityQueueTest {

    static final ReviewActor CHENGDU = new ReviewActor(4, "dave", Role.MODERATOR, Set.of("成都"), null);
    static final ReviewActor BEIJING = new ReviewActor(5, "erin", Role.MODERATOR, Set.of("北京"), null);
    static final QueueFilter RISKIEST_FIRST = new QueueFilter(null, null, null, null, null, null, "risk");
    static final QueueFilter OLDEST_FIRST = new QueueFilter(null, null, null, null, null, null, "age");

    @Parameter
    Backend backend;

    private CityQueueFixture fixture;
    private ReviewModule review;

    @BeforeEach
    void open() {
        fixture = new CityQueueFixture(backend);
        review = fixture.review;
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void aCityScopedModeratorTakingTheRiskiestFirstGetsTheirCityUnderAPileOfRiskierOnes() {
        fixture.circle("hiking-bj", "北京");
        fixture.circle("boardgame-cd", "成都");
        for (int i = 0; i < 40; i++) {
            fixture.risky("hiking-bj");
        }
        long calm = fixture.calm("boardgame-cd");

        ApplicationDetail claimed = review.claims().claimNext(CHENGDU, RISKIEST_FIRST).orElseThrow();

        assertThat(claimed.id()).isEqualTo(calm);
        assertThat(claimed.circle().city()).isEqualTo("成都");
        assertThat(review.claims().claimNext(CHENGDU, RISKIEST_FIRST)).isEmpty();
        assertThat(review.claims().claimNext(BEIJING, RISKIEST_FIRST).orElseThrow().riskScore())
                .isGreaterThanOrEqualTo(60);
    }

    @Test
    void aCircleThatMovesToAnotherCityTakesItsPendingApplicationsToThatCitysQueue() {
        fixture.circle("reading", "成都");
        long waiting = fixture.calm("reading");
        assertThat(queueIds(BEIJING)).isEmpty();

        fixture.circle("reading", "北京");

        assertThat(queueIds(CHENGDU)).isEmpty();
        assertThat(review.claims().claimNext(CHENGDU, OLDEST_FIRST)).isEmpty();
        assertThat(queueIds(BEIJING)).containsExactly(waiting);
        assertThat(review.queries().queue(BEIJING, new QueueFilter("北京", null, null, null, null, null, "risk"), null, 10)
                .items()).extracting(ApplicationSummary::id).containsExactly(waiting);
        assertThat(review.claims().claimNext(BEIJING, OLDEST_FIRST).orElseThrow().id()).isEqualTo(waiting);
    }

    private List<Long> queueIds(ReviewActor actor) {
        return review.queries().queue(actor, OLDEST_FIRST, null, 50).items().stream().map(ApplicationSummary::id).toList();
    }
}
