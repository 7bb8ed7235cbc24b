package dev.moddesk.server.review;

import dev.moddesk.server.testing.Backend;
import dev.moddesk.server.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.moddesk.contract.platform.FeedAction;
import dev.moddesk.contract.platform.IngestEvent;
import dev.moddesk.contract.review.ApplicationSummary;
import dev.moddesk.contract.review.JoinMode;
import dev.moddesk.contract.review.QueueFilter;
import dev.moddesk.server.core.Json;
import dev.moddesk.server.core.ProblemException;
import dev.moddesk.server.platform.IngestHandler;
import dev.moddesk.server.sandbox.CircleApplicantsActivity;
import dev.moddesk.server.sandbox.SimulatedPopulation;
import dev.moddesk.server.sandbox.SimulationContext;
import dev.moddesk.server.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sandbox's circle applicants, applied through review's ingest handlers exactly as the ingest API would: the
 * queue fills with the mix a moderator should see.
 */
class SandboxApplicantsIngestTest {

    private TestDatabase db;
    private ReviewModule review;
    private Map<String, IngestHandler> handlers;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-07-01T09:00:00Z"));

    @BeforeEach
    void open() {
        db = TestDatabase.create(Backend.H2);
        review = new ReviewModule(db.jdbi(), db.dataSource(), clock, ReviewScreen.bundled(), ReviewAudit.NONE, new RecordingActions(),
                new MediaLinks("sandbox-test-secret-123".getBytes(StandardCharsets.UTF_8), Duration.ofHours(1)),
                Json.mapper());
        handlers = ReviewIngestHandlers.all(review.ingest()).stream()
                .collect(Collectors.toMap(IngestHandler::type, Function.identity()));
    }

    @AfterEach
    void close() {
        db.close();
    }

    private void apply(List<IngestEvent> events) {
        for (IngestEvent e : events) {
            db.jdbi().useTransaction(h -> handlers.get(e.type()).apply(h,
                    new IngestHandler.Event(e.eventId(), e.type(), e.occurredAt(), Json.mapper().valueToTree(e.payload()))));
        }
    }

    @Test
    void aSimulatedMinuteFillsTheQueueWithAMixedCrowd() {
        SimulatedPopulation population = new SimulatedPopulation();
        for (int i = 0; i < 50; i++) {
            population.add(new SimulatedPopulation.User("known-" + i, "老用户" + i, i % 2 == 0 ? "北京" : "上海",
                    Instant.parse("2024-01-01T00:00:00Z")));
        }
        CircleApplicantsActivity activity = new CircleApplicantsActivity(new SimulationContext(new Random(7), population));
        List<IngestEvent> seed = activity.seed(clock.instant());
        assertThat(seed).hasSizeGreaterThanOrEqualTo(36).allMatch(e -> e.type().equals("circle.upserted"));
        apply(seed);
        assertThat(review.queries().circles(ReviewServiceContract.ADMIN, null))
                .extracting(c -> c.city()).contains("北京", "上海", "成都", "杭州", "广州", "深圳", "重庆");

        List<IngestEvent> events = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            clock.advance(Duration.ofMillis(250));
            events.addAll(activity.tick(clock.instant()));
        }
        assertThat(events.stream().filter(e -> e.type().equals("application.submitted")).count()).isEqualTo(300);
        assertThat(events).anyMatch(e -> e.type().equals("application.submitted")
                && ((Map<?, ?>) e.payload().get("applicant")).get("userId").toString().startsWith("known-"));
        apply(events);

        List<ApplicationSummary> queue = new ArrayList<>();
        String cursor = null;
        do {
            var page = review.queries().queue(ReviewServiceContract.ALICE, QueueFilter.all(), cursor, 200);
            queue.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        assertThat(queue).hasSizeGreaterThan(285);
        Set<String> risks = queue.stream().flatMap(a -> a.riskCodes().stream()).collect(Collectors.toSet());
        assertThat(risks).contains("SCREENED_WORDS", "DUPLICATE_TEXT", "LOCATION_MISMATCH", "NEW_ACCOUNT");
        assertThat(queue).anyMatch(a -> a.mode() == JoinMode.VIDEO).anyMatch(a -> a.mode() == JoinMode.QUESTIONS);
        long clean = queue.stream().filter(a -> a.riskScore() == 0).count();
        assertThat(clean).isGreaterThan(queue.size() / 3);
        // Genuine applicants answer in their own words: "same text as others" marks the copy-paste rings (one
        // application in twenty), not everyone who likes hiking.
        long sameText = queue.stream().filter(a -> a.riskCodes().contains("DUPLICATE_TEXT")).count();
        assertThat(sameText).as("applications flagged for text shared with others").isLessThan(queue.size() / 8);

        // Every video the simulator sends is one the sandbox uploads at start-up, and is bundled to be uploaded.
        events.stream().map(e -> e.payload().get("video")).filter(v -> v != null)
                .map(v -> (String) ((Map<?, ?>) v).get("mediaKey")).distinct()
                .forEach(key -> {
                    assertThat(dev.moddesk.server.sandbox.SandboxMedia.keys()).as(key)
                            .contains(key, key.replace(".mp4", ".jpg"));
                    assertThat(getClass().getResource("/sandbox/media/" + key)).as(key).isNotNull();
                    assertThat(getClass().getResource("/sandbox/media/" + key.replace(".mp4", ".jpg"))).isNotNull();
                });
    }

    @Test
    void anApprovedApplicantJoinsTheCircle() {
        CircleApplicantsActivity activity = new CircleApplicantsActivity(
                new SimulationContext(new Random(3), new SimulatedPopulation()));
        List<IngestEvent> seed = activity.seed(clock.instant());
        Map<String, Object> circle = seed.getFirst().payload();
        List<IngestEvent> follow = activity.onAction(new FeedAction(1, "application.approved", "application", "x",
                Map.of("circleId", circle.get("circleId"), "applicationId", "x"), clock.instant()), clock.instant());
        assertThat(follow).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo("circle.upserted");
            assertThat(e.payload().get("memberCount")).isEqualTo((Integer) circle.get("memberCount") + 1);
        });
        assertThat(activity.onAction(new FeedAction(2, "application.rejected", "application", "y",
                Map.of("circleId", circle.get("circleId")), clock.instant()), clock.instant())).isEmpty();
    }

    @Test
    void invalidPayloadsAreRefusedWithAReadableMessage() {
        IngestHandler submitted = handlers.get("application.submitted");
        assertThatThrownBy(() -> db.jdbi().useTransaction(h -> submitted.apply(h, new IngestHandler.Event("e1",
                "application.submitted", clock.instant(), Json.mapper().valueToTree(Map.of("applicationId", "a1"))))))
                .isInstanceOf(ProblemException.class).hasMessage("payload.applicant: is required");
        IngestHandler circle = handlers.get("circle.upserted");
        assertThatThrownBy(() -> db.jdbi().useTransaction(h -> circle.apply(h, new IngestHandler.Event("e2",
                "circle.upserted", clock.instant(), Json.mapper().valueToTree(Map.of("circleId", "c", "name", "n",
                        "city", "北京", "topic", "t", "joinMode", "DANCE"))))))
                .isInstanceOf(ProblemException.class)
                .hasMessage("payload.joinMode: must be one of QUESTIONS, VIDEO, EITHER");
    }
}
