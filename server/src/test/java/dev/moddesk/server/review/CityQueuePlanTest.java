package dev.moddesk.server.review;

import static dev.moddesk.server.review.CityQueueTest.CHENGDU;
import static dev.moddesk.server.review.CityQueueTest.RISKIEST_FIRST;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.moddesk.server.testing.Backend;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * On PostgreSQL, a moderator scoped to one city taking the riskiest first claims from that city's rows alone. Before
 * the applications carried their city (V90, V91), the claim walked the risk index from the top and read every pending
 * row of every other city above the first free one of its own: 300 here, tens of thousands in a real backlog.
 */
class CityQueuePlanTest {

    private CityQueueFixture fixture;

    @BeforeEach
    void open() {
        fixture = new CityQueueFixture(Backend.POSTGRES);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void aScopedRiskClaimReadsOnlyItsCitysRows() {
        fixture.circle("hiking-bj", "北京");
        fixture.circle("boardgame-cd", "成都");
        for (int i = 0; i < 300; i++) {
            fixture.risky("hiking-bj");
        }
        long calm = fixture.calm("boardgame-cd");
        fixture.db.jdbi().useHandle(h -> h.execute("ANALYZE review_application"));

        PostgresReviewStore store = new PostgresReviewStore(fixture.db.dataSource(), new ReviewStores(),
                new QueueFloors());
        JsonNode plan = readPlan(store.explainClaimNext(CHENGDU, RISKIEST_FIRST, fixture.clock.instant()));

        // The free 成都 row, then the claim's update of it by id: a handful of rows, not the 300 北京 rows above it.
        assertThat(applicationRowsRead(plan.get(0).get("Plan"))).isBetween(1L, 10L);
        // The EXPLAIN claimed nothing.
        assertThat(fixture.review.claims().claimNext(CHENGDU, RISKIEST_FIRST).orElseThrow().id()).isEqualTo(calm);
    }

    /** Rows the plan's scans of review_application returned or filtered out, over all their loops. */
    private static long applicationRowsRead(JsonNode node) {
        long rows = 0;
        if ("review_application".equals(node.path("Relation Name").asText())) {
            rows += (node.path("Actual Rows").asLong() + node.path("Rows Removed by Filter").asLong())
                    * Math.max(1, node.path("Actual Loops").asLong());
        }
        rows += node.path("Rows Removed by Join Filter").asLong();
        for (JsonNode child : node.path("Plans")) {
            rows += applicationRowsRead(child);
        }
        return rows;
    }

    private static JsonNode readPlan(String json) {
        try {
            return CityQueueFixture.JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("EXPLAIN gave no JSON: " + json, e);
        }
    }
}
