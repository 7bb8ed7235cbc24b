package dev.moddesk.server.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moddesk.contract.review.Applicant;
import dev.moddesk.contract.review.ApplicationDetail;
import dev.moddesk.contract.review.JoinMode;
import dev.moddesk.server.core.Json;
import dev.moddesk.server.testing.Backend;
import dev.moddesk.server.testing.MutableClock;
import dev.moddesk.server.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Copy-paste applications arriving at once, as several ingest calls would deliver them: each applicant is counted
 * once however many of their applications race, no ingest fails (two answers in either order lock the rings in one
 * order), and every member ends up flagged with the ring's real size.
 */
@ParameterizedClass
@EnumSource(Backend.class)
class ConcurrentRingIngestTest {

    private static final String FIRST = "我热爱读书，每月读十本书，希望和大家交流";
    private static final String SECOND = "周末有空，可以帮忙组织线下读书分享活动";
    private static final int APPLICANTS = 12;

    @Parameter
    Backend backend;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-04T08:00:00Z"));
    private TestDatabase db;
    private ReviewModule review;

    @BeforeEach
    void open() {
        db = TestDatabase.create(backend);
        review = new ReviewModule(db.jdbi(), db.dataSource(), clock, ReviewScreen.bundled(), ReviewAudit.NONE,
                new RecordingActions(), new MediaLinks("ring-test-secret-123".getBytes(StandardCharsets.UTF_8),
                Duration.ofHours(1)), Json.mapper());
        for (String circle : List.of("c1", "c2")) {
            db.jdbi().useTransaction(h -> review.ingest().upsertCircle(h, circle, "读书会" + circle, "北京", "读书",
                    JoinMode.QUESTIONS, List.of("你为什么想加入？", "能为大家做什么？"), 5, "owner"));
        }
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void racingApplicationsCountEachApplicantOnceAndAllCarryTheRing() throws Exception {
        List<ApplicationIngest.Submission> wave = new ArrayList<>();
        for (int i = 0; i < APPLICANTS; i++) {
            // Every applicant applies to both circles, answering in either order.
            for (String circle : List.of("c1", "c2")) {
                boolean swapped = (i % 2 == 0) == circle.equals("c1");
                wave.add(new ApplicationIngest.Submission("a-" + i + "-" + circle, circle,
                        new Applicant("u-" + i, "读者" + i, null, Instant.parse("2020-01-01T00:00:00Z")), null,
                        List.of(new StoredAnswer(1, swapped ? SECOND : FIRST), new StoredAnswer(2, swapped ? FIRST : SECOND)),
                        null, null, null, null, clock.instant().plusMillis(wave.size())));
            }
        }
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> done = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (ApplicationIngest.Submission s : wave) {
                done.add(pool.submit(() -> {
                    start.await();
                    return db.jdbi().inTransaction(h -> review.ingest().submit(h, s));
                }));
            }
            start.countDown();
            for (Future<Boolean> f : done) {
                assertThat(f.get()).isTrue();
            }
        }

        List<Long> ids = db.jdbi().withHandle(h -> h.createQuery("SELECT id FROM review_application ORDER BY id")
                .mapTo(Long.class).list());
        assertThat(ids).hasSize(wave.size());
        for (long id : ids) {
            ApplicationDetail detail = review.queries().detail(ReviewServiceContract.ADMIN, id);
            assertThat(detail.riskScore()).as("application %d", id).isEqualTo(30);
            assertThat(detail.risks()).as("application %d", id).singleElement().satisfies(ring -> {
                assertThat(ring.code()).isEqualTo("DUPLICATE_TEXT");
                assertThat(ring.params()).containsEntry("applicants", Integer.toString(APPLICANTS));
            });
        }
    }
}
